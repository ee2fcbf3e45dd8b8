package io.rediha.node.sentinel;

/**
 * TILT mode: when the timer did not run for too long (the process was paused, the machine
 * stalled) or the wall clock jumped, every timestamp this sentinel holds is suspect: all peers
 * would look timed out at once. For a while it keeps observing but takes no decision: no SDOWN or
 * ODOWN, no failover, no reconfiguration, and it answers "not down" to vote requests.
 */
final class TiltDetector {
    static final long DEFAULT_TRIGGER_MS = 2_000;
    static final long DEFAULT_PERIOD_MS = 30_000;

    long triggerMs = DEFAULT_TRIGGER_MS;
    long periodMs = DEFAULT_PERIOD_MS;

    private long previousNow;
    private long previousWall;
    private boolean tilt;
    private long tiltStart;

    /** What a call to {@link #check} decided. */
    enum Change { NONE, ENTERED, EXITED }

    /**
     * Called once per timer run. Enters TILT when the gap since the previous run is larger than
     * the trigger, or when the wall clock moved by more than the trigger differently from the
     * monotonic clock (a step, forwards or backwards).
     */
    Change check(long now, long wall) {
        Change change = Change.NONE;
        if (previousNow != 0) {
            long delta = now - previousNow;
            long wallDelta = wall - previousWall;
            if (delta > triggerMs || Math.abs(wallDelta - delta) > triggerMs) {
                boolean wasTilt = tilt;
                tilt = true;
                tiltStart = now;
                change = wasTilt ? Change.NONE : Change.ENTERED;
            }
        }
        previousNow = now;
        previousWall = wall;
        if (change == Change.NONE && tilt && now - tiltStart > periodMs) {
            tilt = false;
            change = Change.EXITED;
        }
        return change;
    }

    boolean inTilt() {
        return tilt;
    }

    long tiltSince() {
        return tiltStart;
    }
}
