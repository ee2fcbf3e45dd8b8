package io.rediha.node.sentinel;

import io.netty.channel.EventLoopGroup;
import io.rediha.node.client.Replies;
import io.rediha.node.resp.RespValue;
import io.rediha.node.client.RespConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Opens and reopens the links to instances, sends commands on them (applying the master's
 * rename-command table), and handles PING replies, which are what SDOWN is measured from.
 *
 * <p>A new cmd connection gets {@code AUTH} (when configured), {@code CLIENT SETNAME
 * sentinel-<id8>-cmd}, an immediate {@code PING}, and for data nodes an immediate {@code INFO};
 * a new pubsub connection gets {@code AUTH}, {@code CLIENT SETNAME sentinel-<id8>-pubsub} and
 * {@code SUBSCRIBE __sentinel__:hello}. Replies to AUTH and SETNAME are ignored, as Redis does.
 */
final class LinkManager {
    private final Sentinel s;
    private final EventLoopGroup group;

    LinkManager(Sentinel s, EventLoopGroup group) {
        this.s = s;
        this.group = group;
    }

    /** Reconnects whatever part of {@code ri}'s link is down, at most once per ping period. */
    void reconnect(Instance ri) {
        InstanceLink link = ri.link;
        if (link == null || link.closed || !link.isDisconnected()) {
            return;
        }
        long now = s.clock.now();
        if (now - link.lastReconnectAttempt < s.timing.pingPeriod) {
            return;
        }
        link.lastReconnectAttempt = now;
        if (s.config.resolveHostnames) {
            ri.address = ri.address.reresolve();
        }
        Duration timeout = Duration.ofMillis(Math.max(250, Math.min(ri.downAfterMs, 1500)));
        if (link.cmd == null && !link.cmdConnecting) {
            link.cmdConnecting = true;
            RespConnection.connect(group, ri.address.connectHost(), ri.address.port(), timeout)
                    .whenCompleteAsync((conn, err) -> cmdConnected(ri, link, conn, err), s.loop);
        }
        if (link.wantsPubSub && link.pubsub == null && !link.pubsubConnecting) {
            link.pubsubConnecting = true;
            RespConnection.connect(group, ri.address.connectHost(), ri.address.port(), timeout)
                    .whenCompleteAsync((conn, err) -> pubsubConnected(ri, link, conn, err), s.loop);
        }
    }

    private void cmdConnected(Instance ri, InstanceLink link, RespConnection conn, Throwable err) {
        link.cmdConnecting = false;
        if (err != null) {
            return;
        }
        if (link.closed || ri.released) {
            conn.close();
            return;
        }
        link.cmd = conn;
        link.cmdConnectedAt = s.clock.now();
        conn.onClose(() -> {
            if (link.cmd == conn) {
                link.cmd = null;
            }
        });
        authenticate(ri, conn);
        conn.send(command(ri, "CLIENT"), "SETNAME", "sentinel-" + s.myId.substring(0, 8) + "-cmd");
        sendPing(ri);
        if (!(ri instanceof PeerSentinel)) {
            sendInfo(ri);
        }
    }

    private void pubsubConnected(Instance ri, InstanceLink link, RespConnection conn, Throwable err) {
        link.pubsubConnecting = false;
        if (err != null) {
            return;
        }
        if (link.closed || ri.released) {
            conn.close();
            return;
        }
        link.pubsub = conn;
        link.pubsubConnectedAt = s.clock.now();
        link.pubsubLastActivity = s.clock.now();
        conn.onClose(() -> {
            if (link.pubsub == conn) {
                link.pubsub = null;
            }
        });
        authenticate(ri, conn);
        conn.send(command(ri, "CLIENT"), "SETNAME", "sentinel-" + s.myId.substring(0, 8) + "-pubsub");
        conn.onMessage(message -> {
            link.pubsubLastActivity = s.clock.now();
            if (!ri.released && HelloMessage.CHANNEL.equals(message.channel())) {
                s.hello.process(message.text());
            }
        });
        String subscribe = command(ri, "SUBSCRIBE");
        if (subscribe.equalsIgnoreCase("SUBSCRIBE")) {
            conn.subscribe(HelloMessage.CHANNEL);
        } else {
            // Renamed SUBSCRIBE: sent as a plain command; its confirmation is then a normal reply.
            conn.send(subscribe, HelloMessage.CHANNEL);
        }
    }

    private void authenticate(Instance ri, RespConnection conn) {
        String user;
        String pass;
        if (ri instanceof PeerSentinel) {
            user = s.config.sentinelUser;
            pass = s.config.sentinelPass != null ? s.config.sentinelPass : s.config.requirepass;
        } else {
            user = ri.master().authUser;
            pass = ri.master().authPass;
        }
        if (pass == null) {
            return;
        }
        if (user != null) {
            conn.send(command(ri, "AUTH"), user, pass);
        } else {
            conn.send(command(ri, "AUTH"), pass);
        }
    }

    /** The name to send for {@code name} to {@code ri}: renamed per the master's table (not for sentinels). */
    String command(Instance ri, String name) {
        if (ri instanceof PeerSentinel) {
            return name;
        }
        for (var e : ri.master().renamedCommands.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return name;
    }

    /**
     * Sends a command on {@code ri}'s cmd link; the first word is renamed as needed.
     *
     * @return the reply future, or null when the link is down
     */
    CompletableFuture<RespValue> send(Instance ri, String... args) {
        InstanceLink link = ri.link;
        if (link == null || link.cmd == null || !link.cmd.isOpen()) {
            return null;
        }
        String[] a = args.clone();
        a[0] = command(ri, a[0]);
        return link.cmd.send(a);
    }

    /** Runs {@code onReply} on the sentinel thread with the reply, unless the command failed or ri was dropped. */
    void whenReplied(Instance ri, CompletableFuture<RespValue> f, Consumer<RespValue> onReply) {
        if (f == null) {
            return;
        }
        f.whenCompleteAsync((reply, err) -> {
            if (err == null && !ri.released) {
                onReply.accept(reply);
            }
        }, s.loop);
    }

    // ---------------------------------------------------------------- PING

    boolean sendPing(Instance ri) {
        CompletableFuture<RespValue> f = send(ri, "PING");
        if (f == null) {
            return false;
        }
        InstanceLink link = ri.link;
        long now = s.clock.now();
        link.lastPingTime = now;
        if (link.actPingTime == 0) {
            link.actPingTime = now;
        }
        whenReplied(ri, f, reply -> pingReplied(ri, link, reply));
        return true;
    }

    private void pingReplied(Instance ri, InstanceLink link, RespValue reply) {
        long now = s.clock.now();
        String text = Replies.text(reply) == null ? "" : Replies.text(reply);
        boolean pong = Replies.isPong(reply);
        boolean available = pong || (reply instanceof RespValue.Error
                && (text.startsWith("LOADING") || text.startsWith("MASTERDOWN")));
        if (available) {
            link.lastAvailTime = now;
            link.actPingTime = 0;
            if (pong) {
                ri.flags.remove(InstanceFlag.MASTER_REBOOT);
            }
            if (!s.tilt.inTilt()) {
                s.availability.checkSubjectivelyDown(ri);
            }
            // Back from SDOWN, or the old master answering again: look at its role at once
            // instead of at the next INFO period, so a returning master is converted quickly.
            if (!(ri instanceof PeerSentinel) && (ri.is(InstanceFlag.S_DOWN) || ri.is(InstanceFlag.DEMOTED_MASTER))) {
                sendInfo(ri);
            }
        } else if (text.startsWith("BUSY") && ri.is(InstanceFlag.S_DOWN) && !ri.is(InstanceFlag.SCRIPT_KILL_SENT)) {
            if (send(ri, "SCRIPT", "KILL") != null) {
                ri.flags.add(InstanceFlag.SCRIPT_KILL_SENT);
            }
        }
        link.lastPongTime = now;
    }

    // ---------------------------------------------------------------- INFO

    void sendInfo(Instance ri) {
        if (ri.infoPending) {
            return;
        }
        CompletableFuture<RespValue> f = send(ri, "INFO");
        if (f == null) {
            return;
        }
        ri.infoPending = true;
        f.whenCompleteAsync((reply, err) -> {
            ri.infoPending = false;
            if (err == null && !ri.released && reply instanceof RespValue.Bulk) {
                s.info.handle(ri, reply.asText());
            }
        }, s.loop);
    }

    // ---------------------------------------------------------------- lifetime

    /** Drops this instance's share of its link; the connections close with the last share. */
    void release(Instance ri) {
        InstanceLink link = ri.link;
        if (link == null) {
            return;
        }
        if (--link.refCount <= 0) {
            link.closed = true;
            link.closeConnections();
        }
    }

    /** Makes a new peer use the link another master already has to the same sentinel. */
    void tryConnectionSharing(PeerSentinel si) {
        if (si.runId == null || si.link.refCount > 1) {
            return;
        }
        for (MonitoredMaster m : s.masters.values()) {
            if (m == si.master()) {
                continue;
            }
            PeerSentinel match = m.sentinels.get(si.runId);
            if (match == null || match.link == si.link || !match.address.sameAs(si.address)) {
                continue;
            }
            release(si);
            si.link = match.link;
            match.link.refCount++;
            return;
        }
    }

    /**
     * A peer sentinel moved: give its new address (and link) to the entries other masters have
     * for the same runid.
     */
    void updateSentinelAddressInAllMasters(PeerSentinel si) {
        int reconfigured = 0;
        List<MonitoredMaster> all = new ArrayList<>(s.masters.values());
        for (MonitoredMaster m : all) {
            PeerSentinel match = m.sentinels.get(si.runId);
            if (match == null || match == si || match.address.sameAs(si.address)) {
                continue;
            }
            release(match);
            match.address = si.address;
            match.link = si.link;
            si.link.refCount++;
            reconfigured++;
        }
        if (reconfigured > 0) {
            s.events.emit(SentinelLog.Level.NOTICE, "+sentinel-address-update", si,
                    reconfigured + " additional matching instances");
        }
    }
}
