package io.rediha.node.sentinel;

import io.rediha.node.client.Replies;
import io.rediha.node.resp.RespValue;

import java.util.concurrent.CompletableFuture;

/**
 * The commands Sentinel sends on its own schedule: INFO to masters and replicas, PING to
 * everyone, and the hello message to everyone.
 *
 * <p>Periods are Redis's (INFO 10 s, PING 1 s, hello 2 s), with PING sent eight times per
 * down-after period when that is more often (see {@link #pingPeriod}), and INFO sent more often to the
 * replicas whose state matters right now: every second while their master is down or failing
 * over, and for a replica that calls itself master; every 250 ms for replicas being reconfigured
 * and for the old master we failed over from; every 100 ms for the replica being promoted.
 */
final class PeriodicCommands {
    /** Redis stops queueing periodic commands on a link with this many replies outstanding. */
    static final int MAX_PENDING_COMMANDS = 100;

    private final Sentinel s;

    PeriodicCommands(Sentinel s) {
        this.s = s;
    }

    void send(Instance ri) {
        InstanceLink link = ri.link;
        if (link == null || link.cmd == null || !link.cmd.isOpen()) {
            return;
        }
        if (link.pendingCommands() >= MAX_PENDING_COMMANDS) {
            return;
        }
        long now = s.clock.now();
        if (!(ri instanceof PeerSentinel)) {
            long period = infoPeriod(ri);
            if (ri.infoRefresh == 0 || now - ri.infoRefresh > period) {
                s.links.sendInfo(ri);
            }
        }
        long pingPeriod = pingPeriod(ri);
        if (now - link.lastPongTime > pingPeriod && now - link.lastPingTime > pingPeriod / 2) {
            s.links.sendPing(ri);
        }
        if (now - ri.lastHelloSent > s.timing.publishPeriod) {
            sendHello(ri);
        }
    }

    /**
     * Redis pings every second (or every down-after, if smaller). We ping eight times per
     * down-after period (never more often than every 100 ms): SDOWN is measured from the oldest
     * unanswered PING, so how soon after a failure the first unanswered PING goes out is pure
     * detection delay, up to a whole ping period; with down-after 1000 that is an eighth of a
     * second instead of a second. The meaning of down-after-milliseconds is unchanged, and a PING
     * costs a data node nothing.
     */
    long pingPeriod(Instance ri) {
        return Math.min(s.timing.pingPeriod, Math.max(100, ri.downAfterMs / 8));
    }

    long infoPeriod(Instance ri) {
        long normal = s.timing.infoPeriod;
        if (ri instanceof MonitoredMaster m && m.replicas.isEmpty()) {
            // A master we know no replica of: look again soon, its replicas may just be attaching.
            return Math.min(normal, 2000);
        }
        if (!(ri instanceof MonitoredReplica r)) {
            return normal;
        }
        MonitoredMaster m = r.master();
        if (r.is(InstanceFlag.PROMOTED) && m.failoverState == FailoverState.WAIT_PROMOTION) {
            return Math.min(normal, 100);
        }
        if (r.is(InstanceFlag.RECONF_SENT) || r.is(InstanceFlag.RECONF_INPROG)) {
            return Math.min(normal, 250);
        }
        if (r.is(InstanceFlag.DEMOTED_MASTER)) {
            // While it is frozen this INFO just waits in its socket; it is answered the moment
            // the old master runs again, right behind the PINGs, and the conversion follows.
            return Math.min(normal, 250);
        }
        if (m.is(InstanceFlag.S_DOWN) || m.is(InstanceFlag.O_DOWN) || m.failoverInProgress()
                || r.masterLinkDownTime != 0 || r.roleReported == InfoReply.Role.MASTER
                || r.is(InstanceFlag.DEMOTED_MASTER) || r.is(InstanceFlag.S_DOWN)) {
            return Math.min(normal, 1000);
        }
        return normal;
    }

    /** Publishes our hello to (or through) {@code ri}; a failed publish is retried 100 ms later. */
    void sendHello(Instance ri) {
        InstanceLink link = ri.link;
        if (link == null || link.cmd == null) {
            return;
        }
        MonitoredMaster m = ri.master();
        String ip = s.config.announceIp;
        if (ip == null) {
            ip = link.cmd.localAddress().getAddress().getHostAddress();
            int scope = ip.indexOf('%');
            if (scope >= 0) {
                ip = ip.substring(0, scope);
            }
        }
        InstanceAddress current = m.currentAddress();
        HelloMessage hello = new HelloMessage(ip, s.announcedPort(), s.myId, s.epochs.current(), m.name(),
                current.announced(s.announceHostnames[0]), current.port(), m.configEpoch);
        CompletableFuture<RespValue> f = s.links.send(ri, "PUBLISH", HelloMessage.CHANNEL, hello.format());
        if (f == null) {
            return;
        }
        long now = s.clock.now();
        ri.lastHelloSent = now;
        s.links.whenReplied(ri, f, reply -> {
            if (reply instanceof RespValue.Error) {
                ri.lastHelloSent = now - s.timing.publishPeriod + 100;
            }
        });
    }

    /** Sends hello at once to the master, its replicas and its peers: our view of it just changed. */
    void forceHello(MonitoredMaster m) {
        sendHello(m);
        for (MonitoredReplica r : m.replicaList()) {
            sendHello(r);
        }
        for (PeerSentinel p : m.sentinels.values()) {
            sendHello(p);
        }
    }
}
