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
 * change it afterwards. The table resizes at once (load factor 1 to grow, 1/8 to shrink). Nodes do
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

    private Node[] table = new Node[MIN_CAPACITY];
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
        Node n = table[hash & (table.length - 1)];
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
        if (size >= table.length) {
            resize(table.length * 2);
        }
        int i = hash & (table.length - 1);
        node.next = table[i];
        table[i] = node;
        size++;
        return node;
    }

    /** Node factory for {@link #put}; the keyspace creates its own node type. */
    protected Node newNode(byte[] key, Object value) {
        return new Node(key, value);
    }

    /** Removes the key; returns its node, or null when absent. */
    public final Node remove(byte[] key) {
        int h = hash(key);
        int i = h & (table.length - 1);
        Node prev = null;
        Node n = table[i];
        while (n != null) {
            if (Arrays.equals(n.key, key)) {
                if (prev == null) {
                    table[i] = n.next;
                } else {
                    prev.next = n.next;
                }
                n.next = null;
                size--;
                shrinkIfSparse();
                return n;
            }
            prev = n;
            n = n.next;
        }
        return null;
    }

    /** Puts {@code replacement} (same key) where {@code old} is, keeping the chain. */
    public final void replace(Node old, Node replacement) {
        int i = hash(old.key) & (table.length - 1);
        Node prev = null;
        Node n = table[i];
        while (n != null && n != old) {
            prev = n;
            n = n.next;
        }
        if (n == null) {
            throw new IllegalStateException("node not in table");
        }
        replacement.next = old.next;
        old.next = null;
        if (prev == null) {
            table[i] = replacement;
        } else {
            prev.next = replacement;
        }
    }

    /**
     * Grows the table to hold {@code expected} keys without a resize on the way (a loader that
     * knows the count up front: an RDB's RESIZEDB). Never shrinks; capped, so a corrupt count
     * cannot allocate a huge table (past the cap the table grows as usual).
     */
    public final void reserve(long expected) {
        long want = Math.min(expected, MAX_RESERVE);
        if (want <= table.length) {
            return;
        }
        int cap = Integer.highestOneBit((int) want - 1) << 1;
        resize(cap);
    }

    public final void clear() {
        table = new Node[MIN_CAPACITY];
        size = 0;
    }

    private void shrinkIfSparse() {
        if (table.length > MIN_CAPACITY && size < table.length / 8) {
            int cap = MIN_CAPACITY;
            while (cap < size * 2) {
                cap <<= 1;
            }
            resize(cap);
        }
    }

    private void resize(int capacity) {
        Node[] old = table;
        Node[] t = new Node[capacity];
        int mask = capacity - 1;
        for (Node head : old) {
            Node n = head;
            while (n != null) {
                Node next = n.next;
                int i = hash(n.key) & mask;
                n.next = t[i];
                t[i] = n;
                n = next;
            }
        }
        table = t;
    }

    /**
     * Visits the buckets at {@code cursor} (one bucket and its chain) and returns the next cursor, 0
     * when the scan is complete. Callers loop while the returned cursor is non-zero and enough
     * entries have not yet been collected.
     */
    public final long scan(long cursor, Consumer<Node> visitor) {
        Node[] t = table;
        long mask = t.length - 1;
        Node n = t[(int) (cursor & mask)];
        while (n != null) {
            Node next = n.next;
            visitor.accept(n);
            n = next;
        }
        // Increment the reversed cursor: the high bits of the masked cursor advance first.
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v;
    }

    /** A node chosen at random (uniform over buckets, then over the chain), or null when empty. */
    public final Node randomNode() {
        if (size == 0) {
            return null;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Node[] t = table;
        Node head = null;
        // Dense enough after any resize (size >= capacity/8), so a few probes find a bucket.
        for (int tries = 0; tries < 64 && head == null; tries++) {
            head = t[rnd.nextInt(t.length)];
        }
        if (head == null) {
            int start = rnd.nextInt(t.length);
            for (int i = 0; i < t.length && head == null; i++) {
                head = t[(start + i) & (t.length - 1)];
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

    /** Every node, in table order. The visitor must not change the table. */
    public final void forEach(Consumer<Node> visitor) {
        for (Node head : table) {
            for (Node n = head; n != null; n = n.next) {
                visitor.accept(n);
            }
        }
    }

    /** Number of buckets (for INFO-style diagnostics and tests). */
    public final int capacity() {
        return table.length;
    }
}
