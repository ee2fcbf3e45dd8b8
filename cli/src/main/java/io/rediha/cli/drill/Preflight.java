package io.rediha.cli.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The checks before a fault: breaking a cluster that is already unhealthy proves nothing and may turn
 * a degraded service into an outage. Healthy means: every sentinel answers and names the same master;
 * no sentinel sees that master down or in a failover; the master answers and says it is a master; every
 * replica the sentinels know answers, follows that master and has its link up; at least one replica
 * exists. Problems stop the drill; warnings (no quorum, too few replicas for WAIT) are printed and the
 * drill goes on, because showing what happens then is the point of a drill.
 */
public final class Preflight {

    /**
     * What the checks found: a topology when the basics could be read, the problems and warnings.
     * {@code settling} is true when every problem is one the cluster clears by itself (a failover or a
     * resync under way, a restarted node not yet converted), so waiting longer can help.
     */
    public record Report(Topology topology, List<String> problems, List<String> warnings, boolean settling) {
        public boolean healthy() {
            return problems.isEmpty() && topology != null;
        }
    }

    /** Problems of this check that the cluster clears by itself; see {@link Report#settling}. */
    private final List<String> settling = new ArrayList<>();

    private final DrillTarget target;
    private final Probe probe;
    private final String masterName;
    private final int waitReplicas;

    public Preflight(DrillTarget target, Probe probe, String masterName, int waitReplicas) {
        this.target = target;
        this.probe = probe;
        this.masterName = masterName;
        this.waitReplicas = waitReplicas;
    }

    /**
     * Checks until healthy; gives up after {@code within}, or after {@code settleWithin} while every
     * problem is one the cluster is clearing by itself (a drill right after another one finds the
     * previous failover still finishing). Returns the last report.
     */
    public Report awaitHealthy(Duration within, Duration settleWithin) {
        long start = System.nanoTime();
        Report last = check();
        while (!last.healthy()) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= within.toNanos() && (!last.settling() || elapsed >= settleWithin.toNanos())) {
                break;
            }
            sleepQuietly(250);
            last = check();
        }
        return last;
    }

    private void settling(List<String> problems, String problem) {
        problems.add(problem);
        settling.add(problem);
    }

    /** One pass of every check. */
    public Report check() {
        settling.clear();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<HostAndPort> sentinels = target.sentinels();
        if (sentinels.isEmpty()) {
            problems.add("no cluster: " + target.describe() + " has no running sentinel");
            return report(null, problems, warnings);
        }
        problems.addAll(target.preflightProblems());

        Map<HostAndPort, HostAndPort> named = new LinkedHashMap<>();
        for (HostAndPort s : sentinels) {
            try {
                List<String> addr = probe.ask(s, j -> j.sentinelGetMasterAddrByName(masterName));
                if (addr == null || addr.size() != 2) {
                    problems.add("sentinel " + s + " does not monitor a master named '" + masterName + "'"
                            + knownMasters(s));
                } else {
                    named.put(s, new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1))));
                }
            } catch (JedisException e) {
                problems.add("sentinel " + s + " does not answer: " + Probe.reason(e));
            }
        }
        if (named.isEmpty()) {
            if (problems.stream().allMatch(p -> p.contains("does not answer"))) {
                problems.add(0, "no cluster: none of the sentinels (" + sentinelList(sentinels) + ") answers");
            }
            return report(null, problems, warnings);
        }
        HostAndPort masterAddr = mostNamed(named);
        if (named.values().stream().distinct().count() > 1) {
            problems.add("sentinels disagree on the master of '" + masterName + "': " + describeVotes(named));
        }

        String masterRunId = "";
        for (HostAndPort s : named.keySet()) {
            try {
                Map<String, String> rec = probe.ask(s, j -> j.sentinelMaster(masterName));
                String flags = rec.getOrDefault("flags", "");
                if (flags.contains("s_down") || flags.contains("o_down") || flags.contains("failover_in_progress")) {
                    settling(problems, "sentinel " + s + " sees the master " + masterAddr + " as " + flags);
                }
                if (masterRunId.isEmpty()) {
                    masterRunId = rec.getOrDefault("runid", "");
                }
                int others = parseInt(rec.get("num-other-sentinels"), -1);
                if (others >= 0 && others + 1 < sentinels.size()) {
                    warnings.add("sentinel " + s + " knows only " + others + " other sentinel(s), though "
                            + sentinels.size() + " were given");
                }
                checkQuorum(s, warnings);
            } catch (JedisException e) {
                problems.add("sentinel " + s + " does not describe the master: " + Probe.reason(e));
            }
        }

        NodeRef master = describeMaster(masterAddr, masterRunId, problems);
        List<NodeRef> replicas = describeReplicas(named.keySet().iterator().next(), masterAddr, problems);
        if (replicas.isEmpty()) {
            settling(problems, "the master " + masterAddr + " has no linked replica: a failover would have nothing to promote");
        }
        if (waitReplicas > 0 && replicas.size() - 1 < waitReplicas) {
            warnings.add("--wait-replicas " + waitReplicas + " needs " + waitReplicas
                    + " replica(s) after the master is lost, but only " + Math.max(0, replicas.size() - 1)
                    + " will be left while the old master is down: writes will not be confirmed then");
        }
        Topology topology = master == null ? null : new Topology(master, replicas, new ArrayList<>(named.keySet()));
        return report(topology, problems, warnings);
    }

    private Report report(Topology topology, List<String> problems, List<String> warnings) {
        return new Report(topology, problems, warnings, !problems.isEmpty() && settling.size() == problems.size());
    }

    private NodeRef describeMaster(HostAndPort announced, String runId, List<String> problems) {
        HostAndPort reach = target.reachable(announced, runId);
        try {
            Map<String, String> info = probe.ask(reach, j -> Info.parse(j.info()));
            if (!"master".equals(info.get("role"))) {
                settling(problems, "the master " + announced + " named by the sentinels reports role:" + info.get("role"));
            }
            return new NodeRef(announced, reach, info.getOrDefault("run_id", runId),
                    parseInt(info.get("process_id"), -1));
        } catch (JedisException e) {
            problems.add("the master " + announced + " does not answer: " + Probe.reason(e));
            return null;
        }
    }

    private List<NodeRef> describeReplicas(HostAndPort sentinel, HostAndPort master, List<String> problems) {
        List<NodeRef> replicas = new ArrayList<>();
        List<Map<String, String>> records;
        try {
            records = probe.ask(sentinel, j -> j.sentinelReplicas(masterName));
        } catch (JedisException e) {
            problems.add("sentinel " + sentinel + " does not list the replicas: " + Probe.reason(e));
            return replicas;
        }
        for (Map<String, String> r : records) {
            HostAndPort announced = new HostAndPort(r.get("ip"), parseInt(r.get("port"), 0));
            String flags = r.getOrDefault("flags", "");
            if (flags.contains("s_down") || flags.contains("o_down") || flags.contains("disconnected")) {
                String problem = "replica " + announced + " is " + flags + " according to sentinel " + sentinel
                        + " (if that node no longer exists, run SENTINEL RESET " + masterName + " on every sentinel)";
                if (flags.contains("s_down") || flags.contains("o_down")) {
                    problems.add(problem);
                } else {
                    settling(problems, problem);
                }
                continue;
            }
            HostAndPort reach = target.reachable(announced, r.getOrDefault("runid", ""));
            try {
                Map<String, String> info = probe.ask(reach, j -> Info.parse(j.info()));
                String follows = info.get("master_host") + ":" + info.get("master_port");
                if (!"slave".equals(info.get("role"))) {
                    settling(problems, "replica " + announced + " reports role:" + info.get("role"));
                } else if (!follows.equals(master.toString())) {
                    settling(problems, "replica " + announced + " follows " + follows + ", not the master " + master);
                } else if (!"up".equals(info.get("master_link_status"))) {
                    settling(problems, "replica " + announced + " has its link to the master down");
                } else {
                    replicas.add(new NodeRef(announced, reach, info.getOrDefault("run_id", ""),
                            parseInt(info.get("process_id"), -1)));
                }
            } catch (JedisException e) {
                problems.add("replica " + announced + " does not answer: " + Probe.reason(e));
            }
        }
        return replicas;
    }

    private void checkQuorum(HostAndPort sentinel, List<String> warnings) {
        try {
            probe.ask(sentinel, j -> j.sendCommand(Protocol.Command.SENTINEL, "CKQUORUM", masterName));
        } catch (JedisDataException e) {
            warnings.add("sentinel " + sentinel + " says " + e.getMessage()
                    + " (a failover is not expected to succeed)");
        }
    }

    private String knownMasters(HostAndPort sentinel) {
        try {
            List<String> names = probe.ask(sentinel, j -> j.sentinelMasters().stream()
                    .map(m -> m.get("name")).toList());
            return names.isEmpty() ? " (it monitors no master)" : " (it monitors: " + String.join(", ", names) + ")";
        } catch (JedisException e) {
            return "";
        }
    }

    private static HostAndPort mostNamed(Map<HostAndPort, HostAndPort> named) {
        Map<HostAndPort, Integer> counts = new LinkedHashMap<>();
        named.values().forEach(a -> counts.merge(a, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static String describeVotes(Map<HostAndPort, HostAndPort> named) {
        Map<HostAndPort, List<String>> by = new LinkedHashMap<>();
        named.forEach((s, m) -> by.computeIfAbsent(m, k -> new ArrayList<>()).add(s.toString()));
        List<String> parts = new ArrayList<>();
        by.forEach((m, ss) -> parts.add(m + " (by " + String.join(", ", ss) + ")"));
        return String.join(" vs ", parts);
    }

    private static String sentinelList(List<HostAndPort> sentinels) {
        return String.join(", ", sentinels.stream().map(HostAndPort::toString).toList());
    }

    static int parseInt(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillException("interrupted", null);
        }
    }
}
