package io.rediha.node.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one propagation point. After a command that changed the dataset completes, its effect —
 * the command as received, or what it asked to be propagated instead ({@link Client#propagateAs}),
 * preceded by DELs of keys that expired while it ran — is handed to every {@link Listener}: the AOF
 * and the replication stream subscribe here.
 *
 * <p>Effects are collected per execution unit (a top-level command, EXEC included) and delivered
 * when the unit ends; a unit with more than one effect is wrapped in MULTI ... EXEC, so a
 * transaction, or a command plus the expiry it caused, reaches replicas atomically. Effects raised
 * outside any command (active expiry, eviction in the cron) are delivered at once.
 *
 * <p>Listeners run on the command thread and must not block it. They must serialize or copy
 * {@code argv} before returning and never modify it: the arrays are shared with the dataset (a
 * SET's value is stored as received, and SETBIT later changes such an array in place).
 */
public final class Propagation {
    /** Receives effects in order; {@code dbIndex} is the database they apply to (emit SELECT on change). */
    @FunctionalInterface
    public interface Listener {
        void propagate(int dbIndex, byte[][] argv);
    }

    private record Op(int db, byte[][] argv) {
    }

    static final byte[][] MULTI = {"MULTI".getBytes(StandardCharsets.US_ASCII)};
    static final byte[][] EXEC = {"EXEC".getBytes(StandardCharsets.US_ASCII)};

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Op> pending = new ArrayList<>();
    private int unitDepth;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** True when someone listens; commands skip building effects otherwise. */
    public boolean active() {
        return !listeners.isEmpty();
    }

    /** Adds an effect to the current unit (delivered at once outside any unit). */
    public void alsoPropagate(int dbIndex, byte[]... argv) {
        if (listeners.isEmpty()) {
            return;
        }
        pending.add(new Op(dbIndex, argv));
        if (unitDepth == 0) {
            flush();
        }
    }

    private boolean fromMaster;

    void beginUnit(boolean fromMasterStream) {
        if (unitDepth++ == 0) {
            fromMaster = fromMasterStream;
        }
    }

    /**
     * True while the effects being delivered come from a replica applying its master's stream: the
     * AOF records them, while replication forwards the master's own bytes to sub-replicas instead.
     */
    public boolean fromMasterStream() {
        return fromMaster && unitDepth > 0;
    }

    void endUnit() {
        if (unitDepth == 1) {
            flush();
            fromMaster = false;
        }
        unitDepth--;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        if (pending.size() == 1) {
            Op op = pending.get(0);
            deliver(op.db(), op.argv());
        } else {
            deliver(pending.get(0).db(), MULTI);
            for (Op op : pending) {
                deliver(op.db(), op.argv());
            }
            deliver(pending.get(pending.size() - 1).db(), EXEC);
        }
        pending.clear();
    }

    private void deliver(int db, byte[][] argv) {
        for (Listener l : listeners) {
            l.propagate(db, argv);
        }
    }
}
