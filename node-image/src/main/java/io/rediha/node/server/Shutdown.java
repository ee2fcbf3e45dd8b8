package io.rediha.node.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shutdown sequence of Redis 7.0, for SHUTDOWN and for SIGTERM/SIGINT.
 *
 * <p>Design. A master with replicas does not exit the moment it is asked: it pauses writes, asks
 * its replicas to acknowledge (REPLCONF GETACK) and waits, at most {@code shutdown-timeout}
 * seconds, until every replica has acknowledged the whole stream; only then does it save, sync the
 * AOF and exit. So a planned stop loses no acknowledged write as long as one replica keeps up. In
 * the image an optional {@link Handover} runs after that wait (the sentinels are asked to fail
 * over while this node still holds its writes), bounded by its own deadline. {@code NOW} skips both
 * waits; {@code FORCE} exits even when saving failed; {@code SHUTDOWN ABORT} cancels a shutdown that
 * is still waiting, and every SHUTDOWN client blocked on it gets Redis's error.
 *
 * <p>Everything runs on the command thread except the handover, which runs on its own thread and
 * hands back with a generation number, so an abort in between makes its late answer harmless.
 */
public final class Shutdown {
    /** SHUTDOWN's options, also what {@code shutdown-on-sigterm}/{@code shutdown-on-sigint} hold. */
    public enum Flag {
        SAVE, NOSAVE, NOW, FORCE
    }

    /** How far the replicas are; supplied by replication. Command thread. */
    public interface ReplicaSync {
        /** True when every attached replica has acknowledged the whole stream (or none is attached). */
        boolean replicasInSync();

        /** Asks the replicas to acknowledge their offset now. */
        void requestAcks();

        /** True when an online replica could take over (a handover is worth asking for). */
        boolean hasOnlineReplicas();

        /** Logs the replicas that lag and how many are in sync, as the last word before exiting. */
        void logFinalState(ServerLog log);
    }

    /** Work that must happen before a master exits but off the command thread (the image asks the sentinels to fail over). */
    @FunctionalInterface
    public interface Handover {
        /** Returns when done or at {@code deadlineNanos} ({@link System#nanoTime()} scale), whichever comes first. */
        void run(long deadlineNanos);
    }

    static final String ERRORS = "ERR Errors trying to SHUTDOWN. Check logs.";

    private enum Phase {
        NONE, WAITING_FOR_REPLICAS, HANDOVER, EXITING
    }

    private static final ReplicaSync NO_REPLICAS = new ReplicaSync() {
        public boolean replicasInSync() {
            return true;
        }

        public void requestAcks() {
        }

        public boolean hasOnlineReplicas() {
            return false;
        }

        public void logFinalState(ServerLog log) {
        }
    };

    private final RedisServer server;
    private final List<RedisServer.ShutdownHook> hooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> exitHooks = new CopyOnWriteArrayList<>();
    private final List<Client> blocked = new ArrayList<>();
    private volatile ReplicaSync replicas = NO_REPLICAS;
    private volatile Handover handover;
    private long handoverBudgetMillis = 8000;
    private Phase phase = Phase.NONE;
    private EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private String signal;
    private long deadlineMillis;
    private long startNanos;
    private int generation;

    Shutdown(RedisServer server) {
        this.server = server;
    }

    void addHook(RedisServer.ShutdownHook hook) {
        hooks.add(hook);
    }

    /** Runs once the shutdown is decided, after every hook succeeded (close files). */
    public void addExitHook(Runnable hook) {
        exitHooks.add(hook);
    }

    public void setReplicaSync(ReplicaSync sync) {
        this.replicas = sync;
    }

    /** Installs the handover; it gets at most {@code budgetMillis} counted from the shutdown request. */
    public void setHandover(Handover h, long budgetMillis) {
        this.handover = h;
        this.handoverBudgetMillis = budgetMillis;
    }

    public boolean inProgress() {
        return phase != Phase.NONE;
    }

    /** Parses {@code shutdown-on-sigterm}/{@code -sigint}: "default" or words among save, nosave, now, force. */
    public static EnumSet<Flag> parseSignalFlags(String value) {
        EnumSet<Flag> f = EnumSet.noneOf(Flag.class);
        for (String w : value.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
            switch (w) {
                case "save" -> f.add(Flag.SAVE);
                case "nosave" -> f.add(Flag.NOSAVE);
                case "now" -> f.add(Flag.NOW);
                case "force" -> f.add(Flag.FORCE);
                default -> {
                    // "default" and empty: no flag
                }
            }
        }
        return f;
    }

    /**
     * SHUTDOWN from {@code client}: returns an error reply, or null when the client was blocked
     * (waiting for replicas) or the server is exiting (no reply, as Redis).
     */
    String requestFromClient(EnumSet<Flag> f, Client client) {
        if (phase != Phase.NONE) {
            if (phase != Phase.EXITING) {
                blockClient(client);
            }
            return null;
        }
        server.log().warning("User requested shutdown...");
        this.signal = null;
        return begin(f, client);
    }

    /** A signal asked for the shutdown ({@code name} is SIGTERM or SIGINT). Command thread. */
    public void requestFromSignal(String name, EnumSet<Flag> f) {
        if (phase != Phase.NONE) {
            return;
        }
        server.log().warning("Received " + name + " scheduling shutdown...");
        this.signal = name;
        begin(f, null);
    }

    private String begin(EnumSet<Flag> f, Client client) {
        this.flags = f;
        this.startNanos = System.nanoTime();
        long timeoutSeconds = server.config().getLong("shutdown-timeout");
        if (!f.contains(Flag.NOW) && timeoutSeconds > 0 && !replicas.replicasInSync()) {
            phase = Phase.WAITING_FOR_REPLICAS;
            deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000;
            server.clientPause().holdWrites(this);
            replicas.requestAcks();
            server.log().notice("Waiting for replicas before shutting down.");
            if (client != null) {
                blockClient(client);
            }
            return null;
        }
        return afterReplicas(false);
    }

    private void blockClient(Client c) {
        if (c != null) {
            c.block(this);
            blocked.add(c);
        }
    }

    /** At hz and after each replica ACK: moves on once the replicas are in sync or the time is up. */
    public void checkProgress() {
        if (phase != Phase.WAITING_FOR_REPLICAS) {
            return;
        }
        if (replicas.replicasInSync() || System.currentTimeMillis() >= deadlineMillis) {
            afterReplicas(true);
        }
    }

    private String afterReplicas(boolean waited) {
        if (waited) {
            replicas.logFinalState(server.log());
        }
        Handover h = handover;
        if (h != null && !flags.contains(Flag.NOW) && server.role().equals("master") && replicas.hasOnlineReplicas()) {
            phase = Phase.HANDOVER;
            server.clientPause().holdWrites(this);
            int gen = ++generation;
            long deadline = startNanos + handoverBudgetMillis * 1_000_000L;
            Thread t = new Thread(() -> {
                try {
                    h.run(deadline);
                } catch (RuntimeException e) {
                    server.log().warning("Handover before shutdown failed: " + e);
                } finally {
                    server.executor().execute(() -> {
                        if (gen == generation && phase == Phase.HANDOVER) {
                            finish();
                        }
                    });
                }
            }, "rediha-handover");
            t.setDaemon(true);
            t.start();
            return null;
        }
        return finish();
    }

    /** Saves, syncs and exits; on a failure that is not forced, resumes service and returns the error. */
    private String finish() {
        boolean save = flags.contains(Flag.SAVE);
        boolean nosave = flags.contains(Flag.NOSAVE);
        for (RedisServer.ShutdownHook h : hooks) {
            try {
                h.beforeShutdown(save, nosave);
            } catch (Exception e) {
                server.log().warning("Error trying to shut down: " + e.getMessage());
                if (!flags.contains(Flag.FORCE)) {
                    if (signal != null) {
                        server.log().warning(signal + " received but errors trying to shut down the server, check the logs for"
                                + " more information");
                    }
                    cancel();
                    return ERRORS;
                }
            }
        }
        phase = Phase.EXITING;
        for (Runnable r : exitHooks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                server.log().warning("Error while exiting: " + e);
            }
        }
        server.log().warning("Redis is now ready to exit, bye bye... (shutdown took "
                + (System.nanoTime() - startNanos) / 1_000_000 + " ms)");
        Thread t = new Thread(() -> {
            server.close();
            server.shutdownAction().run();
        }, "rediha-shutdown");
        t.start();
        return null;
    }

    /** SHUTDOWN ABORT: returns the error reply, or null when a waiting shutdown was cancelled. */
    String abort() {
        if (phase == Phase.NONE || phase == Phase.EXITING) {
            return "ERR No shutdown in progress.";
        }
        server.log().warning("Shutdown manually aborted.");
        cancel();
        return null;
    }

    private void cancel() {
        generation++;
        phase = Phase.NONE;
        signal = null;
        server.clientPause().release(this);
        for (Client c : blocked) {
            if (!c.isClosed()) {
                c.addError(ERRORS);
                c.unblock();
            }
        }
        blocked.clear();
    }
}
