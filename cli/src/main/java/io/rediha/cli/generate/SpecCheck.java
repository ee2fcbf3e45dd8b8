package io.rediha.cli.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Judges a {@link ClusterSpec} before anything is written. A refusal is a setting that cannot work
 * (a quorum no set of sentinels can reach, two nodes on one port); a warning is a setting that works
 * but gives up some of the protection rediha exists for (an even sentinel count, no replica). Each
 * message names the value at fault, says why, and what to use instead.
 */
public final class SpecCheck {

    /** More nodes than this per role is a typo, not a cluster; it also bounds the port lists. */
    public static final int MAX_PER_ROLE = 100;

    private static final Pattern MASTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]*");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]*");

    private SpecCheck() {
    }

    /** What is wrong (nothing may be written) and what is weak (written, with a warning). */
    public record Findings(List<String> refusals, List<String> warnings) {
        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    public static Findings check(ClusterSpec spec) {
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkNetwork(spec, refusals, warnings);
        boolean countsUsable = checkCounts(spec, refusals, warnings);
        checkSentinelSettings(spec, refusals, warnings);
        checkNames(spec, refusals);
        if (countsUsable) {
            checkPorts(spec, refusals);
        }
        return new Findings(List.copyOf(refusals), List.copyOf(warnings));
    }

    private static void checkNetwork(ClusterSpec spec, List<String> refusals, List<String> warnings) {
        Target t = spec.target();
        if (t == Target.HOST && spec.network() == NetworkMode.BRIDGE) {
            refusals.add("the host target always uses host networking; for a bridge network use --target compose.");
        }
        if (t != Target.HOST && t != Target.COMPOSE && spec.network() == NetworkMode.HOST) {
            refusals.add("--network host is not supported for the " + t + " target: across several hosts the"
                    + " nodes would have no service name to find the master by. Keep the default network, or use"
                    + " --target host on one machine.");
        }
        if (spec.network() == NetworkMode.BRIDGE && !ClusterSpec.DEFAULT_ANNOUNCE_IP.equals(spec.announceIp())) {
            warnings.add("--announce-ip " + spec.announceIp() + " is ignored on a container network, where every"
                    + " node has its own address; it applies to host networking only.");
        }
    }

    /** Returns false when the counts are too broken to plan ports with. */
    private static boolean checkCounts(ClusterSpec spec, List<String> refusals, List<String> warnings) {
        int m = spec.sentinels();
        int q = spec.quorum();
        boolean usable = true;
        if (spec.replicas() < 0) {
            refusals.add("--replicas must be 0 or more (got " + spec.replicas() + ").");
            usable = false;
        } else if (spec.replicas() > MAX_PER_ROLE) {
            refusals.add("--replicas " + spec.replicas() + " is more than rediha supports (" + MAX_PER_ROLE + ").");
            usable = false;
        } else if (spec.replicas() == 0) {
            warnings.add("no replica (--replicas 0): if the master fails there is nothing to promote, and its data"
                    + " has no copy. Use at least 1, better 2.");
        }
        if (m < 1) {
            refusals.add("--sentinels " + m + ": without a sentinel nothing notices a failed master or promotes a"
                    + " replica. Use 3 (the default) or another odd number.");
            usable = false;
        } else if (m > MAX_PER_ROLE) {
            refusals.add("--sentinels " + m + " is more than rediha supports (" + MAX_PER_ROLE + ").");
            usable = false;
        }
        if (q < 1) {
            refusals.add("--quorum must be at least 1 (got " + q + ").");
        } else if (m >= 1 && q > m) {
            refusals.add("--quorum " + q + " is more than the " + m + " sentinel" + (m == 1 ? "" : "s")
                    + ": they could never agree that the master is down. Use at most " + m
                    + " (the majority is " + ClusterSpec.majority(m) + ").");
        }
        if (m >= 1 && m <= MAX_PER_ROLE) {
            if (m == 1) {
                warnings.add("one sentinel: when its host fails nothing can fail over. Use 3.");
            } else if (m % 2 == 0) {
                warnings.add(m + " sentinels tolerate no more failures than " + (m - 1) + ": a failover needs a"
                        + " majority (" + ClusterSpec.majority(m) + " of " + m + "). Use an odd count.");
            }
            if (q == 1 && m > 1) {
                warnings.add("quorum 1: one sentinel that loses sight of the master (a network blip on its host)"
                        + " is enough to call it down. The majority (" + ClusterSpec.majority(m) + ") is safer.");
            } else if (q == m && m > 1) {
                warnings.add("quorum " + q + " equals the sentinel count: losing the host of any one sentinel leaves"
                        + " too few to agree the master is down, so no failover can start. Use the majority ("
                        + ClusterSpec.majority(m) + ").");
            }
        }
        return usable;
    }

    private static void checkSentinelSettings(ClusterSpec spec, List<String> refusals, List<String> warnings) {
        if (spec.downAfterMillis() < 1) {
            refusals.add("--down-after must be a positive number of milliseconds (got " + spec.downAfterMillis() + ").");
        } else if (spec.downAfterMillis() < 1000) {
            warnings.add("--down-after " + spec.downAfterMillis() + " ms is short enough that a GC pause or a network"
                    + " blip starts a failover. 5000 is the default.");
        }
        if (spec.failoverTimeoutMillis() < 1) {
            refusals.add("--failover-timeout must be a positive number of milliseconds (got "
                    + spec.failoverTimeoutMillis() + ").");
        }
        if (spec.parallelSyncs() < 1) {
            refusals.add("--parallel-syncs must be at least 1 (got " + spec.parallelSyncs() + ").");
        }
    }

    private static void checkNames(ClusterSpec spec, List<String> refusals) {
        if (spec.masterName() == null || !MASTER_NAME.matcher(spec.masterName()).matches()) {
            refusals.add("--master-name '" + spec.masterName() + "' may hold only letters, digits, '.', '_' and"
                    + " '-': it goes unquoted into sentinel.conf and client settings.");
        }
        if (spec.image() == null || !IMAGE.matcher(spec.image()).matches()) {
            refusals.add("--image '" + spec.image() + "' is not an image reference (e.g. rediha/node:latest).");
        }
        if (spec.announceIp() == null || !ADDRESS.matcher(spec.announceIp()).matches()) {
            refusals.add("--announce-ip '" + spec.announceIp() + "' is not a host name or address.");
        }
    }

    private static void checkPorts(ClusterSpec spec, List<String> refusals) {
        checkPortOption(refusals, "--master-port", spec.masterPort());
        checkPortOption(refusals, "--replica-port", spec.replicaPort());
        checkPortOption(refusals, "--sentinel-port", spec.sentinelPort());
        if (!refusals.isEmpty() || spec.network() != NetworkMode.HOST) {
            // On a container network each node has its own address: equal ports cannot collide.
            return;
        }
        Map<Integer, String> owners = new HashMap<>();
        for (PortPlan.Assignment a : PortPlan.of(spec).assignments()) {
            if (a.port() > 65535) {
                refusals.add(a.node() + " would listen on port " + a.port() + ", past 65535: lower --"
                        + (a.node().startsWith("slave") ? "replica" : "sentinel") + "-port.");
                return;
            }
            String other = owners.putIfAbsent(a.port(), a.node());
            if (other != null) {
                refusals.add("port " + a.port() + " would be used by both " + other + " and " + a.node()
                        + " on the host's network. Replica ports step by 2 from --replica-port and sentinel ports"
                        + " by 2 from --sentinel-port; keep the two series apart, as the defaults 16379, 16380"
                        + " and 16381 do.");
                return;
            }
        }
    }

    private static void checkPortOption(List<String> refusals, String option, int port) {
        if (port < 1 || port > 65535) {
            refusals.add(option + " " + port + " is not a port (1-65535).");
        }
    }
}
