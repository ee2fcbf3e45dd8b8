package io.rediha.node.replication;

import io.rediha.node.command.Args;
import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;

/**
 * The FAILOVER command (Redis 6.2+): a master hands its role to one of its replicas without
 * losing a write. It pauses writes, waits until the chosen replica (or the first one) has
 * acknowledged the whole stream, then becomes that replica's replica and opens the link with
 * {@code PSYNC <replid> <offset> FAILOVER}: the target promotes itself on that request, keeping
 * the shared history, so the old master continues from it with {@code +CONTINUE}. Once the target
 * answers the PSYNC the writes held meanwhile resume and are refused as READONLY, which is what
 * sends clients to the new master.
 *
 * <p>States, as INFO's {@code master_failover_state} shows them: no-failover, waiting-for-sync,
 * failover-in-progress. Command thread only.
 */
final class CoordinatedFailover {
    /** What the failover needs from the replication extension. */
    interface Roles {
        /** Becomes a replica of host:port, opening the link with PSYNC ... FAILOVER. */
        void becomeFailoverReplicaOf(String host, int port);

        /** Back to master after a failover that did not complete. */
        void returnToMaster(String reason);
    }

    enum Phase {
        NO_FAILOVER("no-failover"), WAITING_FOR_SYNC("waiting-for-sync"), IN_PROGRESS("failover-in-progress");

        final String infoName;

        Phase(String infoName) {
            this.infoName = infoName;
        }
    }

    private final RedisServer server;
    private final ReplicationState state;
    private final Roles roles;
    private Phase phase = Phase.NO_FAILOVER;
    private String targetHost;
    private int targetPort;
    private long deadlineMillis;
    private boolean force;

    CoordinatedFailover(RedisServer server, ReplicationState state, Roles roles) {
        this.server = server;
        this.state = state;
        this.roles = roles;
    }

    Phase phase() {
        return phase;
    }

    boolean inProgress() {
        return phase != Phase.NO_FAILOVER;
    }

    /** FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms]: replies itself. */
    void command(Client c, byte[][] a) {
        if (a.length == 2 && Args.is(a[1], "abort")) {
            if (phase == Phase.NO_FAILOVER) {
                c.addError("ERR No failover in progress.");
                return;
            }
            abort("Failover manually aborted");
            c.addOk();
            return;
        }
        long timeout = 0;
        boolean forceFlag = false;
        String host = null;
        long port = 0;
        for (int j = 1; j < a.length; j++) {
            if (Args.is(a[j], "timeout") && j + 1 < a.length && timeout == 0) {
                Long t = parseLong(a[j + 1]);
                if (t == null) {
                    c.addError("ERR value is not an integer or out of range");
                    return;
                }
                if (t <= 0) {
                    c.addError("ERR FAILOVER timeout must be greater than 0");
                    return;
                }
                timeout = t;
                j++;
            } else if (Args.is(a[j], "to") && j + 2 < a.length && host == null) {
                Long p = parseLong(a[j + 2]);
                if (p == null) {
                    c.addError("ERR value is not an integer or out of range");
                    return;
                }
                port = p;
                host = Args.str(a[j + 1]);
                j += 2;
            } else if (Args.is(a[j], "force") && !forceFlag) {
                forceFlag = true;
            } else {
                c.addError("ERR syntax error");
                return;
            }
        }
        if (phase != Phase.NO_FAILOVER) {
            c.addError("ERR FAILOVER already in progress.");
            return;
        }
        if (!state.isMaster()) {
            c.addError("ERR FAILOVER is not valid when server is a replica.");
            return;
        }
        if (state.replicas().isEmpty()) {
            c.addError("ERR FAILOVER requires connected replicas.");
            return;
        }
        if (forceFlag && (timeout == 0 || host == null)) {
            c.addError("ERR FAILOVER with force option requires both a timeout and target HOST and IP.");
            return;
        }
        if (host != null) {
            ReplicaPeer target = find(host, (int) port);
            if (target == null) {
                c.addError("ERR FAILOVER target HOST and PORT is not a replica.");
                return;
            }
            if (target.state() != ReplicaPeer.State.ONLINE) {
                c.addError("ERR FAILOVER target replica is not online.");
                return;
            }
            server.log().notice("FAILOVER requested to " + host + ":" + port + ".");
        } else {
            server.log().notice("FAILOVER requested to any replica.");
        }
        targetHost = host;
        targetPort = (int) port;
        deadlineMillis = timeout > 0 ? System.currentTimeMillis() + timeout : 0;
        force = forceFlag;
        phase = Phase.WAITING_FOR_SYNC;
        state.setFailoverState(phase.infoName);
        server.clientPause().holdWrites(this);
        state.feedGenerated("REPLCONF", "GETACK", "*");
        c.addOk();
    }

    private static Long parseLong(byte[] b) {
        try {
            return Long.parseLong(Args.str(b));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private ReplicaPeer find(String host, int port) {
        for (ReplicaPeer p : state.replicas()) {
            if (p.ip().equalsIgnoreCase(host) && p.listeningPort() == port) {
                return p;
            }
        }
        return null;
    }

    /** At hz and after every ACK: fails over once the target has everything, or gives up at the deadline. */
    void checkProgress() {
        if (phase != Phase.WAITING_FOR_SYNC) {
            return;
        }
        long offset = state.masterReplOffset();
        ReplicaPeer ready = null;
        for (ReplicaPeer p : state.replicas()) {
            boolean candidate = targetHost == null || (p.ip().equalsIgnoreCase(targetHost) && p.listeningPort() == targetPort);
            if (candidate && p.state() == ReplicaPeer.State.ONLINE && p.ackOffset() >= offset) {
                ready = p;
                break;
            }
        }
        if (ready != null) {
            server.log().notice("Failover target " + ready.ip() + ":" + ready.listeningPort() + " is synced, failing over.");
            start(ready.ip(), ready.listeningPort());
            return;
        }
        if (deadlineMillis != 0 && System.currentTimeMillis() >= deadlineMillis) {
            if (force && targetHost != null) {
                server.log().notice("FAILOVER to " + targetHost + ":" + targetPort + " time out exceeded, failing over.");
                start(targetHost, targetPort);
            } else {
                abort("Replica never caught up before timeout");
            }
        }
    }

    private void start(String host, int port) {
        targetHost = host;
        targetPort = port;
        phase = Phase.IN_PROGRESS;
        state.setFailoverState(phase.infoName);
        roles.becomeFailoverReplicaOf(host, port);
    }

    /** The target answered our PSYNC: it is the master now; held writes resume (and meet READONLY). */
    void targetAccepted() {
        if (phase == Phase.IN_PROGRESS) {
            server.log().notice("FAILOVER to " + targetHost + ":" + targetPort + " completed.");
            clear();
        }
    }

    /** The link to the target failed or it refused our PSYNC before answering it. */
    void targetRefused(String why) {
        if (phase == Phase.IN_PROGRESS) {
            abort(why);
        }
    }

    private void abort(String reason) {
        server.log().notice(targetHost != null
                ? "FAILOVER to " + targetHost + ":" + targetPort + " aborted: " + reason
                : "FAILOVER to any replica aborted: " + reason);
        if (phase == Phase.IN_PROGRESS) {
            roles.returnToMaster(reason);
        }
        clear();
    }

    private void clear() {
        phase = Phase.NO_FAILOVER;
        state.setFailoverState(phase.infoName);
        targetHost = null;
        targetPort = 0;
        deadlineMillis = 0;
        force = false;
        server.clientPause().release(this);
    }
}
