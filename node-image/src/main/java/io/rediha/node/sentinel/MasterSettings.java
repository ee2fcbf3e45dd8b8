package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything sentinel.conf says about one monitored master: the {@code sentinel monitor} line, its
 * per-master options, and the state a previous run persisted (epochs, known replicas and peers).
 * Used in both directions: filled when the file is read, and built from the running state when the
 * file is rewritten.
 */
final class MasterSettings {
    static final long DEFAULT_DOWN_AFTER_MS = 30_000;
    static final long DEFAULT_FAILOVER_TIMEOUT_MS = 180_000;
    static final int DEFAULT_PARALLEL_SYNCS = 1;

    record KnownSentinel(String host, int port, String runid) {
    }

    record HostPort(String host, int port) {
    }

    String name;
    String host;
    int port;
    int quorum;
    long downAfterMs = DEFAULT_DOWN_AFTER_MS;
    long failoverTimeoutMs = DEFAULT_FAILOVER_TIMEOUT_MS;
    int parallelSyncs = DEFAULT_PARALLEL_SYNCS;
    String authPass;
    String authUser;
    String notificationScript;
    String clientReconfigScript;
    long masterRebootDownAfterPeriodMs;
    final Map<String, String> renamedCommands = new LinkedHashMap<>();
    long configEpoch;
    long leaderEpoch;
    /** Runid this sentinel voted for in {@link #leaderEpoch}; null if unknown. */
    String leader;
    final List<HostPort> knownReplicas = new ArrayList<>();
    final List<KnownSentinel> knownSentinels = new ArrayList<>();

    MasterSettings(String name, String host, int port, int quorum) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.quorum = quorum;
    }

    /** The {@code sentinel ...} lines for this master, defaults left out, in Redis's order. */
    List<List<String>> toLines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("sentinel", "monitor", name, host, Integer.toString(port), Integer.toString(quorum)));
        if (downAfterMs != DEFAULT_DOWN_AFTER_MS) {
            lines.add(List.of("sentinel", "down-after-milliseconds", name, Long.toString(downAfterMs)));
        }
        if (failoverTimeoutMs != DEFAULT_FAILOVER_TIMEOUT_MS) {
            lines.add(List.of("sentinel", "failover-timeout", name, Long.toString(failoverTimeoutMs)));
        }
        if (parallelSyncs != DEFAULT_PARALLEL_SYNCS) {
            lines.add(List.of("sentinel", "parallel-syncs", name, Integer.toString(parallelSyncs)));
        }
        if (notificationScript != null) {
            lines.add(List.of("sentinel", "notification-script", name, notificationScript));
        }
        if (clientReconfigScript != null) {
            lines.add(List.of("sentinel", "client-reconfig-script", name, clientReconfigScript));
        }
        if (authPass != null) {
            lines.add(List.of("sentinel", "auth-pass", name, authPass));
        }
        if (authUser != null) {
            lines.add(List.of("sentinel", "auth-user", name, authUser));
        }
        if (masterRebootDownAfterPeriodMs != 0) {
            lines.add(List.of("sentinel", "master-reboot-down-after-period", name,
                    Long.toString(masterRebootDownAfterPeriodMs)));
        }
        lines.add(List.of("sentinel", "config-epoch", name, Long.toString(configEpoch)));
        if (leader != null) {
            // A fourth word that redis-sentinel does not write: the runid voted for, so that a
            // restarted sentinel repeats the same vote when the candidate asks again in that epoch.
            lines.add(List.of("sentinel", "leader-epoch", name, Long.toString(leaderEpoch), leader));
        } else {
            lines.add(List.of("sentinel", "leader-epoch", name, Long.toString(leaderEpoch)));
        }
        for (HostPort r : knownReplicas) {
            lines.add(List.of("sentinel", "known-replica", name, r.host(), Integer.toString(r.port())));
        }
        for (KnownSentinel s : knownSentinels) {
            lines.add(List.of("sentinel", "known-sentinel", name, s.host(), Integer.toString(s.port()), s.runid()));
        }
        renamedCommands.forEach((from, to) -> lines.add(List.of("sentinel", "rename-command", name, from, to)));
        return lines;
    }
}
