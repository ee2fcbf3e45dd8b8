package io.rediha.node.store;

/**
 * A value of one of the aggregate types (list, hash, set, sorted set). Strings are plain
 * {@code byte[]}s. Each type keeps an estimate of its own size and, once stored in a database,
 * reports every change of it to the database's {@link MemoryMeter}.
 */
public abstract class RedisValue {
    private long bytes;
    private MemoryMeter meter;

    /** The name TYPE returns: list, hash, set or zset. */
    public abstract String typeName();

    /** The name OBJECT ENCODING returns, following Redis's own size thresholds. */
    public abstract String encoding();

    /** Number of elements (LLEN, HLEN, SCARD, ZCARD). */
    public abstract int size();

    /** A deep copy (COPY). */
    public abstract RedisValue copy();

    /** Estimated heap bytes of this value. */
    public final long memoryBytes() {
        return bytes;
    }

    /** Types call this with every size change. */
    protected final void grow(long delta) {
        bytes += delta;
        if (meter != null) {
            meter.add(delta);
        }
    }

    final void attach(MemoryMeter m) {
        if (meter != null) {
            meter.add(-bytes);
        }
        meter = m;
        m.add(bytes);
    }

    final void detach() {
        if (meter != null) {
            meter.add(-bytes);
            meter = null;
        }
    }
}
