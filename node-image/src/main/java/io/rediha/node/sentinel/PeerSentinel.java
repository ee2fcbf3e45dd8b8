package io.rediha.node.sentinel;

/** Another sentinel monitoring the same master, found through its hello messages. */
final class PeerSentinel extends Instance {
    private final MonitoredMaster master;

    long lastHelloTime;
    long lastMasterDownReplyTime;
    /** The leader this peer said it voted for, and in which epoch (from is-master-down-by-addr). */
    String leader;
    long leaderEpoch;
    /** An is-master-down-by-addr request is in flight. */
    boolean askPending;
    /** The failover epoch of the last vote request this peer answered; 0 if none. */
    long answeredVoteEpoch;

    PeerSentinel(MonitoredMaster master, InstanceAddress address, String runId, long now) {
        super(address, InstanceFlag.SENTINEL, now, master.downAfterMs);
        this.master = master;
        this.runId = runId;
        this.lastHelloTime = now;
    }

    @Override
    String name() {
        return runId;
    }

    @Override
    MonitoredMaster master() {
        return master;
    }
}
