package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A master this sentinel monitors, by name: its settings, the replicas and peer sentinels found
 * for it, the agreement state (ODOWN, this sentinel's vote) and the failover in progress, if any.
 */
final class MonitoredMaster extends Instance {
    final String masterName;
    int quorum;
    long failoverTimeoutMs;
    int parallelSyncs;
    String authPass;
    String authUser;
    String notificationScript;
    String clientReconfigScript;
    long rebootDownAfterPeriodMs;
    long rebootSince;
    final Map<String, String> renamedCommands = new LinkedHashMap<>();

    /** Replicas keyed by {@code ip:port} ({@code [ip]:port} for IPv6) as the master reports them. */
    final Map<String, MonitoredReplica> replicas = new LinkedHashMap<>();
    /** Peer sentinels keyed by runid. */
    final Map<String, PeerSentinel> sentinels = new LinkedHashMap<>();

    long configEpoch;
    /** This sentinel's vote for the failover leader of this master. */
    final LeaderVote vote = new LeaderVote();
    long oDownSince;

    FailoverState failoverState = FailoverState.NONE;
    long failoverEpoch;
    long failoverStateChangeTime;
    /** When the current or last failover attempt began; Redis's failover_start_time. */
    long failoverStartTime;
    /** No new attempt of ours before this time (see {@link FailoverStarter}). */
    long nextAttemptNotBefore;
    /** The runid we voted for, while we hold back to let it work; null when not holding back. */
    String holdingBackFor;
    MonitoredReplica promoted;
    /** current_epoch when this master's address was last set; guards the fast conversion rule. */
    long epochAtConfigChange;
    /** Last time a failover delay was logged, to say it once per attempt window. */
    long delayLoggedAt;
    /** Last time "no replica could be promoted" was logged. */
    long noCandidateLoggedAt;

    MonitoredMaster(String name, InstanceAddress address, int quorum, long now) {
        super(address, InstanceFlag.MASTER, now, MasterSettings.DEFAULT_DOWN_AFTER_MS);
        this.masterName = name;
        this.quorum = quorum;
        this.failoverTimeoutMs = MasterSettings.DEFAULT_FAILOVER_TIMEOUT_MS;
        this.parallelSyncs = MasterSettings.DEFAULT_PARALLEL_SYNCS;
    }

    @Override
    String name() {
        return masterName;
    }

    @Override
    MonitoredMaster master() {
        return this;
    }

    boolean failoverInProgress() {
        return is(InstanceFlag.FAILOVER_IN_PROGRESS);
    }

    /** The address clients should use now: the promoted replica's once reconfiguration began. */
    InstanceAddress currentAddress() {
        if (failoverInProgress() && promoted != null && failoverState.ordinal() >= FailoverState.RECONF_SLAVES.ordinal()) {
            return promoted.address;
        }
        return address;
    }

    MonitoredReplica findReplica(InstanceAddress addr) {
        for (MonitoredReplica r : replicas.values()) {
            if (r.address.sameAs(addr)) {
                return r;
            }
        }
        return null;
    }

    MonitoredReplica findReplica(String host, int port) {
        MonitoredReplica exact = replicas.get(MonitoredReplica.key(host, port));
        if (exact != null) {
            return exact;
        }
        for (MonitoredReplica r : replicas.values()) {
            if (r.address.sameAs(host, port)) {
                return r;
            }
        }
        return null;
    }

    List<MonitoredReplica> replicaList() {
        return new ArrayList<>(replicas.values());
    }

    /** "The master looks sane": we believe in it, it says it is master, it is up and recently seen. */
    boolean looksSane(long now, long infoPeriodMs) {
        return is(InstanceFlag.MASTER) && roleReported == InfoReply.Role.MASTER
                && !is(InstanceFlag.S_DOWN) && !is(InstanceFlag.O_DOWN)
                && infoRefresh != 0 && now - infoRefresh < infoPeriodMs * 2;
    }
}
