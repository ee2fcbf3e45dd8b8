package io.rediha.node.boot;

import io.rediha.node.server.RedisServer;
import io.rediha.node.server.Shutdown;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * The image's part of a graceful stop: a data node that the sentinels name as master asks them to
 * fail over ({@code SENTINEL FAILOVER <name>}) before it exits, and waits, bounded, until they name
 * another master. Without this, a planned stop (a deploy, {@code docker stop}) leaves clients
 * without a master for down-after-milliseconds plus the election; with it, the switch starts at
 * once, and {@code docker stop} returns when the cluster has its new master.
 *
 * <p>It is one step of the server's own shutdown sequence ({@link Shutdown}), not a separate
 * JVM hook, so the two never race or wait twice: on SIGTERM (or SHUTDOWN) the server first holds
 * writes and waits until its replicas have acknowledged every write (shutdown-timeout), then runs
 * this handover while writes stay held, then saves and exits. A held write is never acknowledged
 * by the old master, and the replica the sentinels promote already has every acknowledged one
 * (the manual-failover loss of redis/redis#6062 cannot happen). The server skips the step on a
 * replica, on a master without online replicas (nothing to promote) and with SHUTDOWN NOW, so
 * those exit at once. The whole stop, replica wait included, stays within {@link #DEFAULT_WAIT}
 * counted from the signal, below Docker's default 10 s stop timeout.
 */
final class GracefulStop {
    /** Below Docker's default 10 s stop timeout, so the handover finishes before a SIGKILL. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(8);
    private static final Duration ASK_TIMEOUT = Duration.ofMillis(1500);

    private final BootSettings settings;
    private final SelfAddress self;
    private final Duration wait;
    private final PrintStream log;
    private boolean refusalLogged;

    GracefulStop(BootSettings settings, Duration wait, PrintStream log) {
        this.settings = settings;
        this.self = new SelfAddress(settings);
        this.wait = wait;
        this.log = log;
    }

    /** Plugs the handover into the server's shutdown sequence; nothing to do without sentinels. */
    void attach(RedisServer server) {
        if (settings.sentinels().isEmpty()) {
            return;
        }
        server.shutdownSequence().setHandover(this::handOver, wait.toMillis());
    }

    /** Asks for the failover if this node is the master; returns once another master is named or at the deadline. */
    void handOver(long deadlineNanos) {
        if (System.nanoTime() >= deadlineNanos) {
            log.println("rediha: stopping; no time left to ask the sentinels for a failover");
            return;
        }
        SentinelProbe probe = new SentinelProbe(ASK_TIMEOUT);
        SentinelProbe.Result answers = probe.ask(settings.sentinels(), settings.masterName());
        Optional<HostPort> master = answers.master();
        if (!answers.anyAnswered()) {
            log.println("rediha: stopping; no sentinel answered (" + answers.unreachable() + "), so no failover was asked for");
            return;
        }
        if (master.isEmpty() || !self.test(master.get())) {
            return;
        }
        log.println("rediha: stopping the master " + master.get() + ": asking the sentinels to fail over first");
        boolean requested = false;
        while (System.nanoTime() < deadlineNanos) {
            requested = requested || requestFailover();
            Optional<HostPort> now = probe.ask(settings.sentinels(), settings.masterName()).master();
            if (now.isPresent() && !self.test(now.get())) {
                log.println("rediha: the sentinels switched to " + now.get() + "; exiting");
                return;
            }
            sleep(200);
        }
        log.println(requested
                ? "rediha: the sentinels did not name a new master within " + wait.toSeconds() + " s; exiting anyway"
                : "rediha: no sentinel accepted SENTINEL FAILOVER; they will fail over after down-after-milliseconds");
    }

    /**
     * True when a sentinel started a failover or one is already running. A refusal such as
     * NOGOODSLAVE can be momentary (a replica the sentinel has not refreshed yet), so the caller
     * asks again until its deadline.
     */
    private boolean requestFailover() {
        for (HostPort s : settings.sentinels()) {
            try (RespClient c = RespClient.connect(s, ASK_TIMEOUT)) {
                Object reply = c.call("SENTINEL", "FAILOVER", settings.masterName());
                if ("OK".equals(reply)) {
                    log.println("rediha: sentinel " + s + " started the failover");
                    return true;
                }
                if (reply instanceof RespClient.Error e && e.message().startsWith("INPROG")) {
                    return true;
                }
                if (!refusalLogged) {
                    log.println("rediha: sentinel " + s + " answered " + reply + " (asking again until the deadline)");
                }
            } catch (IOException e) {
                if (!refusalLogged) {
                    log.println("rediha: sentinel " + s + " unreachable: " + e.getMessage());
                }
            }
        }
        refusalLogged = true;
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
