package io.rediha.node.sentinel;

/**
 * This sentinel's vote for the leader of a master's failover: at most one runid per epoch, and
 * never again in an epoch older than one it already voted in. That rule is what makes the leader
 * of an epoch unique: a candidate needs a majority, and no sentinel gives two candidates a vote
 * in the same epoch.
 */
final class LeaderVote {
    /** Runid voted for in {@link #epoch}; null when none (or not known after a restart). */
    String leader;
    long epoch;

    /** What {@link #vote} did, for the caller's events and config flush. */
    record Outcome(String leader, long leaderEpoch, boolean epochAdvanced, boolean voted) {
    }

    /**
     * Handles a vote request from {@code candidate} for {@code requestEpoch}, following Redis's
     * rule: adopt a newer epoch first; then vote if we have not voted in this epoch or later.
     *
     * @param epochs the sentinel's current epoch, advanced here when the request is newer
     * @return the vote we now hold (maybe an earlier one) and what changed
     */
    Outcome vote(Epochs epochs, long requestEpoch, String candidate) {
        boolean advanced = epochs.observe(requestEpoch);
        boolean voted = false;
        if (epoch < requestEpoch && epochs.current() <= requestEpoch) {
            leader = candidate;
            epoch = epochs.current();
            voted = true;
        }
        return new Outcome(leader, epoch, advanced, voted);
    }
}
