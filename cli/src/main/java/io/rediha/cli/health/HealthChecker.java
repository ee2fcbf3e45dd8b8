package io.rediha.cli.health;

import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Probes every node in parallel and judges the cluster; see the package description for the rules. */
public final class HealthChecker {
    private final NodeProbe probe;

    public HealthChecker(NodeProbe probe) {
        this.probe = probe;
    }

    /**
     * @param nodes  every node of the project
     * @param roleOf each node's configured role (from the compose file, or its service name)
     */
    public ClusterHealth check(List<Node> nodes, Function<Node, NodeRole> roleOf) {
        List<NodeStatus> statuses = probeAll(nodes, roleOf);
        return new ClusterHealth(statuses, judge(statuses));
    }

    private List<NodeStatus> probeAll(List<Node> nodes, Function<Node, NodeRole> roleOf) {
        if (nodes.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(nodes.size(), 16), r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<NodeStatus>> futures = new ArrayList<>();
            for (Node n : nodes) {
                futures.add(pool.submit(() -> probe.probe(n, roleOf.apply(n))));
            }
            List<NodeStatus> out = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(NodeStatus.unreachable(nodes.get(i), roleOf.apply(nodes.get(i)), "was not asked (interrupted)"));
                } catch (java.util.concurrent.ExecutionException e) {
                    out.add(NodeStatus.unreachable(nodes.get(i), roleOf.apply(nodes.get(i)),
                            "could not be asked: " + e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Everything that keeps the cluster from being healthy, in words. */
    static List<String> judge(List<NodeStatus> statuses) {
        List<String> problems = new ArrayList<>();
        List<NodeStatus> data = statuses.stream().filter(s -> s.role() != NodeRole.SENTINEL).toList();
        List<NodeStatus> sentinels = statuses.stream().filter(s -> s.role() == NodeRole.SENTINEL).toList();
        if (statuses.isEmpty()) {
            problems.add("no nodes");
            return problems;
        }
        for (NodeStatus s : statuses) {
            if (!s.answered()) {
                problems.add(s.node().name() + " " + s.error());
            }
        }
        List<NodeStatus> masters = data.stream().filter(NodeStatus::isLiveMaster).toList();
        if (masters.isEmpty()) {
            problems.add("no node answers as master");
        } else if (masters.size() > 1) {
            problems.add(masters.size() + " nodes answer as master ("
                    + masters.stream().map(m -> m.node().name()).collect(Collectors.joining(", ")) + ")");
        }
        NodeStatus master = masters.size() == 1 ? masters.get(0) : null;
        for (NodeStatus s : data) {
            if (!s.answered() || s == master) {
                continue;
            }
            if (s.isLiveMaster()) {
                continue;
            }
            if (!s.linkUp()) {
                problems.add(s.node().name() + " has its link to the master down");
            } else if (master != null && !listsReplica(master, s.node())) {
                problems.add(s.node().name() + " is not among the replicas of " + master.node().name());
            }
        }
        int expectedReplicas = data.size() - 1;
        if (sentinels.isEmpty()) {
            problems.add("no sentinels");
        }
        for (NodeStatus s : sentinels) {
            if (!s.answered()) {
                continue;
            }
            NodeStatus.SentinelView v = s.sentinel();
            String name = s.node().name();
            if (v == null || v.masterHost() == null) {
                problems.add(name + " monitors no master" + (v == null ? "" : " (" + v.flags() + ")"));
                continue;
            }
            if (master != null && !sameAddress(v.masterHost(), v.masterPort(), master.node())) {
                problems.add(name + " sees the master at " + v.masterHost() + ":" + v.masterPort() + ", but "
                        + master.node().name() + " (" + master.node().address() + ") is the master");
            }
            if (v.seesMasterDown()) {
                problems.add(name + " considers the master down (" + v.flags() + ")");
            }
            if (v.replicas() != expectedReplicas) {
                problems.add(name + " sees " + v.replicas() + " replicas, expected " + expectedReplicas);
            }
            if (v.otherSentinels() != sentinels.size() - 1) {
                problems.add(name + " sees " + v.otherSentinels() + " other sentinels, expected " + (sentinels.size() - 1));
            }
            if (!v.quorumOk()) {
                problems.add(name + " fails SENTINEL CKQUORUM: " + v.ckquorum());
            }
        }
        return problems;
    }

    /** The master's own list is the truth: a replica names its master by whatever host name it was given. */
    public static boolean listsReplica(NodeStatus master, Node replica) {
        List<NodeStatus.LinkedReplica> samePort = master.replicas().stream()
                .filter(r -> r.port() == replica.port() && "online".equals(r.state())).toList();
        if (samePort.stream().anyMatch(r -> replica.host().equals(r.ip()))) {
            return true;
        }
        // Host networking: the master sees the connection's source address, not the node's.
        return samePort.size() == 1 && isLoopback(replica.host());
    }

    /** A sentinel names the master by IP, or by the host name it was configured with (the service name). */
    public static boolean sameAddress(String host, int port, Node master) {
        if (port != master.port()) {
            return false;
        }
        return host.equals(master.host()) || host.equals(master.service()) || host.equals(master.name())
                || (isLoopback(host) && isLoopback(master.host()));
    }

    private static boolean isLoopback(String host) {
        return host != null && (host.startsWith("127.") || "localhost".equals(host) || "::1".equals(host));
    }
}
