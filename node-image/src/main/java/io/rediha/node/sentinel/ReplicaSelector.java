package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the replica to promote.
 *
 * <p>Excluded: replicas that are SDOWN or ODOWN, disconnected, silent to PING for more than five
 * ping periods, configured with priority 0, whose INFO is too old (five ping periods while the
 * master is down, three INFO periods otherwise), or whose link to the master has been down for
 * much longer than the master itself (more than the master's down time plus ten times
 * down-after-milliseconds): such a replica's data is older than the failure we are fixing. The
 * rest are ordered by priority (lower first), replication offset (higher first), then run id
 * (smaller first; an unknown run id last).
 */
final class ReplicaSelector {
    /**
     * The choice; {@code waitingForInfo} counts replicas rejected only because their INFO is old;
     * {@code rejected} says why each other replica was not chosen (for the log).
     */
    record Selection(MonitoredReplica replica, int waitingForInfo, List<String> rejected) {
    }

    static final Comparator<MonitoredReplica> PROMOTION_ORDER = Comparator
            .comparingInt((MonitoredReplica r) -> r.priority)
            .thenComparing(Comparator.comparingLong((MonitoredReplica r) -> r.replOffset).reversed())
            .thenComparing(r -> r.runId, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER));

    private ReplicaSelector() {
    }

    static Selection select(MonitoredMaster m, long now, SentinelTiming timing) {
        long maxMasterDownTime = m.downAfterMs * 10;
        if (m.is(InstanceFlag.S_DOWN)) {
            maxMasterDownTime += now - m.sDownSince;
        }
        long infoValidity = m.is(InstanceFlag.S_DOWN) ? timing.pingPeriod * 5 : timing.infoPeriod * 3;
        List<MonitoredReplica> candidates = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int staleInfo = 0;
        for (MonitoredReplica r : m.replicas.values()) {
            String reason = null;
            if (r.is(InstanceFlag.S_DOWN) || r.is(InstanceFlag.O_DOWN)) {
                reason = "down";
            } else if (r.isDisconnected()) {
                reason = "disconnected";
            } else if (now - r.link.lastAvailTime > timing.pingPeriod * 5) {
                reason = "no PING reply for " + (now - r.link.lastAvailTime) + " ms";
            } else if (r.priority == 0) {
                reason = "priority 0";
            } else if (r.masterLinkDownTime > maxMasterDownTime) {
                reason = "link to the master down for " + r.masterLinkDownTime + " ms";
            } else if (r.infoRefresh == 0 || now - r.infoRefresh > infoValidity) {
                reason = "INFO too old";
                staleInfo++;
            }
            if (reason == null) {
                candidates.add(r);
            } else {
                rejected.add(r.name() + ": " + reason);
            }
        }
        candidates.sort(PROMOTION_ORDER);
        return new Selection(candidates.isEmpty() ? null : candidates.get(0), staleInfo, rejected);
    }
}
