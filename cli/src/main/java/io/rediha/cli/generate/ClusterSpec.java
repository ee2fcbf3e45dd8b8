package io.rediha.cli.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code rediha generate} needs to know about the cluster, with the defaults in one place.
 * A spec may be impossible (0 sentinels, quorum above the sentinel count); {@link SpecCheck} says so
 * before anything is rendered.
 *
 * @param downAfterMillis       Sentinel's {@code down-after-milliseconds}
 * @param failoverTimeoutMillis Sentinel's {@code failover-timeout}
 * @param parallelSyncs         Sentinel's {@code parallel-syncs}
 * @param replicaPort           the port of every replica (container networks) or of the first one
 *                              (host networking, see {@link PortPlan})
 * @param sentinelPort          likewise for sentinels
 * @param announceIp            host networking only: the address nodes use to reach each other and
 *                              announce to clients
 */
public record ClusterSpec(Target target, NetworkMode network, int replicas, int sentinels, int quorum,
                          String masterName, long downAfterMillis, long failoverTimeoutMillis, int parallelSyncs,
                          int masterPort, int replicaPort, int sentinelPort, String image, String announceIp) {

    public static final int DEFAULT_REPLICAS = 2;
    public static final int DEFAULT_SENTINELS = 3;
    public static final String DEFAULT_MASTER_NAME = "mymaster";
    /**
     * 5 s rather than Redis's 30 s: inside one data centre a master silent for 5 s is gone, and every
     * second of waiting is a second of refused writes. Below 1 s a GC pause can trigger a failover.
     */
    public static final long DEFAULT_DOWN_AFTER_MILLIS = 5_000;
    /** 60 s rather than Redis's 180 s: it also spaces retries (twice this), so a stuck failover retries sooner. */
    public static final long DEFAULT_FAILOVER_TIMEOUT_MILLIS = 60_000;
    /** One replica resyncs at a time after a failover, so the others keep serving reads. Redis's default. */
    public static final int DEFAULT_PARALLEL_SYNCS = 1;
    public static final String DEFAULT_IMAGE = "rediha/node:latest";
    public static final String DEFAULT_ANNOUNCE_IP = "127.0.0.1";

    /** Redis's own ports: on a container network every node has its own address. */
    public static final int BRIDGE_DATA_PORT = 6379;
    public static final int BRIDGE_SENTINEL_PORT = 26379;
    /** Rancher-style host ports: master 16379, replicas from 16380, sentinels from 16381 (see {@link PortPlan}). */
    public static final int HOST_MASTER_PORT = 16379;
    public static final int HOST_REPLICA_PORT = 16380;
    public static final int HOST_SENTINEL_PORT = 16381;

    /** The quorum a spec gets when none is given: a majority of the sentinels. */
    public static int majority(int sentinels) {
        return sentinels / 2 + 1;
    }

    public static int defaultMasterPort(NetworkMode network) {
        return network == NetworkMode.HOST ? HOST_MASTER_PORT : BRIDGE_DATA_PORT;
    }

    public static int defaultReplicaPort(NetworkMode network) {
        return network == NetworkMode.HOST ? HOST_REPLICA_PORT : BRIDGE_DATA_PORT;
    }

    public static int defaultSentinelPort(NetworkMode network) {
        return network == NetworkMode.HOST ? HOST_SENTINEL_PORT : BRIDGE_SENTINEL_PORT;
    }

    /** The network a target gets when none is given. */
    public static NetworkMode defaultNetwork(Target target) {
        return target == Target.HOST ? NetworkMode.HOST : NetworkMode.BRIDGE;
    }

    /** The spec {@code rediha generate --target T} produces with no other option: what examples/ holds. */
    public static ClusterSpec defaults(Target target) {
        NetworkMode network = defaultNetwork(target);
        return new ClusterSpec(target, network, DEFAULT_REPLICAS, DEFAULT_SENTINELS, majority(DEFAULT_SENTINELS),
                DEFAULT_MASTER_NAME, DEFAULT_DOWN_AFTER_MILLIS, DEFAULT_FAILOVER_TIMEOUT_MILLIS,
                DEFAULT_PARALLEL_SYNCS, defaultMasterPort(network), defaultReplicaPort(network),
                defaultSentinelPort(network), DEFAULT_IMAGE, DEFAULT_ANNOUNCE_IP);
    }

    /**
     * The shortest {@code rediha generate} command line that reproduces this spec: the target plus
     * every setting that differs from its default. Written into the file's header.
     */
    public String toCommandLine() {
        List<String> args = new ArrayList<>(List.of("rediha", "generate", "--target", target.id()));
        if (network != defaultNetwork(target)) {
            args.addAll(List.of("--network", network.id()));
        }
        addIfChanged(args, "--replicas", replicas, DEFAULT_REPLICAS);
        addIfChanged(args, "--sentinels", sentinels, DEFAULT_SENTINELS);
        addIfChanged(args, "--quorum", quorum, majority(sentinels));
        addIfChanged(args, "--master-name", masterName, DEFAULT_MASTER_NAME);
        addIfChanged(args, "--down-after", downAfterMillis, DEFAULT_DOWN_AFTER_MILLIS);
        addIfChanged(args, "--failover-timeout", failoverTimeoutMillis, DEFAULT_FAILOVER_TIMEOUT_MILLIS);
        addIfChanged(args, "--parallel-syncs", parallelSyncs, DEFAULT_PARALLEL_SYNCS);
        addIfChanged(args, "--master-port", masterPort, defaultMasterPort(network));
        addIfChanged(args, "--replica-port", replicaPort, defaultReplicaPort(network));
        addIfChanged(args, "--sentinel-port", sentinelPort, defaultSentinelPort(network));
        addIfChanged(args, "--image", image, DEFAULT_IMAGE);
        if (network == NetworkMode.HOST) {
            addIfChanged(args, "--announce-ip", announceIp, DEFAULT_ANNOUNCE_IP);
        }
        return String.join(" ", args);
    }

    private static void addIfChanged(List<String> args, String option, Object value, Object defaultValue) {
        if (!value.equals(defaultValue)) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
