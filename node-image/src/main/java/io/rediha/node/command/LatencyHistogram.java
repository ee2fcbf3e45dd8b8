package io.rediha.node.command;

/**
 * The latency distribution of one command, for LATENCY HISTOGRAM: counts in buckets whose upper
 * bounds double from 1,024 ns (1 µs) up, the bounds Redis reports (1, 2, 4, 8, 16, 32, 65, 131...
 * microseconds). Recording is one leading-zeros count and one increment, cheap enough to do on
 * every call of every command.
 */
public final class LatencyHistogram {
    /** Bucket i holds durations in (1024·2^(i-1), 1024·2^i] ns; the last is open-ended (> ~1 s). */
    private static final int BUCKETS = 22;
    private final long[] counts = new long[BUCKETS];

    public void record(long nanos) {
        int i = nanos <= 1024 ? 0 : 64 - Long.numberOfLeadingZeros((nanos - 1) >>> 10);
        counts[Math.min(i, BUCKETS - 1)]++;
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
    }

    /**
     * Writes {@code calls, histogram_usec {bound: cumulative count...}} as Redis does: only the
     * buckets where the cumulative count grows appear.
     */
    void write(io.rediha.node.server.Client c, long calls) {
        int shown = 0;
        long cumulative = 0;
        for (long n : counts) {
            if (n > 0) {
                shown++;
            }
        }
        c.addMapLen(2);
        c.addBulk("calls");
        c.addInteger(calls);
        c.addBulk("histogram_usec");
        c.addMapLen(shown);
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] == 0) {
                continue;
            }
            cumulative += counts[i];
            c.addInteger((1024L << i) / 1000);
            c.addInteger(cumulative);
        }
    }
}
