package io.rediha.cli.runtime;

import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;
import io.rediha.cli.Messages;
import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import io.rediha.cli.health.ClusterHealth;
import io.rediha.cli.health.HealthChecker;
import io.rediha.cli.health.NodeProbe;
import io.rediha.cli.health.NodeStatus;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import io.rediha.cli.runtime.ClusterRuntime.NodeChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Brings a project to the shape its compose file (or a scale request) asks for, on any runtime,
 * and waits until the cluster is healthy.
 *
 * <p>The order is the one that makes the first health check pass without waiting on Sentinel's
 * 10-second INFO period: the master first, until it answers; then the replicas, until the master
 * lists every one of them; then the sentinels, whose first INFO to the master then already names
 * every replica. Nodes are kept, created or removed by one plan ({@link #plan}) that never removes
 * the node that is the master right now, whatever its service, and prefers to keep the lowest
 * numbers. When nodes were replaced or removed, the sentinels still count the old ones, so they
 * get {@code SENTINEL RESET}, which makes them forget and rediscover.
 */
public final class Deployer {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);
    private static final int LOG_LINES_ON_FAILURE = 15;

    private final ClusterRuntime runtime;
    private final ComposeProject project;
    private final Consumer<String> progress;
    private final Duration timeout;
    private final HealthChecker checker;
    private Consumer<String> detail = line -> { };
    private List<String> lastProblems = List.of();

    /**
     * @param progress receives one line per step (Compose-style "Creating x ... done" and wait stages)
     * @param timeout  how long to wait for the cluster to become healthy
     */
    public Deployer(ClusterRuntime runtime, ComposeProject project, Consumer<String> progress, Duration timeout) {
        this.runtime = runtime;
        this.project = project;
        this.progress = progress;
        this.timeout = timeout;
        this.checker = new HealthChecker(new NodeProbe(PROBE_TIMEOUT, project.password(), project.masterName()));
    }

    /** Receives what the health wait is still waiting for, each time that changes (for -v). */
    public Deployer withDetail(Consumer<String> detail) {
        this.detail = detail;
        return this;
    }

    private void reportProblems(ClusterHealth h) {
        List<String> problems = h.problems().stream().filter(p -> !p.equals("no sentinels")).toList();
        if (!problems.equals(lastProblems)) {
            lastProblems = problems;
            if (!problems.isEmpty()) {
                detail.accept("  still waiting: " + String.join("; ", problems));
            }
        }
    }

    /** The configured role of a node: its service's role in the file, else what its service name says. */
    public Function<Node, NodeRole> roles() {
        return roles(project);
    }

    public static Function<Node, NodeRole> roles(ComposeProject project) {
        return n -> project.compose().service(n.service()).map(ServiceSpec::role)
                .orElseGet(() -> NodeRole.fromArgument(n.role()).orElse(NodeRole.REPLICA));
    }

    public ClusterHealth check() {
        return checker.check(runtime.nodes(), roles());
    }

    /** {@code up}: every service at the file's count, then wait for health. Returns the healthy state or throws. */
    public ClusterHealth up() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        project.compose().services().values().forEach(s -> counts.put(s.name(), s.replicas()));
        return apply(counts, true);
    }

    /** {@code scale}: the given services at the given counts, the rest as they are, then wait for health. */
    public ClusterHealth scale(Map<String, Integer> counts) {
        return apply(counts, false);
    }

    private ClusterHealth apply(Map<String, Integer> counts, boolean everyService) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        runtime.prepare(project, progress);
        List<Node> before = runtime.nodes();
        String master = currentMaster(before).orElse(null);
        boolean masterKnown = master != null || before.stream().noneMatch(n -> roles().apply(n) != NodeRole.SENTINEL);
        boolean replaced = false;
        boolean removedAny = false;
        List<Node> removals = new ArrayList<>();
        for (NodeRole role : NodeRole.values()) {
            for (ServiceSpec service : project.compose().servicesWithRole(role)) {
                Integer target = counts.get(service.name());
                List<Node> existing = before.stream().filter(n -> n.service().equals(service.name())).toList();
                if (target == null) {
                    if (!everyService) {
                        continue;
                    }
                    target = service.replicas();
                }
                Plan plan = plan(existing, target, master);
                if (!masterKnown && role != NodeRole.SENTINEL && !plan.remove().isEmpty()) {
                    if (!everyService) {
                        throw new CliException(Messages.MASTER_UNKNOWN, Messages.MASTER_UNKNOWN_HINT, ExitCodes.UNHEALTHY);
                    }
                    progress.accept("Warning: " + Messages.MASTER_UNKNOWN + "; no data node is removed");
                    plan = new Plan(existing, plan.create(), List.of(), false);
                }
                if (plan.keepsMasterBeyondTarget()) {
                    if (!everyService) {
                        throw new CliException(Messages.cannotRemoveMaster(service.name(), target, master),
                                Messages.CANNOT_REMOVE_MASTER_HINT, ExitCodes.USAGE);
                    }
                    progress.accept("Warning: " + Messages.cannotRemoveMaster(service.name(), target, master));
                } else if (!plan.remove().isEmpty() && existing.stream().anyMatch(n -> n.name().equals(master))) {
                    progress.accept(Messages.keptMaster(master));
                }
                List<Integer> numbers = new ArrayList<>();
                if (everyService) {
                    plan.keep().forEach(n -> numbers.add(n.number()));
                }
                numbers.addAll(plan.create());
                numbers.sort(Comparator.naturalOrder());
                for (Map.Entry<Integer, NodeChange> done : ensureAll(service, numbers).entrySet()) {
                    String name = project.nodeName(service.name(), done.getKey());
                    replaced |= done.getValue() == NodeChange.RECREATED;
                    progress.accept(done.getValue() == NodeChange.UNCHANGED ? name + " is up to date"
                            : done.getValue().verb() + " " + name + " ... done");
                }
                if (plan.remove().stream().anyMatch(n -> n.name().equals(master))) {
                    throw new IllegalStateException("plan would remove the master " + master);
                }
                removals.addAll(plan.remove());
            }
            // The replicas start right after the master without waiting for it to answer: they
            // retry their link, and their JVMs start while the master's does.
            if (role == NodeRole.REPLICA) {
                List<Node> dataRemovals = removals.stream().filter(n -> roles().apply(n) != NodeRole.SENTINEL).toList();
                removeAll(dataRemovals);
                removedAny |= !dataRemovals.isEmpty();
                removals.removeAll(dataRemovals);
                awaitStage(deadline, start, List.of(
                        new Milestone("a master answers", h -> h.master().isPresent()),
                        new Milestone("every replica is linked to the master", Deployer::replicasLinked)));
            }
        }
        removeAll(removals);
        removedAny |= !removals.isEmpty();
        if (removedAny || replaced) {
            resetSentinels();
        }
        warnAboutOrphans();
        return awaitHealthy(deadline, start);
    }

    /**
     * Ensures the nodes of one service side by side: creating a container is a few engine round
     * trips, and a cluster of eight would otherwise spend seconds in a row on them.
     */
    private Map<Integer, NodeChange> ensureAll(ServiceSpec service, List<Integer> numbers) {
        Map<Integer, NodeChange> changes = new LinkedHashMap<>();
        if (numbers.isEmpty()) {
            return changes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(numbers.size(), 8));
        try {
            Map<Integer, Future<NodeChange>> futures = new LinkedHashMap<>();
            for (int number : numbers) {
                futures.put(number, pool.submit(() -> runtime.ensure(project, service, number)));
            }
            for (Map.Entry<Integer, Future<NodeChange>> f : futures.entrySet()) {
                changes.put(f.getKey(), f.getValue().get());
            }
            return changes;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while starting " + service.name(), null, ExitCodes.UNHEALTHY);
        } finally {
            pool.shutdown();
        }
    }

    private void removeAll(List<Node> nodes) {
        for (Node n : nodes) {
            progress.accept("Removing " + n.name() + " ...");
            runtime.remove(n, true);
            progress.accept("Removing " + n.name() + " ... done");
        }
    }

    private void warnAboutOrphans() {
        Set<String> services = project.compose().services().keySet();
        for (Node n : runtime.nodes()) {
            if (!services.contains(n.service())) {
                progress.accept("Warning: " + n.name() + " belongs to service " + n.service()
                        + ", which the compose file no longer has; 'rediha down' removes it");
            }
        }
    }

    /**
     * Which nodes of one service to keep, which numbers to create and which nodes to remove so that
     * {@code target} remain: the master is always kept, then the lowest numbers; new nodes take the
     * lowest free numbers.
     */
    static Plan plan(List<Node> existing, int target, String master) {
        List<Node> sorted = existing.stream().sorted(Comparator.comparingInt(Node::number)).toList();
        List<Node> keep = new ArrayList<>();
        sorted.stream().filter(n -> n.name().equals(master)).forEach(keep::add);
        boolean masterBeyond = keep.size() > target;
        for (Node n : sorted) {
            if (keep.size() >= target) {
                break;
            }
            if (!keep.contains(n)) {
                keep.add(n);
            }
        }
        List<Node> remove = sorted.stream().filter(n -> !keep.contains(n)).toList();
        Set<Integer> used = new HashSet<>();
        sorted.forEach(n -> used.add(n.number()));
        List<Integer> create = new ArrayList<>();
        for (int number = 1; keep.size() + create.size() < target; number++) {
            if (!used.contains(number)) {
                create.add(number);
            }
        }
        return new Plan(List.copyOf(keep), List.copyOf(create), remove, masterBeyond);
    }

    /** The outcome of {@link #plan}. */
    record Plan(List<Node> keep, List<Integer> create, List<Node> remove, boolean keepsMasterBeyondTarget) {
    }

    /**
     * The name of the node that is the master right now. The sentinels' majority is the authority
     * (during a failover the old master still answers ROLE master until it is reconfigured); without
     * a majority, the one data node answering ROLE master; otherwise unknown.
     */
    private Optional<String> currentMaster(List<Node> nodes) {
        List<Node> data = nodes.stream().filter(n -> roles().apply(n) != NodeRole.SENTINEL).toList();
        Map<String, Integer> votes = new LinkedHashMap<>();
        int answered = 0;
        for (Node n : nodes) {
            if (roles().apply(n) != NodeRole.SENTINEL || !n.isRunning()) {
                continue;
            }
            try (Jedis j = new Jedis(new HostAndPort(n.host(), n.port()),
                    DefaultJedisClientConfig.builder().timeoutMillis((int) PROBE_TIMEOUT.toMillis()).build())) {
                List<String> addr = j.sentinelGetMasterAddrByName(project.masterName());
                answered++;
                if (addr != null && addr.size() == 2) {
                    votes.merge(addr.get(0) + ":" + addr.get(1), 1, Integer::sum);
                }
            } catch (JedisException e) {
                // a sentinel that does not answer has no vote
            }
        }
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() * 2 > answered) {
                String host = vote.getKey().substring(0, vote.getKey().lastIndexOf(':'));
                int port = Integer.parseInt(vote.getKey().substring(vote.getKey().lastIndexOf(':') + 1));
                Optional<Node> named = data.stream().filter(n -> HealthChecker.sameAddress(host, port, n)).findFirst();
                if (named.isPresent()) {
                    return named.map(Node::name);
                }
            }
        }
        if (data.isEmpty()) {
            return Optional.empty();
        }
        return checker.check(data, roles()).master().map(s -> s.node().name());
    }

    private static boolean replicasLinked(ClusterHealth h) {
        Optional<NodeStatus> master = h.master();
        if (master.isEmpty()) {
            return false;
        }
        return h.nodes().stream()
                .filter(s -> s.role() != NodeRole.SENTINEL && s != master.get())
                .allMatch(s -> s.linkUp() && HealthChecker.listsReplica(master.get(), s.node()));
    }

    /** A point the wait reports when it is first reached. */
    private record Milestone(String what, Predicate<ClusterHealth> reached) {
    }

    /** Waits, watching only the data nodes, until the last milestone is reached; reports each one once. */
    private void awaitStage(long deadline, long start, List<Milestone> milestones) {
        int next = 0;
        while (true) {
            List<Node> nodes = runtime.nodes();
            failOnExitedNode(nodes);
            ClusterHealth h = checker.check(nodes.stream().filter(n -> roles().apply(n) != NodeRole.SENTINEL).toList(), roles());
            reportProblems(h);
            while (next < milestones.size() && milestones.get(next).reached().test(h)) {
                progress.accept("Waiting until " + milestones.get(next).what() + " ... done (" + seconds(start) + ")");
                next++;
            }
            if (next == milestones.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw notHealthy(h);
            }
            sleep();
        }
    }

    private ClusterHealth awaitHealthy(long deadline, long start) {
        long lastReset = System.nanoTime();
        long overCountSince = 0;
        long lostSince = 0;
        while (true) {
            List<Node> nodes = runtime.nodes();
            failOnExitedNode(nodes);
            ClusterHealth h = checker.check(nodes, roles());
            reportProblems(h);
            if (h.healthy()) {
                progress.accept("Waiting until the sentinels agree ... done (" + seconds(start) + ")");
                return h;
            }
            // A sentinel that counts more replicas or sentinels than exist remembers nodes that are
            // gone (recreated with a new address); only a reset makes it forget them.
            boolean overCount = h.nodes().stream().anyMatch(s -> s.sentinel() != null && s.sentinel().masterHost() != null
                    && (s.sentinel().replicas() > nodes.stream().filter(n -> roles().apply(n) != NodeRole.SENTINEL).count() - 1
                    || s.sentinel().otherSentinels() > nodes.stream().filter(n -> roles().apply(n) == NodeRole.SENTINEL).count() - 1));
            long now = System.nanoTime();
            List<NodeStatus> lost = lostSentinels(h);
            lostSince = lost.isEmpty() ? 0 : (lostSince == 0 ? now : lostSince);
            // Longer than the majority needs to spread a new configuration after a failover.
            if (!lost.isEmpty() && now - lostSince > Duration.ofSeconds(5).toNanos()) {
                lost.forEach(s -> repoint(s, h.master().orElseThrow()));
                lostSince = 0;
            }
            overCountSince = overCount ? (overCountSince == 0 ? now : overCountSince) : 0;
            if (overCount && now - overCountSince > Duration.ofSeconds(3).toNanos()
                    && now - lastReset > Duration.ofSeconds(10).toNanos()) {
                resetSentinels();
                lastReset = now;
                overCountSince = 0;
            }
            if (now > deadline) {
                throw notHealthy(h);
            }
            sleep();
        }
    }

    private CliException notHealthy(ClusterHealth h) {
        String what = h == null ? "no answer" : String.join("; ", h.problems());
        return new CliException(Messages.notHealthyAfter(timeout.toSeconds(), what), Messages.NOT_HEALTHY_HINT,
                ExitCodes.UNHEALTHY);
    }

    /** A node that stopped on its own while we wait will not come back: say so at once, with its last words. */
    private void failOnExitedNode(List<Node> nodes) {
        for (Node n : nodes) {
            if (n.state().equals("exited") || n.state().equals("dead") || n.state().equals("restarting")) {
                List<String> lines = new ArrayList<>();
                try {
                    runtime.logs(n, LOG_LINES_ON_FAILURE, false, lines::add);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CliException(Messages.exitedAtStart(n.name(), n.state(), lines),
                        Messages.exitedAtStartHint(n.service()), ExitCodes.UNHEALTHY);
            }
        }
    }

    /**
     * Sentinels that monitor another address than the master, while the one node answering as
     * master is also the master most sentinels see. Such a sentinel watched a master that was
     * removed (or replaced, maybe by a node now at the same address) and never hears of the new
     * one: sentinels learn configurations through the old master's hello channel.
     */
    private List<NodeStatus> lostSentinels(ClusterHealth h) {
        Optional<NodeStatus> master = h.master();
        if (master.isEmpty()) {
            return List.of();
        }
        List<NodeStatus> views = h.nodes().stream().filter(s -> s.sentinel() != null && s.sentinel().masterHost() != null).toList();
        List<NodeStatus> lost = views.stream().filter(s -> !HealthChecker.sameAddress(s.sentinel().masterHost(),
                s.sentinel().masterPort(), master.get().node())).toList();
        return (views.size() - lost.size()) * 2 > views.size() ? lost : List.of();
    }

    /** Points a lost sentinel at the current master, keeping its quorum and timing settings. */
    private void repoint(NodeStatus sentinel, NodeStatus master) {
        Node n = sentinel.node();
        String name = project.masterName();
        progress.accept("Pointing " + n.name() + " at the master " + master.node().name() + " ("
                + master.node().address() + "); it still monitored " + sentinel.sentinel().masterHost() + ":"
                + sentinel.sentinel().masterPort());
        try (Jedis j = new Jedis(new HostAndPort(n.host(), n.port()),
                DefaultJedisClientConfig.builder().timeoutMillis((int) PROBE_TIMEOUT.toMillis()).build())) {
            Map<String, String> old = j.sentinelMaster(name);
            j.sentinelRemove(name);
            j.sentinelMonitor(name, master.node().host(), master.node().port(),
                    Integer.parseInt(old.getOrDefault("quorum", "2")));
            Map<String, String> settings = new LinkedHashMap<>();
            for (String key : List.of("down-after-milliseconds", "failover-timeout", "parallel-syncs")) {
                if (old.get(key) != null) {
                    settings.put(key, old.get(key));
                }
            }
            if (project.password() != null && !project.password().isEmpty()) {
                settings.put("auth-pass", project.password());
            }
            if (!settings.isEmpty()) {
                j.sentinelSet(name, settings);
            }
        } catch (JedisException | NumberFormatException e) {
            progress.accept("Warning: could not re-point " + n.name() + ": " + e.getMessage());
        }
    }

    /** SENTINEL RESET on every running sentinel, so each forgets nodes that are gone and rediscovers the rest. */
    public void resetSentinels() {
        for (Node n : runtime.nodes()) {
            if (roles().apply(n) != NodeRole.SENTINEL || !n.isRunning()) {
                continue;
            }
            try (Jedis j = new Jedis(new HostAndPort(n.host(), n.port()),
                    DefaultJedisClientConfig.builder().timeoutMillis((int) PROBE_TIMEOUT.toMillis()).build())) {
                j.sentinelReset(project.masterName());
                progress.accept("SENTINEL RESET " + project.masterName() + " on " + n.name());
            } catch (JedisException e) {
                progress.accept("Warning: SENTINEL RESET on " + n.name() + " failed: " + e.getMessage());
            }
        }
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1fs", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the cluster", null, ExitCodes.UNHEALTHY);
        }
    }
}
