package io.rediha.cli.health;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on a whole cluster: every node's answer and what is wrong, if anything.
 *
 * @param nodes    each node's status, in the runtime's order
 * @param problems what keeps the cluster from being healthy, one sentence each; empty when healthy
 */
public record ClusterHealth(List<NodeStatus> nodes, List<String> problems) {

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The one node that answers as master, when there is exactly one. */
    public Optional<NodeStatus> master() {
        List<NodeStatus> masters = nodes.stream().filter(NodeStatus::isLiveMaster).toList();
        return masters.size() == 1 ? Optional.of(masters.get(0)) : Optional.empty();
    }

    public long count(String liveRole) {
        return nodes.stream().filter(n -> liveRole.equals(n.liveRole())).count();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The final line of {@code ps}: "healthy: ..." or "not healthy: first problem (+N more)". */
    public String summary() {
        if (healthy()) {
            return "healthy: 1 master, " + plural(count("slave"), "replica") + ", " + plural(count("sentinel"), "sentinel");
        }
        return "not healthy: " + String.join("; ", problems);
    }
}
