package io.rediha.node.sentinel;

/**
 * The sentinel's current epoch: a logical clock that only moves forward, advanced by every
 * failover attempt and by every newer epoch seen in a hello message or a vote request.
 */
final class Epochs {
    private long current;

    Epochs(long initial) {
        this.current = initial;
    }

    long current() {
        return current;
    }

    /** Adopts {@code seen} if it is newer; returns true when the epoch moved. */
    boolean observe(long seen) {
        if (seen > current) {
            current = seen;
            return true;
        }
        return false;
    }

    /** Starts a new epoch for our own failover attempt. */
    long next() {
        return ++current;
    }
}
