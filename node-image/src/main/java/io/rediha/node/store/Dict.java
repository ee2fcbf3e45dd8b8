package io.rediha.node.store;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A hash table from byte-string keys to values: the keyspace of a database, and the fields of
 * hashes and members of sets. Chained buckets in a power-of-two table, so that SCAN can use
 * Redis's reverse-binary cursor: a key that is present for the whole scan is returned at least once
 * even when the table grows or shrinks between calls, because a bucket's children in a bigger table
 * (and its parent in a smaller one) share the cursor's low bits and are visited together.
 *
 * <p>Keys are compared by content and never copied: the caller hands over the array and must not
 * change it afterwards. The table grows at load factor 1 and shrinks at 1/8, incrementally (see
 * {@link #startRehash}). Nodes do
 * not keep their hash: with compact object headers that makes a node 24 bytes instead of 32, a
 * tenth of the memory of a small key, and rehashing a short key on resize is cheap.
 */
public class Dict {
    /** Random per process, so the bucket of a key cannot be predicted from outside. */
    private static final int SEED = ThreadLocalRandom.current().nextInt() | 1;
    private static final int MIN_CAPACITY = 4;
    /** Largest table {@link #reserve} allocates up front (16M buckets, 64 MB). */
    private static final int MAX_RESERVE = 1 << 24;

    /** One entry; subclasses add what their table needs (expiry in the keyspace). */
    public static class Node {
        public final byte[] key;
        public Object value;
        Node next;
        /** Last access (LRU clock) or access frequency (LFU), see {@link AccessTracking}. */
        public int lru;

        public Node(byte[] key, Object value) {
            this.key = key;
            this.value = value;
        }

        /** Absolute expiry in unix milliseconds, or 0 when the key does not expire. */
        public long expireAt() {
            return 0;
        }
    }

    /** Buckets moved per insert or remove during a resize. */
    private static final int STEP_BUCKETS = 4;

    private Node[] table = new Node[MIN_CAPACITY];
    /** The table a resize is filling, or null; buckets of {@link #table} below the index are moved. */
    private Node[] target;
    private int rehashIndex;
    private int size;

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * The hash Dict uses for a key: eight bytes per step (keys are mostly short), each word mixed
     * by multiplication, then the result avalanched, so the low bits that pick the bucket depend on
     * every byte.
     */
    public static int hash(byte[] key) {
        long h = SEED ^ ((long) key.length * 0x9E3779B97F4A7C15L);
        int i = 0;
        int n = key.length;
        for (; i + 8 <= n; i += 8) {
            h = (h ^ (long) LONGS.get(key, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h;
    }

    public final int size() {
        return size;
    }

    public final Node find(byte[] key) {
        return find(key, hash(key));
    }

    public final Node find(byte[] key, int hash) {
        Node n = findIn(table, key, hash);
        return n != null || target == null ? n : findIn(target, key, hash);
    }

    private static Node findIn(Node[] t, byte[] key, int hash) {
        Node n = t[hash & (t.length - 1)];
        while (n != null) {
            if (Arrays.equals(n.key, key)) {
                return n;
            }
            n = n.next;
        }
        return null;
    }

    public final Object get(byte[] key) {
        Node n = find(key);
        return n == null ? null : n.value;
    }

    public final boolean containsKey(byte[] key) {
        return find(key) != null;
    }

    /** Sets the value, adding the key if absent; returns the node. */
    public final Node put(byte[] key, Object value) {
        int h = hash(key);
        Node n = find(key, h);
        if (n != null) {
            n.value = value;
            return n;
        }
        return insert(newNode(key, value), h);
    }

    /** Adds a node whose key is known to be absent. */
    public final Node insert(Node node) {
        return insert(node, hash(node.key));
    }

    /** Adds a node whose key is known to be absent and whose {@link #hash} the caller computed. */
    public final Node insert(Node node, int hash) {
        if (target != null) {
            rehashStep(STEP_BUCKETS);
        } else if (size >= table.length) {
            startRehash(table.length * 2);
        }
        Node[] t = target != null ? target : table; // new keys go to the table being filled
        int i = hash & (t.length - 1);
        node.next = t[i];
        t[i] = node;
        size++;
        return node;
    }

    /** Node factory for {@link #put}; the keyspace creates its own node type. */
    protected Node newNode(byte[] key, Object value) {
        return new Node(key, value);
    }

    /** Removes the key; returns its node, or null when absent. */
    public final Node remove(byte[] key) {
        if (target != null) {
            rehashStep(STEP_BUCKETS);
        }
        int h = hash(key);
        Node n = removeFrom(table, key, h);
        if (n == null && target != null) {
            n = removeFrom(target, key, h);
        }
        if (n != null) {
            size--;
            shrinkIfSparse();
        }
        return n;
    }

    private static Node removeFrom(Node[] t, byte[] key, int hash) {
        int i = hash & (t.length - 1);
        Node prev = null;
        Node n = t[i];
        while (n != null) {
            if (Arrays.equals(n.key, key)) {
                if (prev == null) {
                    t[i] = n.next;
                } else {
                    prev.next = n.next;
                }
                n.next = null;
                return n;
            }
            prev = n;
            n = n.next;
        }
        return null;
    }

    /** Puts {@code replacement} (same key) where {@code old} is, keeping the chain. */
    public final void replace(Node old, Node replacement) {
        int h = hash(old.key);
        if (!replaceIn(table, h, old, replacement) && (target == null || !replaceIn(target, h, old, replacement))) {
            throw new IllegalStateException("node not in table");
        }
    }

    private static boolean replaceIn(Node[] t, int hash, Node old, Node replacement) {
        int i = hash & (t.length - 1);
        Node prev = null;
        Node n = t[i];
        while (n != null && n != old) {
            prev = n;
            n = n.next;
        }
        if (n == null) {
            return false;
        }
        replacement.next = old.next;
        old.next = null;
        if (prev == null) {
            t[i] = replacement;
        } else {
            prev.next = replacement;
        }
        return true;
    }

    /**
     * Grows the table to hold {@code expected} keys without a resize on the way (a loader that
     * knows the count up front: an RDB's RESIZEDB). Never shrinks; capped, so a corrupt count
     * cannot allocate a huge table (past the cap the table grows as usual).
     */
    public final void reserve(long expected) {
        long want = Math.min(expected, MAX_RESERVE);
        if (want <= capacity()) {
            return;
        }
        finishRehash();
        int cap = Integer.highestOneBit((int) want - 1) << 1;
        startRehash(cap);
        finishRehash(); // a loader fills the table next: no point in spreading the move
    }

    public final void clear() {
        table = new Node[MIN_CAPACITY];
        target = null;
        rehashIndex = 0;
        size = 0;
    }

    private void shrinkIfSparse() {
        if (target == null && table.length > MIN_CAPACITY && size < table.length / 8) {
            int cap = MIN_CAPACITY;
            while (cap < size * 2) {
                cap <<= 1;
            }
            startRehash(cap);
        }
    }

    // ------------------------------------------------------------------ incremental rehash

    /**
     * A resize does not move every node at once: with a million keys that would stall the
     * command thread for a good fraction of a second. As in Redis, the new table fills bucket by
     * bucket: each insert and remove moves a few buckets, and the server cron moves more for up
     * to a millisecond ({@link #rehashFor}). Meanwhile lookups look in both tables and new keys
     * go to the new one.
     */
    private void startRehash(int capacity) {
        target = new Node[capacity];
        rehashIndex = 0;
        rehashStep(STEP_BUCKETS);
    }

    /** Moves up to {@code buckets} non-empty buckets (visiting at most ten times as many empty ones). */
    private void rehashStep(int buckets) {
        Node[] t = target;
        int mask = t.length - 1;
        int emptyVisits = buckets * 10;
        while (buckets > 0 && rehashIndex < table.length) {
            Node n = table[rehashIndex];
            if (n == null) {
                rehashIndex++;
                if (--emptyVisits == 0) {
                    return;
                }
                continue;
            }
            while (n != null) {
                Node next = n.next;
                int i = hash(n.key) & mask;
                n.next = t[i];
                t[i] = n;
                n = next;
            }
            table[rehashIndex++] = null;
            buckets--;
        }
        if (rehashIndex >= table.length) {
            table = t;
            target = null;
            rehashIndex = 0;
        }
    }

    private void finishRehash() {
        while (target != null) {
            rehashStep(1 << 16);
        }
    }

    /** True while a resize is in progress (two tables). */
    public final boolean isRehashing() {
        return target != null;
    }

    /** Moves buckets for about {@code nanos} (the server cron calls this with one millisecond). */
    public final void rehashFor(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (target != null && System.nanoTime() < deadline) {
            rehashStep(100);
        }
    }

    /**
     * Visits the buckets at {@code cursor} (one bucket and its chain) and returns the next cursor, 0
     * when the scan is complete. Callers loop while the returned cursor is non-zero and enough
     * entries have not yet been collected. During a resize it visits the bucket of the smaller
     * table and every bucket of the larger one that it expands to, so nothing present for the
     * whole scan is missed.
     */
    public final long scan(long cursor, Consumer<Node> visitor) {
        if (target == null) {
            Node[] t = table;
            long mask = t.length - 1;
            visitChain(t[(int) (cursor & mask)], visitor);
            return nextCursor(cursor, mask);
        }
        Node[] small = table.length <= target.length ? table : target;
        Node[] large = small == table ? target : table;
        long m0 = small.length - 1;
        long m1 = large.length - 1;
        long v = cursor;
        visitChain(small[(int) (v & m0)], visitor);
        do {
            visitChain(large[(int) (v & m1)], visitor);
            v = nextCursor(v, m1);
        } while ((v & (m0 ^ m1)) != 0);
        return v;
    }

    private static void visitChain(Node n, Consumer<Node> visitor) {
        while (n != null) {
            Node next = n.next;
            visitor.accept(n);
            n = next;
        }
    }

    /** Increments the reversed cursor: the high bits of the masked cursor advance first. */
    private static long nextCursor(long cursor, long mask) {
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** A node chosen at random (uniform over buckets, then over the chain), or null when empty. */
    public final Node randomNode() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int slots = table.length + (target == null ? 0 : target.length);
        Node head = null;
        // Dense enough after any resize (size >= capacity/8), so a few probes find a bucket.
        for (int tries = 0; tries < 64 && head == null; tries++) {
            head = bucket(rnd.nextInt(slots));
        }
        if (head == null) {
            int start = rnd.nextInt(slots);
            for (int i = 0; i < slots && head == null; i++) {
                head = bucket((start + i) % slots);
            }
        }
        int len = 0;
        for (Node n = head; n != null; n = n.next) {
            len++;
        }
        int pick = rnd.nextInt(len);
        Node n = head;
        while (pick-- > 0) {
            n = n.next;
        }
        return n;
    }

    private Node bucket(int slot) {
        return slot < table.length ? table[slot] : target[slot - table.length];
    }

    /** Every node, in table order. The visitor must not change the table. */
    public final void forEach(Consumer<Node> visitor) {
        forEachIn(table, visitor);
        if (target != null) {
            forEachIn(target, visitor);
        }
    }

    private static void forEachIn(Node[] t, Consumer<Node> visitor) {
        for (Node head : t) {
            for (Node n = head; n != null; n = n.next) {
                visitor.accept(n);
            }
        }
    }

    /** Number of buckets (for INFO-style diagnostics and tests); the new table's during a resize. */
    public final int capacity() {
        return target != null ? target.length : table.length;
    }
}
