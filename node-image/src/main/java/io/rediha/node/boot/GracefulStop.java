package io.rediha.node.boot;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * On SIGTERM, a data node that the sentinels name as master asks them to fail over
 * ({@code SENTINEL FAILOVER <name>}) and keeps the process alive, bounded, until they name another
 * master. Without this, a planned stop (a deploy, {@code docker stop}) leaves clients without a
 * master for down-after-milliseconds plus the election; with it, the switch starts at once, and
 * {@code docker stop} returns when the cluster has its new master.
 *
 * <p>The request runs next to the server's own SIGTERM handling, not before it: the server stops
 * taking commands right away, so writes sent during the failover fail visibly instead of being
 * acknowledged by a master that is about to be replaced and then lost (the manual-failover loss of
 * redis/redis#6062). Replicas and sentinels have nothing to hand over and exit at once.
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

    /** Registers the handover to run when the JVM is asked to stop; a no-op without sentinels. */
    void install() {
        if (settings.sentinels().isEmpty()) {
            return;
        }
        Thread t = new Thread(this::handOver, "rediha-graceful-stop");
        Runtime.getRuntime().addShutdownHook(t);
    }

    /** Asks for the failover if this node is the master; returns once another master is named or the wait is over. */
    void handOver() {
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
        long deadline = System.nanoTime() + wait.toNanos();
        boolean requested = false;
        while (System.nanoTime() < deadline) {
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
