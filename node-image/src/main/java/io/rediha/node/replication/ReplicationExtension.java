package io.rediha.node.replication;

import io.rediha.node.command.Args;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.config.ConfigDirective;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.persistence.Snapshots;
import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import io.rediha.node.server.ServerExtension;
import io.rediha.node.store.Keyspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Replication in the server: the REPLICAOF/SLAVEOF, PSYNC/SYNC, REPLCONF, ROLE and WAIT
 * commands, the propagation listener that feeds the stream, the READONLY / NOREPLICAS /
 * MASTERDOWN guards, the INFO replication section, and the replica side's {@link ReplicaLink}.
 */
public final class ReplicationExtension implements ServerExtension {
    private RedisServer server;
    private FullSyncSnapshots fullSyncSnapshots;
    private final ReplicationState state = new ReplicationState();
    private final Map<Client, ReplicaPeer> peers = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Client masterClient;
    /** The client whose command is running (set by the guard, which runs before every command). */
    private Client runningClient;
    /** Stream offset after each client's last write: what WAIT waits for. */
    private final Map<Client, Long> lastWriteOffset = new java.util.WeakHashMap<>();
    private long lastPingMillis = System.currentTimeMillis();
    private boolean getackPending;
    private CoordinatedFailover failover;

    private record Waiter(Client client, long offset, int numReplicas, long deadlineMillis) {
    }

    @Override
    public int order() {
        return 20;
    }

    public ReplicationState state() {
        return state;
    }

    @Override
    public void registerCommands(CommandTable table, ConfigRegistry config) {
        for (String name : List.of("replicaof", "slaveof")) {
            table.register(CommandSpec.builder(name, 3).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.STALE)
                    .group("server").summary("Configures a server as replica of another, or promotes it to a master.")
                    .handler(this::replicaof).build());
        }
        table.register(CommandSpec.builder("psync", -3).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_MULTI)
                .group("server").summary("An internal command used in replication.").handler(this::psync).build());
        table.register(CommandSpec.builder("sync", 1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_MULTI)
                .group("server").summary("An internal command used in replication.").handler(this::sync).build());
        table.register(CommandSpec.builder("replconf", -1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT,
                        CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.ALLOW_BUSY)
                .group("server").summary("An internal command for configuring the replication stream.")
                .handler(this::replconf).build());
        CommandSpec role = CommandSpec.builder("role", 1).flags(CommandFlag.NOSCRIPT, CommandFlag.LOADING,
                        CommandFlag.STALE, CommandFlag.FAST)
                .group("server").summary("Returns the replication role.").handler(this::role).build();
        if (table.get("role") != null) {
            table.replace(role);
        } else {
            table.register(role);
        }
        table.register(CommandSpec.builder("failover", -1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.STALE)
                .group("server").summary("Starts a coordinated failover from a server to one of its replicas.")
                .handler((c, a) -> failover.command(c, a)).build());
        CommandSpec wait = CommandSpec.builder("wait", 3).flags(CommandFlag.NOSCRIPT)
                .group("generic").summary("Blocks until the asynchronous replication of all preceding write commands"
                        + " sent by the connection is completed.").handler(this::waitCommand).build();
        if (table.get("wait") != null) {
            table.replace(wait);
        } else {
            table.register(wait);
        }
    }

    @Override
    public void beforeStart(RedisServer s) {
        this.server = s;
        this.failover = new CoordinatedFailover(s, state, new CoordinatedFailover.Roles() {
            public void becomeFailoverReplicaOf(String host, int port) {
                becomeReplicaOf(host, port, true);
            }

            public void returnToMaster(String reason) {
                promoteToMaster("failover aborted: " + reason);
            }
        });
        s.shutdownSequence().setReplicaSync(new ShutdownReplicaSync());
        this.fullSyncSnapshots = new FullSyncSnapshots(s);
        state.setBacklogSize((int) Math.min(Integer.MAX_VALUE, s.config().getLong("repl-backlog-size")));
        s.config().onChange("repl-backlog-size", d -> state.setBacklogSize((int) Math.min(Integer.MAX_VALUE, d.number())));
        s.propagation().addListener((db, argv) -> {
            if (!s.propagation().fromMasterStream()) {
                state.feed(db, argv);
                if (runningClient != null && s.dispatcher().inCommand()) {
                    lastWriteOffset.put(runningClient, state.masterReplOffset());
                }
            }
        });
        // The guard runs before every command: resolve its directives once, not by name each time.
        ConfigRegistry cfg = s.config();
        serveStaleData = cfg.require("replica-serve-stale-data");
        replicaReadOnly = cfg.require("replica-read-only");
        minReplicasToWrite = cfg.require("min-replicas-to-write");
        minReplicasMaxLag = cfg.require("min-replicas-max-lag");
        s.addCommandGuard(this::guard);
        s.info().register("Replication", true, out -> out.append(state.info(settings(), System.currentTimeMillis())));
        s.setRoleSupplier(() -> state.isMaster() ? "master" : "slave");
        s.addClientCloseListener(c -> {
            ReplicaPeer p = peers.remove(c);
            if (p != null) {
                state.removeReplica(p);
                server.log().notice("Connection with replica " + p.ip() + ":" + p.listeningPort() + " lost.");
            }
            waiters.removeIf(w -> w.client() == c);
            lastWriteOffset.remove(c);
            if (runningClient == c) {
                runningClient = null;
            }
        });
        s.addCronHook(this::cron);
        s.addBeforeFlushHook(this::beforeFlush);
    }

    @Override
    public void afterStart(RedisServer s) throws Exception {
        String replicaof = s.config().getString("replicaof");
        if (replicaof != null && !replicaof.isBlank()) {
            String[] w = replicaof.trim().split("\\s+");
            if (w.length == 2) {
                int port = Integer.parseInt(w[1]);
                s.callOnCommandThread(() -> {
                    becomeReplicaOf(w[0], port);
                    return null;
                });
            }
        }
    }

    private ReplicationState.Settings settings() {
        ConfigRegistry c = server.config();
        return new ReplicationState.Settings() {
            public int replicaPriority() {
                return c.getInt("replica-priority");
            }

            public boolean replicaReadOnly() {
                return c.getBool("replica-read-only");
            }

            public boolean replicaAnnounced() {
                return c.getBool("replica-announced");
            }

            public int minReplicasToWrite() {
                return c.getInt("min-replicas-to-write");
            }

            public int minReplicasMaxLag() {
                return c.getInt("min-replicas-max-lag");
            }
        };
    }

    // ------------------------------------------------------------------ guards

    private ConfigDirective serveStaleData;
    private ConfigDirective replicaReadOnly;
    private ConfigDirective minReplicasToWrite;
    private ConfigDirective minReplicasMaxLag;

    private String guard(Client c, CommandSpec cmd, byte[][] argv) {
        runningClient = c;
        if (c.isMaster()) {
            return null;
        }
        if (!state.isMaster()) {
            // PING is refused too (observed on Redis 7.0), although it may carry the STALE flag here
            if (!state.linkUp() && serveStaleData.number() == 0
                    && (!cmd.has(CommandFlag.STALE) || cmd.name().equals("ping"))) {
                return "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
            }
            if (cmd.has(CommandFlag.WRITE) && replicaReadOnly.number() != 0) {
                return ErrorReplies.READONLY;
            }
            return null;
        }
        long min = minReplicasToWrite.number();
        long lag = minReplicasMaxLag.number();
        if (min > 0 && lag > 0 && cmd.has(CommandFlag.WRITE)
                && state.goodReplicas(lag, System.currentTimeMillis()) < min) {
            return ErrorReplies.NOREPLICAS;
        }
        return null;
    }

    // ------------------------------------------------------------------ REPLICAOF

    private void replicaof(Client c, byte[][] a) {
        if (c.isMaster()) {
            c.addError("ERR Command is not valid when client is a replica.");
            return;
        }
        if (failover.inProgress()) {
            c.addError("ERR REPLICAOF not allowed while failing over.");
            return;
        }
        if (Args.is(a[1], "no") && Args.is(a[2], "one")) {
            if (!state.isMaster()) {
                promoteToMaster("user request from '" + c.address() + "'");
            }
            c.addOk();
            return;
        }
        long port;
        try {
            port = Long.parseLong(Args.str(a[2]));
        } catch (NumberFormatException e) {
            c.addError("ERR Invalid master port");
            return;
        }
        if (port < 0 || port > 65535) {
            c.addError("ERR Invalid master port");
            return;
        }
        String host = Args.str(a[1]);
        ReplicaLink current = state.link();
        if (current != null && current.masterHost().equalsIgnoreCase(host) && current.masterPort() == port) {
            c.addSimple("OK Already connected to specified master");
            return;
        }
        becomeReplicaOf(host, (int) port);
        server.log().notice("REPLICAOF " + host + ":" + port + " enabled (user request from '" + c.address() + "')");
        c.addOk();
    }

    /** REPLICAOF NO ONE and its equivalents (a PSYNC FAILOVER request, an aborted FAILOVER). Command thread. */
    private void promoteToMaster(String why) {
        state.promote();
        server.keyspace().setReplicaMode(false);
        dropMasterClient();
        server.log().notice("MASTER MODE enabled (" + why + ")");
        server.log().notice("Setting secondary replication ID to " + state.ids().replid2()
                + ", valid up to offset: " + state.ids().secondReplOffset()
                + ". New replication ID is " + state.ids().replid());
    }

    /** Command thread. */
    private void becomeReplicaOf(String host, int port) {
        becomeReplicaOf(host, port, false);
    }

    /** Command thread; {@code failover}: open the link with PSYNC ... FAILOVER (see {@link CoordinatedFailover}). */
    private void becomeReplicaOf(String host, int port, boolean failoverPsync) {
        LinkHost linkHost = new LinkHost(failoverPsync);
        ReplicaLink link = new ReplicaLink(linkHost, host, port);
        linkHost.owner = link;
        state.demote(link);
        dropMasterClient();
        server.keyspace().setReplicaMode(true);
        for (Waiter w : waiters) {
            w.client().addError("UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");
            w.client().unblock();
        }
        waiters.clear();
        link.start();
    }

    private void dropMasterClient() {
        masterClient = null;
    }

    // ------------------------------------------------------------------ master side commands

    private ReplicaPeer peerFor(Client c) {
        return peers.computeIfAbsent(c, cl -> new ReplicaPeer(new ReplicaPeer.Channel() {
            public void write(byte[] bytes) {
                cl.writeRaw(bytes);
            }

            public void close() {
                server.clients().kill(cl);
            }

            public void writeBulk(byte[] payload, Runnable done) {
                io.netty.channel.Channel ch = cl.channel();
                if (ch == null) {
                    return;
                }
                // after this round's replies are flushed, so nothing queued can overtake the payload
                server.executor().execute(() -> sendChunk(ch, payload, 0, done));
            }

            public io.netty.channel.Channel socket() {
                return cl.channel();
            }

            public String peerIp() {
                String addr = cl.address();
                int colon = addr.lastIndexOf(':');
                return colon > 0 ? addr.substring(0, colon) : addr;
            }
        }));
    }

    private static final int BULK_CHUNK = 1 << 20;

    /** Writes the next chunk when the previous one reached the socket, so at most one chunk is buffered. */
    private void sendChunk(io.netty.channel.Channel ch, byte[] payload, int off, Runnable done) {
        if (!ch.isActive()) {
            return;
        }
        int len = Math.min(BULK_CHUNK, payload.length - off);
        ch.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(payload, off, len)).addListener(f -> {
            if (!f.isSuccess()) {
                return;
            }
            if (off + len >= payload.length) {
                done.run();
            } else {
                sendChunk(ch, payload, off + len, done);
            }
        });
    }

    private void replconf(Client c, byte[][] a) {
        if (a.length % 2 == 0) {
            c.addError(ErrorReplies.SYNTAX);
            return;
        }
        for (int i = 1; i < a.length; i += 2) {
            String opt = Args.lower(a[i]);
            String val = Args.str(a[i + 1]);
            switch (opt) {
                case "listening-port" -> {
                    try {
                        peerFor(c).listeningPort = Integer.parseInt(val);
                    } catch (NumberFormatException e) {
                        c.addError("ERR value is not an integer or out of range");
                        return;
                    }
                }
                case "ip-address" -> {
                    if (val.length() > 46) {
                        c.addError("ERR REPLCONF ip-address provided by replica instance is too long: " + val.length() + " bytes");
                        return;
                    }
                    peerFor(c).announcedIp = val;
                }
                case "capa" -> {
                    if (val.equalsIgnoreCase("eof")) {
                        peerFor(c).capaEof = true;
                    } else if (val.equalsIgnoreCase("psync2")) {
                        peerFor(c).capaPsync2 = true;
                    }
                }
                case "ack" -> {
                    ReplicaPeer p = peers.get(c);
                    if (p != null && c.isReplica()) {
                        try {
                            state.ack(p, Long.parseLong(val));
                        } catch (NumberFormatException ignored) {
                            // a malformed ACK is ignored, as Redis does
                        }
                        checkWaiters();
                        failover.checkProgress();
                        server.shutdownSequence().checkProgress();
                    }
                    return; // never replies
                }
                case "getack" -> {
                    return; // only meaningful on a replica's link; never replies
                }
                case "rdb-only", "rdb-filter-only" -> {
                    // accepted for redis-cli --rdb; we always send a full payload
                }
                default -> {
                    c.addError("ERR Unrecognized REPLCONF option: " + Args.str(a[i]));
                    return;
                }
            }
        }
        c.addOk();
    }

    private void psync(Client c, byte[][] a) {
        if (c.isReplica()) {
            return; // already a replica link: ignore, as Redis does
        }
        if (a.length > 3 && Args.is(a[3], "failover")) {
            if (!Args.str(a[1]).equalsIgnoreCase(state.ids().replid())) {
                c.addError("ERR PSYNC FAILOVER replid must match my replid.");
                return;
            }
            if (!state.isMaster()) {
                promoteToMaster("failover request from '" + c.address() + "'");
            }
        }
        if (failover.inProgress()) {
            c.addError("NOMASTERLINK Can't SYNC while failing over");
            return;
        }
        if (!state.isMaster() && !state.linkUp()) {
            c.addError("NOMASTERLINK Can't SYNC while not connected with my master");
            return;
        }
        String replid = Args.str(a[1]);
        long offset;
        try {
            offset = Long.parseLong(Args.str(a[2]));
        } catch (NumberFormatException e) {
            offset = -1;
        }
        c.markReplica(true);
        ReplicaPeer p = peerFor(c);
        long t0 = System.nanoTime();
        String reply = state.psync(p, replid, offset, fullSyncSnapshots);
        if (reply.startsWith("+CONTINUE")) {
            server.log().notice("Partial resynchronization request from " + p.ip() + ":" + p.listeningPort()
                    + " accepted. Sending " + (state.masterReplOffset() + 1 - offset) + " bytes of backlog starting from offset " + offset + ".");
        } else {
            server.log().notice("Full resync requested by replica " + p.ip() + ":" + p.listeningPort()
                    + "; snapshot sent (" + (System.nanoTime() - t0) / 1_000_000 + " ms on the command thread)");
        }
    }

    /** SYNC, the pre-PSYNC form: a full resync whose payload starts at once, with no +FULLRESYNC line. */
    private void sync(Client c, byte[][] a) {
        if (!c.isReplica()) {
            peerFor(c).legacySync = true;
        }
        psync(c, new byte[][] {a[0], Args.bytes("?"), Args.bytes("-1")});
    }

    private void role(Client c, byte[][] a) {
        if (state.isMaster()) {
            c.addArrayLen(3);
            c.addBulk("master");
            c.addInteger(state.masterReplOffset());
            List<ReplicaPeer> online = new ArrayList<>();
            for (ReplicaPeer p : state.replicas()) {
                if (p.state() == ReplicaPeer.State.ONLINE) {
                    online.add(p);
                }
            }
            c.addArrayLen(online.size());
            for (ReplicaPeer p : online) {
                c.addArrayLen(3);
                c.addBulk(p.ip());
                c.addBulk(Integer.toString(p.listeningPort()));
                c.addBulk(Long.toString(p.ackOffset()));
            }
        } else {
            ReplicaLink l = state.link();
            c.addArrayLen(5);
            c.addBulk("slave");
            c.addBulk(l.masterHost());
            c.addInteger(l.masterPort());
            c.addBulk(l.state().roleName());
            c.addInteger(l.state() == ReplicaLinkState.CONNECTED ? state.masterReplOffset() : -1);
        }
    }

    // ------------------------------------------------------------------ WAIT

    private void waitCommand(Client c, byte[][] a) {
        if (!state.isMaster()) {
            c.addError("ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a"
                    + " replica is configured to be writable (which is not the default) writes to replicas are just local"
                    + " and are not propagated.");
            return;
        }
        long num;
        long timeout;
        try {
            num = Long.parseLong(Args.str(a[1]));
            timeout = Long.parseLong(Args.str(a[2]));
        } catch (NumberFormatException e) {
            c.addError("ERR value is not an integer or out of range");
            return;
        }
        if (timeout < 0) {
            c.addError("ERR timeout is negative");
            return;
        }
        long target = lastWriteOffset.getOrDefault(c, 0L);
        int acked = state.replicasAckedAtLeast(target);
        if (acked >= num || c.inMulti()) {
            c.addInteger(acked);
            return;
        }
        long deadline = timeout == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        waiters.add(new Waiter(c, target, (int) num, deadline));
        c.block("wait");
        getackPending = true;
    }

    private void checkWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            int acked = state.replicasAckedAtLeast(w.offset());
            if (acked >= w.numReplicas() || now >= w.deadlineMillis()) {
                it.remove();
                w.client().addInteger(acked);
                w.client().unblock();
            }
        }
    }

    private void beforeFlush() {
        if (getackPending) {
            getackPending = false;
            state.feedGenerated("REPLCONF", "GETACK", "*");
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** What the shutdown sequence waits for: every replica holding every data change. */
    private final class ShutdownReplicaSync implements io.rediha.node.server.Shutdown.ReplicaSync {
        @Override
        public boolean replicasInSync() {
            return !state.isMaster() || state.replicasHaveAllData();
        }

        @Override
        public void requestAcks() {
            state.feedGenerated("REPLCONF", "GETACK", "*");
        }

        @Override
        public boolean hasOnlineReplicas() {
            for (ReplicaPeer p : state.replicas()) {
                if (p.state() == ReplicaPeer.State.ONLINE) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void logFinalState(io.rediha.node.server.ServerLog log) {
            long now = System.currentTimeMillis();
            long target = state.dataOffset();
            int inSync = 0;
            for (ReplicaPeer p : state.replicas()) {
                if (p.state() == ReplicaPeer.State.ONLINE && p.ackOffset() >= target) {
                    inSync++;
                } else {
                    log.warning("Lagging replica " + p.ip() + ":" + p.listeningPort() + " reported offset "
                            + (state.masterReplOffset() - p.ackOffset()) + " behind master, lag=" + p.lagSeconds(now)
                            + ", state=" + p.state().infoName + ".");
                }
            }
            log.notice(inSync + " of " + state.replicas().size() + " replicas are in sync when shutting down.");
        }
    }

    // ------------------------------------------------------------------ cron

    private void cron() {
        long now = System.currentTimeMillis();
        checkWaiters();
        failover.checkProgress();
        if (state.isMaster() && !state.replicas().isEmpty()) {
            long period = server.config().getInt("repl-ping-replica-period") * 1000L;
            // no PING while writes are held: a failover or shutdown waits for replicas to reach the
            // offset, and a PING would move it on again
            if (now - lastPingMillis >= period && !server.clientPause().writesHeld()) {
                lastPingMillis = now;
                state.feedGenerated("PING");
            }
            long timeout = server.config().getInt("repl-timeout") * 1000L;
            for (ReplicaPeer p : new ArrayList<>(state.replicas())) {
                if (p.state() == ReplicaPeer.State.ONLINE && now - p.ackTimeMillis() > timeout) {
                    server.log().warning("Disconnecting timedout replica (streaming sync): " + p.ip() + ":" + p.listeningPort());
                    p.channel().close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ replica side

    /** What the link thread asks of the server; each call hops to the command thread when it touches state. */
    private final class LinkHost implements ReplicaLink.Host {
        private volatile long applied;
        private ReplicaLink owner;
        private final boolean failoverPsync;

        LinkHost(boolean failoverPsync) {
            this.failoverPsync = failoverPsync;
        }

        /** Command thread: refuses work from a link that was replaced or stopped meanwhile. */
        private void checkCurrent() throws IOException {
            if (state.link() != owner || owner.stopped()) {
                throw new IOException("replication link was replaced");
            }
        }

        @Override
        public int announcePort() {
            int p = server.config().getInt("replica-announce-port");
            return p != 0 ? p : server.port();
        }

        @Override
        public String announceIp() {
            return server.config().getString("replica-announce-ip");
        }

        @Override
        public String masterAuth() {
            return server.config().getString("masterauth");
        }

        @Override
        public String masterUser() {
            return server.config().getString("masteruser");
        }

        @Override
        public int replTimeoutSeconds() {
            return server.config().getInt("repl-timeout");
        }

        @Override
        public Path workDir() {
            String dir = server.config().getString("dir");
            return dir == null || dir.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(dir);
        }

        @Override
        public String[] psyncOffer() {
            try {
                String[] offer = server.callOnCommandThread(state::psyncOffer);
                return offer != null && failoverPsync ? new String[] {offer[0], offer[1], "FAILOVER"} : offer;
            } catch (Exception e) {
                return null;
            }
        }

        @Override
        public void psyncAnswered(String reply) {
            if (!failoverPsync) {
                return;
            }
            server.executor().execute(() -> {
                if (state.link() != owner) {
                    return;
                }
                if (reply != null && (reply.startsWith("+CONTINUE") || reply.startsWith("+FULLRESYNC"))) {
                    failover.targetAccepted();
                } else {
                    failover.targetRefused(reply == null ? "Failover target could not be reached"
                            : "Failover target rejected psync request");
                }
            });
        }

        @Override
        public void installFullSync(Path rdbFile, String replid, long offset, Runnable keepAlive) throws IOException {
            try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(rdbFile), 1 << 16)) {
                installFullSync(in, replid, offset, keepAlive);
            }
        }

        @Override
        public void installFullSync(java.io.InputStream payload, String replid, long offset, Runnable keepAlive) throws IOException {
            Keyspace fresh = new Keyspace(server.keyspace().databases());
            fresh.setReplicaMode(true);
            long t0 = System.nanoTime();
            Snapshots.Loaded loaded = Snapshots.load(payload, fresh, false);
            keepAlive.run();
            try {
                server.callOnCommandThread(() -> {
                    checkCurrent();
                    Snapshots.replaceContents(server.keyspace(), fresh);
                    state.adoptFullSync(replid, offset);
                    io.rediha.node.persistence.PersistenceExtension.afterDatasetReplaced(server);
                    applied = offset;
                    return null;
                });
            } catch (Exception e) {
                throw new IOException("installing the dataset failed: " + e.getMessage(), e);
            }
            log("MASTER <-> REPLICA sync: loaded " + loaded.keys() + " keys in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }

        @Override
        public void continueSync(String newReplid) {
            try {
                server.callOnCommandThread(() -> {
                    checkCurrent();
                    state.adoptContinue(newReplid);
                    applied = state.masterReplOffset();
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public long applyStream(List<StreamCommandParser.Command> commands, byte[] raw, int off, int len) throws IOException {
            byte[] copy = java.util.Arrays.copyOfRange(raw, off, off + len);
            List<byte[][]> argvs = new ArrayList<>(commands.size());
            for (StreamCommandParser.Command c : commands) {
                argvs.add(c.argv());
            }
            try {
                return server.callOnCommandThread(() -> {
                    checkCurrent();
                    if (masterClient == null) {
                        masterClient = server.createPseudoClient();
                        masterClient.markMaster(true);
                    }
                    for (byte[][] argv : argvs) {
                        if (argv.length > 0 && (ReplicaLink.equalsIgnoreCase(argv[0], "replconf")
                                || ReplicaLink.equalsIgnoreCase(argv[0], "ping"))) {
                            continue;
                        }
                        server.dispatcher().execute(masterClient, argv);
                    }
                    state.feedFromMaster(copy, 0, copy.length);
                    applied = state.masterReplOffset();
                    return applied;
                });
            } catch (Exception e) {
                throw new IOException("applying the master stream failed: " + e.getMessage(), e);
            }
        }

        @Override
        public long appliedOffset() {
            return applied;
        }

        @Override
        public void linkDown() {
            server.executor().execute(() -> {
                if (state.link() == owner) {
                    state.setLinkUp(false);
                    masterClient = null;
                }
            });
        }

        @Override
        public void linkUp() {
            try {
                server.callOnCommandThread(() -> {
                    checkCurrent();
                    state.setLinkUp(true);
                    applied = state.masterReplOffset();
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void log(String line) {
            server.log().notice(line);
        }
    }
}
