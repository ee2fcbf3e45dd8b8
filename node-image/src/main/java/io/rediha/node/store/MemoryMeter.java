package io.rediha.node.store;

/**
 * The estimated size of the dataset in bytes: keys, table nodes and values, counted as the JVM
 * lays them out (object headers, references, alignment). It is what INFO reports as
 * {@code used_memory_dataset} and what {@code maxmemory} is compared with; it moves with every
 * write, unlike the heap, which also holds garbage until the next collection.
 */
public final class MemoryMeter {
    /** Bytes of one keyspace node (header, four fields), plus its table slot. */
    public static final int NODE = 28;
    /** Extra bytes of a keyspace node that carries an expiry. */
    public static final int VOLATILE_EXTRA = 16;
    private long bytes;

    public long bytes() {
        return bytes;
    }

    public void add(long delta) {
        bytes += delta;
    }

    public void reset() {
        bytes = 0;
    }

    /** Heap bytes of a {@code byte[]} of this length: 16-byte header, 8-byte alignment. */
    public static long arrayBytes(int length) {
        return (16L + length + 7) & ~7L;
    }
}
