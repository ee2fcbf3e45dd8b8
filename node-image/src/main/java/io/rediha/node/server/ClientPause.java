package io.rediha.node.server;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE: for a while, commands from normal clients (all of them, or only those that may
 * write) wait instead of running; they run in order when the pause ends. Replicas and the master
 * link are never paused, so a failover can drain replication while clients wait — this is what
 * Sentinel and manual failovers rely on.
 */
public final class ClientPause {
    static final Object REASON = new Object();
    private final RedisServer server;
    private long endMillis;
    private boolean writesOnly;
    private ScheduledFuture<?> timer;
    /** Open-ended write pauses held by a server process (a shutdown or FAILOVER waiting for replicas). */
    private final java.util.Set<Object> writeHolds = new java.util.HashSet<>();

    ClientPause(RedisServer server) {
        this.server = server;
    }

    /** Pauses for {@code millis}; a pause already running is extended, never shortened or narrowed. */
    public void pause(long millis, boolean writesOnly) {
        long end = System.currentTimeMillis() + millis;
        boolean active = isActive();
        if (!active || !writesOnly) {
            this.writesOnly = active ? this.writesOnly && writesOnly : writesOnly;
        }
        if (end > endMillis || !active) {
            endMillis = Math.max(end, active ? endMillis : 0);
            if (timer != null) {
                timer.cancel(false);
            }
            timer = server.executor().schedule(this::unpause, Math.max(0, endMillis - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS);
        }
    }

    public boolean isActive() {
        return endMillis > 0;
    }

    /**
     * Pauses writes until {@link #release} with the same {@code purpose}. Independent of CLIENT
     * PAUSE: CLIENT UNPAUSE does not end it, as in Redis, where a failover's or a shutdown's pause
     * outlives the user's.
     */
    public void holdWrites(Object purpose) {
        writeHolds.add(purpose);
    }

    /** True while a shutdown or a FAILOVER holds writes. */
    public boolean writesHeld() {
        return !writeHolds.isEmpty();
    }

    /** Ends the hold of {@code purpose}; clients run again unless another pause still applies. */
    public void release(Object purpose) {
        if (writeHolds.remove(purpose)) {
            wakeWaiting();
        }
    }

    /** Ends the pause and lets the waiting clients run. */
    public void unpause() {
        endMillis = 0;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        wakeWaiting();
    }

    /** Held-back clients run again; those still concerned by a pause block again. */
    private void wakeWaiting() {
        for (Client c : server.clients().all()) {
            if (c.blockedBy() == REASON) {
                c.unblock();
            }
        }
    }

    /** True when {@code cmd} from {@code c} must wait for the pause to end. */
    boolean mustWait(Client c, CommandSpec cmd) {
        if ((endMillis == 0 && writeHolds.isEmpty()) || c.isReplica() || c.isMaster() || c.isPseudo()) {
            return false;
        }
        if (endMillis != 0 && !writesOnly) {
            return true;
        }
        String name = cmd.parent() == null ? cmd.name() : cmd.parent().name();
        return cmd.has(CommandFlag.WRITE) || cmd.has(CommandFlag.MAY_REPLICATE) || name.equals("exec");
    }
}
