package io.rediha.node.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One numbered database: keys to values, with expiry. Values are {@code byte[]} (strings) or a
 * {@link RedisValue} (list, hash, set, sorted set).
 *
 * <p>Design: a key's expiry lives in its own node (a {@link VolatileNode}), so checking a TTL on
 * access costs no second lookup; keys that have an expiry are also kept in an array, so the active
 * expiry cycle and volatile eviction can sample them at random in O(1).
 *
 * <p>Lookups ({@link #get}) apply the expiry policy of the {@link Keyspace}: an expired key is
 * reported absent and, on a master, deleted, with {@link KeyspaceListener#keyExpired} fired.
 * Writers call {@link #signalModified} after changing a key; the database does not guess.
 */
public final class Database {
    /** A keyspace node that carries an expiry and its slot in the volatile array. */
    static final class VolatileNode extends Dict.Node {
        long expireAt;
        int slot;

        VolatileNode(byte[] key, Object value, long expireAt) {
            super(key, value);
            this.expireAt = expireAt;
        }

        @Override
        public long expireAt() {
            return expireAt;
        }
    }

    /** What a walk over the database sees for each live key (RDB save, DEBUG RELOAD, AOF rewrite). */
    @FunctionalInterface
    public interface EntryVisitor {
        /** {@code expireAt} is unix milliseconds, or -1 when the key does not expire. */
        void visit(byte[] key, Object value, long expireAt);
    }

    private final Keyspace keyspace;
    private int id;
    private Dict dict = new Dict();
    private VolatileNode[] volatiles = new VolatileNode[16];
    private int volatileCount;
    /** Nodes given to {@link #addLoaded} and not yet in the table, in chunks of 64K. */
    private Dict.Node[][] loaded = new Dict.Node[0][];
    private int loadedCount;
    private static final int LOAD_CHUNK_BITS = 16;
    /**
     * What {@link #finishLoad} added to the meter for strings, keys and nodes, and whether it
     * loaded aggregates: {@link #takeContents} moves a loaded database's size to another meter
     * without visiting every key.
     */
    private long loadedBytes;
    private boolean loadedAggregates;
    /** See {@link #shareStrings}. */
    private int imagesSharingStrings;
    private java.util.Set<byte[]> copiedWhileShared;

    Database(Keyspace keyspace, int id) {
        this.keyspace = keyspace;
        this.id = id;
    }

    public int id() {
        return id;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public int size() {
        return dict.size();
    }

    /** Moves the keyspace table's resize along for about {@code nanos}; true if one is in progress. */
    public boolean rehashFor(long nanos) {
        if (!dict.isRehashing()) {
            return false;
        }
        dict.rehashFor(nanos);
        return true;
    }

    public int expiresCount() {
        return volatileCount;
    }

    // ------------------------------------------------------------------ lookups

    /** The live value of {@code key} (touching its access time), or null. */
    public Object get(byte[] key) {
        Dict.Node n = lookupNode(key);
        return n == null ? null : n.value;
    }

    /** The live node of {@code key} (touching its access time), or null. */
    public Dict.Node lookupNode(byte[] key) {
        Dict.Node n = dict.find(key);
        if (n == null) {
            return null;
        }
        if (n.expireAt() != 0 && isExpired(n)) {
            return null;
        }
        n.lru = AccessTracking.accessed(n.lru);
        return n;
    }

    /** Like {@link #get} but leaves the access time alone (OBJECT, MEMORY USAGE, TTL). */
    public Object peek(byte[] key) {
        Dict.Node n = dict.find(key);
        if (n == null || (n.expireAt() != 0 && isExpired(n))) {
            return null;
        }
        return n.value;
    }

    /** The live node without touching its access time, or null. */
    public Dict.Node peekNode(byte[] key) {
        Dict.Node n = dict.find(key);
        if (n == null || (n.expireAt() != 0 && isExpired(n))) {
            return null;
        }
        return n;
    }

    /** True when the table holds {@code key}, even logically expired (WATCH needs the difference). */
    public boolean holds(byte[] key) {
        return dict.find(key) != null;
    }

    public boolean exists(byte[] key) {
        return peekNode(key) != null;
    }

    /**
     * Applies the expiry policy to a node whose time has passed; true when the key is to be seen as
     * absent.
     */
    private boolean isExpired(Dict.Node n) {
        if (n.expireAt() > keyspace.now()) {
            return false;
        }
        if (keyspace.applyingMasterStream()) {
            return false;
        }
        if (keyspace.replicaMode()) {
            return true;
        }
        deleteExpired(n.key);
        return true;
    }

    private void deleteExpired(byte[] key) {
        if (delete(key)) {
            for (KeyspaceListener l : keyspace.listeners()) {
                l.keyExpired(this, key);
            }
        }
    }

    // ------------------------------------------------------------------ writes

    /** Sets {@code key} to {@code value}, removing any expiry (SET without KEEPTTL). */
    public void set(byte[] key, Object value) {
        int h = Dict.hash(key);
        Dict.Node n = dict.find(key, h);
        if (n == null) {
            insertNew(key, value, h);
            return;
        }
        account(n.value, -1);
        if (n instanceof VolatileNode v) {
            removeVolatile(v);
            Dict.Node plain = new Dict.Node(n.key, value);
            plain.lru = n.lru;
            dict.replace(n, plain);
            keyspace.meter().add(-MemoryMeter.VOLATILE_EXTRA);
            n = plain;
        } else {
            n.value = value;
        }
        n.lru = AccessTracking.accessed(n.lru);
        account(value, +1);
    }

    /** Sets the value of an existing or new key, keeping its expiry (SET KEEPTTL, in-place updates). */
    public void setKeepTtl(byte[] key, Object value) {
        int h = Dict.hash(key);
        Dict.Node n = dict.find(key, h);
        if (n == null) {
            insertNew(key, value, h);
            return;
        }
        account(n.value, -1);
        n.value = value;
        n.lru = AccessTracking.accessed(n.lru);
        account(value, +1);
    }

    /**
     * Gives a live node, found with {@link #lookupNode}, a new value and keeps its expiry: in-place
     * updates (INCR and friends) then cost one table lookup instead of two.
     */
    public void updateValue(Dict.Node n, Object value) {
        account(n.value, -1);
        n.value = value;
        n.lru = AccessTracking.accessed(n.lru);
        account(value, +1);
    }

    /** Adds a key the caller knows to be absent (check with {@link #get} first). */
    public void add(byte[] key, Object value) {
        insertNew(key, value);
    }

    private void insertNew(byte[] key, Object value) {
        insertNew(key, value, Dict.hash(key));
    }

    private void insertNew(byte[] key, Object value, int hash) {
        Dict.Node n = dict.insert(new Dict.Node(key, value), hash);
        n.lru = AccessTracking.initial();
        keyspace.meter().add(MemoryMeter.NODE + MemoryMeter.arrayBytes(key.length));
        account(value, +1);
    }

    /** Adds a key with an expiry (unix ms, or -1 for none); for loaders (RDB, RESTORE). */
    public void addWithExpire(byte[] key, Object value, long expireAt) {
        insertNew(key, value);
        if (expireAt >= 0) {
            setExpire(key, expireAt);
        }
    }

    /**
     * Adds a key read by a loader (RDB, full sync); {@code expireAt} is unix ms, or -1 for none.
     * The key is not visible until {@link #finishLoad}: loaded nodes are kept in load order and
     * hashed into the table at the end. Inserting each into a big table as it is read costs
     * twice as much: every young collection then finds the new nodes through random table
     * slots instead of in the order they were allocated.
     */
    public void addLoaded(byte[] key, Object value, long expireAt) {
        Dict.Node n = expireAt >= 0 ? new VolatileNode(key, value, expireAt) : new Dict.Node(key, value);
        int chunk = loadedCount >>> LOAD_CHUNK_BITS;
        if (chunk == loaded.length) {
            loaded = java.util.Arrays.copyOf(loaded, Math.max(4, chunk * 2));
        }
        if (loaded[chunk] == null) {
            loaded[chunk] = new Dict.Node[1 << LOAD_CHUNK_BITS];
        }
        loaded[chunk][loadedCount & ((1 << LOAD_CHUNK_BITS) - 1)] = n;
        loadedCount++;
    }

    /** Puts the keys given to {@link #addLoaded} into the table; of two with one name, the later wins. */
    public void finishLoad() {
        if (loadedCount == 0) {
            return;
        }
        dict.reserve((long) dict.size() + loadedCount);
        int lru = Keyspace.lruClock();
        long bytes = 0;
        long replaced = 0;
        for (int i = 0; i < loadedCount; i++) {
            Dict.Node n = loaded[i >>> LOAD_CHUNK_BITS][i & ((1 << LOAD_CHUNK_BITS) - 1)];
            int h = Dict.hash(n.key);
            Dict.Node old = dict.find(n.key, h);
            if (old != null) {
                replaced += MemoryMeter.NODE + MemoryMeter.arrayBytes(old.key.length)
                        + (old instanceof VolatileNode ? MemoryMeter.VOLATILE_EXTRA : 0)
                        + (old.value instanceof byte[] b ? MemoryMeter.arrayBytes(b.length) : 0);
                delete(n.key);
            }
            if (n instanceof VolatileNode v) {
                addVolatile(v);
                bytes += MemoryMeter.VOLATILE_EXTRA;
            }
            n.lru = lru;
            dict.insert(n, h);
            bytes += MemoryMeter.NODE + MemoryMeter.arrayBytes(n.key.length);
            if (n.value instanceof byte[] b) {
                bytes += MemoryMeter.arrayBytes(b.length);
            } else {
                loadedAggregates = true;
                account(n.value, +1);
            }
        }
        keyspace.meter().add(bytes);
        loadedBytes += bytes - replaced;
        loaded = new Dict.Node[0][];
        loadedCount = 0;
    }

    /**
     * Replaces the contents of this database with those of {@code staged}, a database of another
     * keyspace that was filled off the command thread (a full sync) by {@link #addLoaded} only,
     * and leaves {@code staged} empty. The table is moved, not rebuilt, and the keys are visited
     * only if some hold aggregates (which report to their keyspace's meter). Listeners are told
     * that this database was emptied.
     */
    public void takeContents(Database staged) {
        clear();
        swapContents(staged);
        // strings, keys and nodes as finishLoad counted them; aggregates move their own bytes
        long moved = staged.loadedBytes;
        keyspace.meter().add(moved);
        staged.keyspace.meter().add(-moved);
        staged.loadedBytes = 0;
        if (staged.loadedAggregates) {
            staged.loadedAggregates = false;
            MemoryMeter meter = keyspace.meter();
            dict.forEach(n -> {
                if (n.value instanceof RedisValue rv) {
                    rv.attach(meter);
                }
            });
        }
    }

    /** Removes the key; false when it did not exist. Expired-but-present keys count as existing. */
    public boolean delete(byte[] key) {
        Dict.Node n = dict.remove(key);
        if (n == null) {
            return false;
        }
        if (n instanceof VolatileNode v) {
            removeVolatile(v);
            keyspace.meter().add(-MemoryMeter.VOLATILE_EXTRA);
        }
        keyspace.meter().add(-(MemoryMeter.NODE + MemoryMeter.arrayBytes(key.length)));
        account(n.value, -1);
        return true;
    }

    /** Deletes a key to free memory and tells the listeners ({@link KeyspaceListener#keyEvicted}). */
    public boolean evict(byte[] key) {
        if (!delete(key)) {
            return false;
        }
        for (KeyspaceListener l : keyspace.listeners()) {
            l.keyEvicted(this, key);
        }
        return true;
    }

    private void account(Object value, int sign) {
        if (value instanceof byte[] b) {
            keyspace.meter().add(sign * MemoryMeter.arrayBytes(b.length));
        } else if (value instanceof RedisValue rv) {
            if (sign > 0) {
                rv.attach(keyspace.meter());
            } else {
                rv.detach();
            }
        }
    }

    // ------------------------------------------------------------------ strings shared with images

    /**
     * An image of the keyspace (a full sync's snapshot, serialized on another thread) now shares
     * this database's strings: until {@link #unshareStrings}, a string is copied before it is
     * changed in place. Command thread only; images call it for every database, so SWAPDB cannot
     * move shared strings out of reach.
     */
    public void shareStrings() {
        imagesSharingStrings++;
    }

    /** An image that shared the strings is written; see {@link #shareStrings}. */
    public void unshareStrings() {
        if (--imagesSharingStrings == 0) {
            copiedWhileShared = null;
        }
    }

    /**
     * {@code value}, the string of {@code key} as {@link #get} returned it, in a form the caller
     * may change in place: itself, or while an image shares the strings a copy stored in its
     * place (once per key while shared). Strings are otherwise never changed in place: writers
     * store a new array.
     */
    public byte[] writableString(byte[] key, byte[] value) {
        if (imagesSharingStrings == 0) {
            return value;
        }
        if (copiedWhileShared == null) {
            copiedWhileShared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        } else if (copiedWhileShared.contains(value)) {
            return value;
        }
        byte[] copy = value.clone();
        setKeepTtl(key, copy);
        copiedWhileShared.add(copy);
        return copy;
    }

    /** Tells the listeners that a command changed {@code key} (breaks WATCH). */
    public void signalModified(byte[] key) {
        for (KeyspaceListener l : keyspace.listeners()) {
            l.keyModified(this, key);
        }
    }

    // ------------------------------------------------------------------ expiry

    /** The expiry of an existing key in unix ms, or -1 when it has none (or does not exist). */
    public long getExpire(byte[] key) {
        Dict.Node n = dict.find(key);
        return n == null || n.expireAt() == 0 ? -1 : n.expireAt();
    }

    /** Sets the expiry of an existing key (unix ms). */
    public void setExpire(byte[] key, long expireAt) {
        Dict.Node n = dict.find(key);
        if (n == null) {
            throw new IllegalStateException("setExpire on a missing key");
        }
        if (n instanceof VolatileNode v) {
            v.expireAt = expireAt;
            return;
        }
        VolatileNode v = new VolatileNode(n.key, n.value, expireAt);
        v.lru = n.lru;
        dict.replace(n, v);
        addVolatile(v);
        keyspace.meter().add(MemoryMeter.VOLATILE_EXTRA);
    }

    /** Removes the expiry of a key; false when it had none. */
    public boolean persist(byte[] key) {
        Dict.Node n = dict.find(key);
        if (!(n instanceof VolatileNode v)) {
            return false;
        }
        removeVolatile(v);
        Dict.Node plain = new Dict.Node(n.key, n.value);
        plain.lru = n.lru;
        dict.replace(n, plain);
        keyspace.meter().add(-MemoryMeter.VOLATILE_EXTRA);
        return true;
    }

    private void addVolatile(VolatileNode v) {
        if (volatileCount == volatiles.length) {
            volatiles = java.util.Arrays.copyOf(volatiles, volatiles.length * 2);
        }
        v.slot = volatileCount;
        volatiles[volatileCount++] = v;
    }

    private void removeVolatile(VolatileNode v) {
        int last = --volatileCount;
        VolatileNode moved = volatiles[last];
        volatiles[v.slot] = moved;
        moved.slot = v.slot;
        volatiles[last] = null;
        if (volatiles.length > 64 && volatileCount < volatiles.length / 4) {
            volatiles = java.util.Arrays.copyOf(volatiles, volatiles.length / 2);
        }
    }

    /**
     * One sampling round of the active expiry cycle: looks at up to {@code samples} random keys
     * that have an expiry and deletes those whose time has passed. Returns {sampled, expired}.
     * Does nothing on a replica.
     */
    public int[] sampleExpired(int samples, long now) {
        if (keyspace.replicaMode() || volatileCount == 0) {
            return new int[]{0, 0};
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int sampled = 0;
        int expired = 0;
        for (int i = 0; i < samples && volatileCount > 0; i++) {
            VolatileNode v = volatiles[rnd.nextInt(volatileCount)];
            sampled++;
            if (v.expireAt <= now) {
                deleteExpired(v.key);
                expired++;
            }
        }
        return new int[]{sampled, expired};
    }

    /** A random key that has an expiry, or null (volatile-* eviction). */
    public Dict.Node randomVolatileNode() {
        if (volatileCount == 0) {
            return null;
        }
        return volatiles[ThreadLocalRandom.current().nextInt(volatileCount)];
    }

    /** Average remaining TTL of the volatile keys in ms, estimated from a sample (INFO keyspace). */
    public long averageTtl(long now) {
        if (volatileCount == 0) {
            return 0;
        }
        int n = Math.min(volatileCount, 64);
        long sum = 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, volatiles[rnd.nextInt(volatileCount)].expireAt - now);
        }
        return sum / n;
    }

    // ------------------------------------------------------------------ walking

    /** A random live key, or null when the database is empty (RANDOMKEY). */
    public byte[] randomKey() {
        for (int tries = 0; tries < 100 && dict.size() > 0; tries++) {
            Dict.Node n = dict.randomNode();
            if (n.expireAt() == 0 || n.expireAt() > keyspace.now()) {
                return n.key;
            }
            if (!keyspace.replicaMode()) {
                deleteExpired(n.key);
            } else if (tries > 50) {
                return n.key; // a replica full of expired keys: Redis gives up the same way
            }
        }
        return null;
    }

    /** A random node, expired or not (eviction samples). */
    public Dict.Node randomNode() {
        return dict.randomNode();
    }

    /** One SCAN step over the keyspace; see {@link Dict#scan}. */
    public long scan(long cursor, Consumer<Dict.Node> visitor) {
        return dict.scan(cursor, visitor);
    }

    /** Every live key and value with its expiry (for the RDB writer and the AOF rewrite). */
    public void forEach(EntryVisitor visitor) {
        long now = keyspace.now();
        dict.forEach(n -> {
            long at = n.expireAt();
            if (at != 0 && at <= now && !keyspace.replicaMode()) {
                return;
            }
            visitor.visit(n.key, n.value, at == 0 ? -1 : at);
        });
    }

    /** The live keys (KEYS); the caller filters. */
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(dict.size());
        long now = keyspace.now();
        dict.forEach(n -> {
            if (n.expireAt() == 0 || n.expireAt() > now) {
                out.add(n.key);
            }
        });
        return out;
    }

    /** Removes every key, telling the listeners first (they may look at what goes away). */
    public void clear() {
        for (KeyspaceListener l : keyspace.listeners()) {
            l.databaseEmptied(this);
        }
        dict.forEach(n -> {
            if (n.value instanceof RedisValue rv) {
                rv.detach();
            }
        });
        dict.forEach(n -> keyspace.meter().add(-(MemoryMeter.NODE + MemoryMeter.arrayBytes(n.key.length)
                + (n.value instanceof byte[] b ? MemoryMeter.arrayBytes(b.length) : 0)
                + (n instanceof VolatileNode ? MemoryMeter.VOLATILE_EXTRA : 0))));
        dict = new Dict();
        volatiles = new VolatileNode[16];
        volatileCount = 0;
        loadedBytes = 0;
        loadedAggregates = false;
    }

    void swapContents(Database other) {
        Dict d = dict;
        dict = other.dict;
        other.dict = d;
        VolatileNode[] v = volatiles;
        volatiles = other.volatiles;
        other.volatiles = v;
        int c = volatileCount;
        volatileCount = other.volatileCount;
        other.volatileCount = c;
    }
}
