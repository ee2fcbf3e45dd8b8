package io.rediha.cli.drill;

import java.util.Arrays;

/**
 * Every write one writer attempted, in order: sequence number = index. Kept in primitive arrays
 * because a round makes tens of thousands of writes. Appended by its writer thread only; read by
 * others only after that thread has been joined.
 */
public final class WriteLog {
    /** What the application was told about a write. */
    public enum Outcome {
        /** SET answered OK (and, with --wait-replicas R, WAIT confirmed R replicas). */
        ACKED,
        /** SET answered OK, but WAIT confirmed fewer than R replicas: the application must not count on it. */
        UNCONFIRMED,
        /** An error or no answer. */
        FAILED
    }

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final int writer;
    private long[] starts = new long[1024];
    private long[] ends = new long[1024];
    private byte[] outcomes = new byte[1024];
    private short[] servers = new short[1024];
    private int size;

    public WriteLog(int writer) {
        this.writer = writer;
    }

    public int writer() {
        return writer;
    }

    void append(long startNanos, long endNanos, Outcome outcome, int server) {
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            outcomes = Arrays.copyOf(outcomes, n);
            servers = Arrays.copyOf(servers, n);
        }
        starts[size] = startNanos;
        ends[size] = endNanos;
        outcomes[size] = (byte) outcome.ordinal();
        servers[size] = (short) server;
        size++;
    }

    public int size() {
        return size;
    }

    public long start(int seq) {
        return starts[seq];
    }

    public long end(int seq) {
        return ends[seq];
    }

    public Outcome outcome(int seq) {
        return OUTCOMES[outcomes[seq]];
    }

    /** Index into {@link WriteLoad#servers()} of the node that answered, or -1 when no connection was made. */
    public int server(int seq) {
        return servers[seq];
    }
}
