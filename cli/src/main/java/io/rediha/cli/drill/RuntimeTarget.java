package io.rediha.cli.drill;

import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.ClusterRuntime.Fault;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.HostAndPort;

/**
 * A cluster rediha runs (Docker or local processes): faults go through the runtime, and the nodes
 * are found in the runtime's listing. Sentinels may announce data nodes at addresses this machine
 * does not use (a container's bridge IP behind a published port), so a node the sentinels name is
 * matched to the runtime's node by its INFO run_id, which does not depend on the address.
 */
public final class RuntimeTarget implements DrillTarget {
    private final ClusterRuntime runtime;
    private final Probe probe;
    private final Map<HostAndPort, HostAndPort> learned = new ConcurrentHashMap<>();

    /** Takes ownership of {@code runtime}: closing the target closes it. */
    public RuntimeTarget(ClusterRuntime runtime, String password) {
        this.runtime = runtime;
        this.probe = new Probe(password);
    }

    @Override
    public String describe() {
        return runtime.name() + " runtime";
    }

    @Override
    public List<HostAndPort> sentinels() {
        return runtime.nodes().stream().filter(Node::isSentinel)
                .filter(Node::isRunning)
                .map(n -> new HostAndPort(n.host(), n.port())).toList();
    }

    /**
     * Sentinels may announce nodes by names only the cluster's network resolves ("master:6379" with
     * announce-hostnames); once a name was matched to a node by run id it is remembered, so the
     * writers' client can be pointed at it later without a run id (a promoted replica keeps its name).
     */
    @Override
    public HostAndPort reachable(HostAndPort announced, String runId) {
        boolean identified = runId != null && !runId.isEmpty();
        if (!identified) {
            HostAndPort known = learned.get(announced);
            if (known != null) {
                return known;
            }
        }
        Node node = find(announced, runId);
        if (node == null) {
            return announced;
        }
        HostAndPort at = new HostAndPort(node.host(), node.port());
        if (identified) {
            learned.put(announced, at);
        }
        return at;
    }

    @Override
    public List<String> preflightProblems() {
        List<String> problems = new ArrayList<>();
        List<Node> nodes = runtime.nodes();
        if (nodes.isEmpty()) {
            problems.add("the " + runtime.name() + " runtime has no nodes for this project; start them with 'rediha up'");
        }
        for (Node n : nodes) {
            if (!n.isRunning()) {
                problems.add(n.service() + " " + n.name() + " is " + n.state()
                        + (n.state().contains("paused") ? "; unpause it (or run 'rediha up') before the drill" : "; start it with 'rediha up'"));
            }
        }
        return problems;
    }

    @Override
    public FaultPlan plan(NodeRef target, Fault fault) {
        Node node = find(target.announced(), target.runId());
        if (node == null) {
            throw new DrillException("the master " + target + " named by the sentinels is not one of the "
                    + runtime.name() + " runtime's nodes", "check -f/-p name the project the sentinels belong to");
        }
        String what = fault.name().toLowerCase(Locale.ROOT) + " of " + node.name() + " (" + target + ")";
        return new FaultPlan() {
            @Override
            public String describe() {
                return what;
            }

            @Override
            public void inject() {
                try {
                    runtime.inject(node, fault);
                } catch (UnsupportedOperationException e) {
                    throw new DrillException(e.getMessage(), "choose another --mode");
                } catch (RuntimeException e) {
                    throw new DrillException("could not inject " + what + ": " + e.getMessage(), null, e);
                }
            }

            @Override
            public HostAndPort reachableAfterHeal(NodeRef ignored) {
                for (Node n : runtime.nodes()) {
                    if (n.name().equals(node.name())) {
                        return new HostAndPort(n.host(), n.port());
                    }
                }
                return new HostAndPort(node.host(), node.port());
            }

            @Override
            public void heal() {
                try {
                    runtime.heal(node, fault);
                } catch (RuntimeException e) {
                    throw new DrillException("could not heal " + what + ": " + e.getMessage(),
                            "heal it by hand (e.g. 'docker unpause " + node.name() + "') or run 'rediha up'", e);
                }
            }
        };
    }

    /** The runtime's node the sentinels mean: same run id if it answers, else same address. */
    private Node find(HostAndPort announced, String runId) {
        List<Node> data = runtime.nodes().stream().filter(n -> !n.isSentinel()).toList();
        if (runId != null && !runId.isEmpty()) {
            for (Node n : data) {
                String id = probe.askOrNull(new HostAndPort(n.host(), n.port()),
                        j -> Info.parse(j.info("server")).get("run_id"));
                if (runId.equals(id)) {
                    return n;
                }
            }
        }
        for (Node n : data) {
            if (n.port() == announced.getPort()
                    && (n.host().equals(announced.getHost()) || n.name().equals(announced.getHost()))) {
                return n;
            }
        }
        return null;
    }

    @Override
    public void close() {
        probe.close();
        runtime.close();
    }
}
