package io.rediha.cli.drill;

import java.time.Instant;

/**
 * One monotonic time base for a whole drill. Every timestamp the drill records (writes, events,
 * milestones) is nanoseconds since the drill started, so they can be subtracted from each other
 * without wall-clock jumps; {@link #wallClock} turns one into an instant for the reports.
 */
public final class DrillClock {
    private final long originNanos = System.nanoTime();
    private final Instant originWall = Instant.now();

    /** Nanoseconds since the drill started. */
    public long nanos() {
        return System.nanoTime() - originNanos;
    }

    public Instant wallClock(long nanos) {
        return originWall.plusNanos(nanos);
    }

    public Instant started() {
        return originWall;
    }

    /** Milliseconds between two drill timestamps, with one decimal kept. */
    public static double millisBetween(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 100_000.0) / 10.0;
    }
}
