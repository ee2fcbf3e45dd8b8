package io.rediha.node.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All databases of one server, the listeners told about key changes, and the expiry policy.
 *
 * <p>Expiry policy: a master deletes an expired key when it is touched (and propagates DEL); a
 * replica ({@link #setReplicaMode}) never deletes on its own, it only hides logically expired keys
 * from readers and waits for its master's DEL; while the master's stream is applied
 * ({@link #setApplyingMasterStream}) keys are used as they are, expired or not.
 *
 * <p>Time: commands see one clock value for their whole run ({@link #setCommandTime}), as Redis
 * uses a per-command time snapshot, so a key cannot expire half way through a command.
 */
public final class Keyspace {
    private final Database[] dbs;
    private final MemoryMeter meter = new MemoryMeter();
    private final List<KeyspaceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean replicaMode;
    private boolean applyingMasterStream;
    private long commandTime;

    public Keyspace(int databases) {
        dbs = new Database[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Database(this, i);
        }
    }

    public int databases() {
        return dbs.length;
    }

    public Database db(int index) {
        return dbs[index];
    }

    public MemoryMeter meter() {
        return meter;
    }

    public void addListener(KeyspaceListener l) {
        listeners.add(l);
    }

    public void removeListener(KeyspaceListener l) {
        listeners.remove(l);
    }

    List<KeyspaceListener> listeners() {
        return listeners;
    }

    /** Total keys in all databases. */
    public long totalKeys() {
        long n = 0;
        for (Database db : dbs) {
            n += db.size();
        }
        return n;
    }

    /** Swaps the contents of two databases (SWAPDB); clients keep their selected index. */
    public void swap(int a, int b) {
        if (a != b) {
            dbs[a].swapContents(dbs[b]);
        }
    }

    /** Empties every database, telling the listeners. */
    public void flushAll() {
        for (Database db : dbs) {
            db.clear();
        }
    }

    /** The time commands compare expiries with, in unix milliseconds. */
    public long now() {
        return commandTime != 0 ? commandTime : System.currentTimeMillis();
    }

    /** True while a command's clock is fixed. */
    public boolean hasCommandTime() {
        return commandTime != 0;
    }

    /** Fixes the clock for the command about to run; 0 returns to the wall clock. */
    public void setCommandTime(long unixMillis) {
        this.commandTime = unixMillis;
    }

    public boolean replicaMode() {
        return replicaMode;
    }

    /** On a replica keys are not expired locally; the master's DELs remove them. */
    public void setReplicaMode(boolean replica) {
        this.replicaMode = replica;
    }

    public boolean applyingMasterStream() {
        return applyingMasterStream;
    }

    /** Set by the replica while it applies its master's command stream. */
    public void setApplyingMasterStream(boolean applying) {
        this.applyingMasterStream = applying;
    }

    private static volatile int lruClock = (int) ((System.currentTimeMillis() / 1000) & 0xFFFFFF);

    /**
     * The LRU clock: seconds, wrapping in 2^24 like Redis's, used for idle times. Read on every key
     * access, so it is a field the server cron refreshes ({@link #updateLruClock}) rather than a
     * clock call; its resolution is one second anyway.
     */
    public static int lruClock() {
        return lruClock;
    }

    public static void updateLruClock(long unixMillis) {
        lruClock = (int) ((unixMillis / 1000) & 0xFFFFFF);
    }


    /** Seconds since a node with this {@link Dict.Node#lru} value was last touched. */
    public static long idleSeconds(int lru) {
        int now = lruClock();
        return now >= lru ? now - lru : (0xFFFFFF - lru) + now;
    }
}
