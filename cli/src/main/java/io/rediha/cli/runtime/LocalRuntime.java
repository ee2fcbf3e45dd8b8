package io.rediha.cli.runtime;

import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;
import io.rediha.cli.Messages;
import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.ConfigHash;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cluster as local processes on loopback ports: what a laptop or a CI machine without Docker
 * gets. State lives under {@code .rediha/<project>/<node>/} in the project directory: the node's
 * record ({@link LocalNodeState}), its generated config, its log and its {@code data/}.
 *
 * <p>Nodes run in their own session ({@code setsid}), so they outlive the CLI and a Ctrl-C aimed
 * at it. Pausing is SIGSTOP, as freezing a container is the freezer cgroup.
 *
 * <p>Because a node's role on disk is only its role at the first start, a data node that starts
 * again (heal after stop/kill, up after a crash) first asks the project's sentinels who the master
 * is, and starts as that master's replica unless the answer is itself: the same safe-start rule
 * the image applies, so a restart never makes a second master.
 */
public final class LocalRuntime implements ClusterRuntime {
    public static final String STATE_DIR = ".rediha";
    /**
     * Where port allocation starts, 18379.. for data nodes and 28379.. for sentinels: clear of
     * 6379/26379 (a system Redis), of 16379.. (the host target's defaults, so a local cluster and a
     * Docker one can run side by side) and of the kernel's ephemeral range (32768..), which
     * outgoing connections take ports from.
     */
    static final int DATA_PORT_BASE = 18379;
    static final int SENTINEL_PORT_BASE = 28379;
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String LOOPBACK = "127.0.0.1";

    private final Path projectDir;
    private final String project;
    private final java.util.function.Supplier<NodeCommand> nodeCommand;
    private NodeCommand resolvedCommand;

    /**
     * @param workingDir  the project directory; state goes to {@code workingDir/.rediha/<project>}
     * @param project     the project name
     * @param nodeCommand how to start a node, resolved only when a node is started (so ps and down
     *                    work without the node jar)
     */
    public LocalRuntime(Path workingDir, String project, java.util.function.Supplier<NodeCommand> nodeCommand) {
        this.projectDir = workingDir.toAbsolutePath().normalize().resolve(STATE_DIR).resolve(project);
        this.project = project;
        this.nodeCommand = nodeCommand;
    }

    /** The state directory of this project, {@code <dir>/.rediha/<project>}. */
    public Path stateDir() {
        return projectDir;
    }

    /** True when this project has local nodes on record (running or not). */
    public boolean hasNodes() {
        return !states().isEmpty();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String location() {
        return projectDir.toString();
    }

    private NodeCommand command() {
        if (resolvedCommand == null) {
            resolvedCommand = nodeCommand.get();
        }
        return resolvedCommand;
    }

    // ---- nodes ----

    @Override
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (LocalNodeState s : states()) {
            nodes.add(toNode(s));
        }
        nodes.sort(DockerRuntime.NODE_ORDER);
        return nodes;
    }

    private List<LocalNodeState> states() {
        if (!Files.isDirectory(projectDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(projectDir)) {
            return dirs.filter(Files::isDirectory).map(LocalNodeState::load).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + projectDir, e);
        }
    }

    private static Node toNode(LocalNodeState s) {
        Optional<ProcessHandle> ph = s.process();
        String state = ph.isEmpty() ? "exited" : LocalProcesses.isStopped(ph.get().pid()) ? "paused" : "running";
        return new Node(s.name(), s.service(), s.number(), state, LOOPBACK, s.port(), s.role().word());
    }

    private Optional<LocalNodeState> state(String nodeName) {
        return LocalNodeState.load(projectDir.resolve(nodeName));
    }

    // ---- deployment ----

    @Override
    public void prepare(ComposeProject p, Consumer<String> progress) {
        if (!Files.isDirectory(projectDir)) {
            progress.accept("Creating state directory " + projectDir);
        }
        try {
            Files.createDirectories(projectDir);
        } catch (IOException e) {
            throw new CliException("cannot create " + projectDir + ": " + e.getMessage(),
                    "Check the permissions of " + p.workingDir() + ".", ExitCodes.UNHEALTHY);
        }
        command();
    }

    /** Synchronized: ports are allocated by looking at the other nodes' records. */
    @Override
    public synchronized NodeChange ensure(ComposeProject p, ServiceSpec service, int number) {
        String name = p.nodeName(service.name(), number);
        Path dir = projectDir.resolve(name);
        String hash = ConfigHash.combine(service.configHash(), command().description());
        Optional<LocalNodeState> existing = LocalNodeState.load(dir);
        if (existing.isPresent()) {
            LocalNodeState s = existing.get();
            Optional<ProcessHandle> ph = s.process();
            boolean same = hash.equals(s.get("hash"));
            if (ph.isPresent() && same) {
                if (LocalProcesses.isStopped(ph.get().pid())) {
                    LocalProcesses.resume(ph.get().pid());
                    return NodeChange.STARTED;
                }
                return NodeChange.UNCHANGED;
            }
            ph.ifPresent(h -> LocalProcesses.terminate(h, STOP_GRACE));
            if (!same) {
                record(s, p, service, number, hash);
                // A recreated sentinel starts from the file's settings, not its old rewritten config.
                deleteQuietly(s.dir.resolve("sentinel.conf"));
            }
            launch(s);
            return same ? NodeChange.STARTED : NodeChange.RECREATED;
        }
        LocalNodeState s = LocalNodeState.fresh(dir);
        record(s, p, service, number, hash);
        launch(s);
        return NodeChange.CREATED;
    }

    /** Writes what is needed to start this node again without the compose file. */
    private void record(LocalNodeState s, ComposeProject p, ServiceSpec service, int number, String hash) {
        s.set("service", service.name());
        s.set("number", number);
        s.set("role", service.role().word());
        s.set("hash", hash);
        s.set("masterService", p.compose().masterService().name());
        s.set("password", service.password());
        s.set("masterName", service.masterName());
        if (service.role() == NodeRole.SENTINEL) {
            int count = service.replicas();
            s.set("quorum", service.intEnv("SENTINEL_QUORUM", "sentinel_quorum", count / 2 + 1));
            s.set("downAfter", service.intEnv("SENTINEL_DOWN_AFTER", "sentinel_down_after", 30000));
            s.set("failoverTimeout", service.intEnv("SENTINEL_FAILOVER", "sentinel_failover", 180000));
            s.set("parallelSyncs", service.intEnv("SENTINEL_PARALLEL_SYNCS", "sentinel_parallel_syncs", 1));
        }
        if (s.port() <= 0) {
            s.set("port", reusedOrFreePort(s.dir, service.role()));
        }
        s.save();
    }

    /** The port this node had before a {@code down} (kept with its data), else the first free one from the role's base. */
    private int reusedOrFreePort(Path dir, NodeRole role) {
        Path kept = dir.resolve("port");
        if (Files.isRegularFile(kept)) {
            try {
                return Integer.parseInt(Files.readString(kept).trim());
            } catch (IOException | NumberFormatException e) {
                // allocate a new one
            }
        }
        Set<Integer> taken = new HashSet<>();
        for (LocalNodeState other : states()) {
            taken.add(other.port());
        }
        int port = role == NodeRole.SENTINEL ? SENTINEL_PORT_BASE : DATA_PORT_BASE;
        for (int tries = 0; tries < 2000; tries++, port++) {
            if (!taken.contains(port) && !keptByAnother(port) && isFree(port)) {
                return port;
            }
        }
        throw new CliException("no free port on " + LOOPBACK + " from " + port, null, ExitCodes.UNHEALTHY);
    }

    private boolean keptByAnother(int port) {
        try (Stream<Path> dirs = Files.list(projectDir)) {
            return dirs.map(d -> d.resolve("port")).filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Integer.parseInt(Files.readString(f).trim()) == port;
                } catch (IOException | NumberFormatException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a server could listen on the port now; like Redis and Netty, with SO_REUSEADDR, so connections in TIME_WAIT do not count. */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the node's config and starts its process; the caller has stopped any old one. */
    private void launch(LocalNodeState s) {
        int port = s.port();
        if (!isFree(port)) {
            throw new CliException(Messages.portInUse(port, s.name()),
                    Messages.localPortInUseHint(s.dir.resolve("port")), ExitCodes.UNHEALTHY);
        }
        try {
            Files.createDirectories(s.dataDir());
            Files.writeString(s.dir.resolve("port"), port + "\n");
            List<String> cmd = s.role() == NodeRole.SENTINEL ? sentinelCommand(s) : serverCommand(s);
            List<String> full = new ArrayList<>();
            LocalProcesses.setsid().ifPresent(full::add);
            full.addAll(cmd);
            Files.writeString(s.logFile(), "", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(full)
                    .directory(s.dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(s.logFile().toFile()))
                    .start();
            s.set("pid", process.pid());
            s.set("startedAt", process.info().startInstant().map(java.time.Instant::toEpochMilli)
                    .orElse(System.currentTimeMillis()));
            s.save();
        } catch (IOException e) {
            throw new CliException("cannot start " + s.name() + ": " + e.getMessage(),
                    "Check that the node command works: " + command().description(), ExitCodes.UNHEALTHY, e);
        }
    }

    private List<String> serverCommand(LocalNodeState s) throws IOException {
        StringBuilder conf = new StringBuilder();
        conf.append("# written by rediha at each start; edits are lost\n");
        conf.append("port ").append(s.port()).append('\n');
        conf.append("bind ").append(LOOPBACK).append('\n');
        conf.append("dir ").append(s.dataDir()).append('\n');
        conf.append("appendonly yes\n");
        conf.append("appendfsync everysec\n");
        String password = s.get("password");
        if (password != null && !password.isEmpty()) {
            conf.append("requirepass ").append(quote(password)).append('\n');
            conf.append("masterauth ").append(quote(password)).append('\n');
        }
        Optional<HostAndPort> master = masterToFollow(s);
        master.ifPresent(m -> conf.append("replicaof ").append(m.getHost()).append(' ').append(m.getPort()).append('\n'));
        Path file = s.dir.resolve("node.conf");
        writePrivate(file, conf.toString());
        return command().forRole("server", List.of(file.toString(), "--port", String.valueOf(s.port())));
    }

    /**
     * The master a data node must replicate from, or empty when it starts as master: the master the
     * sentinels name; but when they name this very node, which is not running, their view may
     * predate a failover that is finishing, so another data node that answers as master wins.
     * With no sentinel answering: the master service's node, unless this is it.
     */
    private Optional<HostAndPort> masterToFollow(LocalNodeState s) {
        Optional<HostAndPort> named = masterNamedBySentinels(s.get("masterName", ServiceSpec.DEFAULT_MASTER_NAME));
        if (named.isPresent() && !(named.get().getPort() == s.port() && isLocal(named.get().getHost()))) {
            return named;
        }
        Optional<HostAndPort> promoted = otherNodeAnsweringAsMaster(s);
        if (promoted.isPresent() || named.isPresent() || s.role() == NodeRole.MASTER) {
            return promoted;
        }
        String masterService = s.get("masterService", "master");
        return states().stream()
                .filter(o -> masterService.equals(o.service()) && o.port() != s.port())
                .findFirst()
                .map(o -> new HostAndPort(LOOPBACK, o.port()));
    }

    private Optional<HostAndPort> otherNodeAnsweringAsMaster(LocalNodeState self) {
        for (LocalNodeState other : states()) {
            if (other.role() == NodeRole.SENTINEL || other.port() == self.port() || other.process().isEmpty()) {
                continue;
            }
            DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder().timeoutMillis(500);
            String password = self.get("password");
            if (password != null && !password.isEmpty()) {
                cfg.password(password);
            }
            try (Jedis j = new Jedis(new HostAndPort(LOOPBACK, other.port()), cfg.build())) {
                if ("master".equals(String.valueOf(j.role().get(0)))) {
                    return Optional.of(new HostAndPort(LOOPBACK, other.port()));
                }
            } catch (JedisException e) {
                // not answering: not the master we look for
            }
        }
        return Optional.empty();
    }

    private Optional<HostAndPort> masterNamedBySentinels(String masterName) {
        for (LocalNodeState other : states()) {
            if (other.role() != NodeRole.SENTINEL || other.process().isEmpty()) {
                continue;
            }
            try (Jedis j = new Jedis(new HostAndPort(LOOPBACK, other.port()),
                    DefaultJedisClientConfig.builder().timeoutMillis(500).build())) {
                List<String> addr = j.sentinelGetMasterAddrByName(masterName);
                if (addr != null && addr.size() == 2) {
                    return Optional.of(new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1))));
                }
            } catch (JedisException | NumberFormatException e) {
                // ask the next one
            }
        }
        return Optional.empty();
    }

    private List<String> sentinelCommand(LocalNodeState s) throws IOException {
        Path file = s.dir.resolve("sentinel.conf");
        // The sentinel rewrites its config (epochs, known replicas and sentinels, its myid); keep it across restarts.
        if (!Files.isRegularFile(file)) {
            String name = s.get("masterName", ServiceSpec.DEFAULT_MASTER_NAME);
            HostAndPort master = masterNamedBySentinels(name).orElseGet(() -> {
                String masterService = s.get("masterService", "master");
                int port = states().stream().filter(o -> masterService.equals(o.service())).mapToInt(LocalNodeState::port)
                        .findFirst().orElseThrow(() -> new CliException(
                                "cannot start " + s.name() + ": the master service " + masterService + " has no node yet",
                                "Run 'rediha up' to start the master first.", ExitCodes.UNHEALTHY));
                return new HostAndPort(LOOPBACK, port);
            });
            StringBuilder conf = new StringBuilder();
            conf.append("port ").append(s.port()).append('\n');
            conf.append("bind ").append(LOOPBACK).append('\n');
            conf.append("dir ").append(s.dataDir()).append('\n');
            conf.append("sentinel monitor ").append(name).append(' ').append(master.getHost()).append(' ')
                    .append(master.getPort()).append(' ').append(s.get("quorum", "2")).append('\n');
            conf.append("sentinel down-after-milliseconds ").append(name).append(' ').append(s.get("downAfter", "30000")).append('\n');
            conf.append("sentinel failover-timeout ").append(name).append(' ').append(s.get("failoverTimeout", "180000")).append('\n');
            conf.append("sentinel parallel-syncs ").append(name).append(' ').append(s.get("parallelSyncs", "1")).append('\n');
            String password = s.get("password");
            if (password != null && !password.isEmpty()) {
                conf.append("sentinel auth-pass ").append(name).append(' ').append(quote(password)).append('\n');
            }
            writePrivate(file, conf.toString());
        }
        return command().forRole("sentinel", List.of(file.toString(), "--port", String.valueOf(s.port())));
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    /** Config-file quoting for values that may hold spaces or quotes. */
    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static boolean isLocal(String host) {
        return host.startsWith("127.") || "localhost".equals(host);
    }

    @Override
    public void remove(Node node, boolean data) {
        state(node.name()).ifPresent(s -> removeNode(s, data));
    }

    /** Stops the node and deletes its record; its {@code data/} and port stay unless {@code data} is set. */
    private void removeNode(LocalNodeState s, boolean data) {
        s.process().ifPresent(ph -> LocalProcesses.terminate(ph, STOP_GRACE));
        if (data) {
            deleteTree(s.dir);
        } else {
            deleteQuietly(s.dir.resolve(LocalNodeState.FILE));
            deleteQuietly(s.dir.resolve("node.conf"));
            deleteQuietly(s.dir.resolve("sentinel.conf"));
            deleteQuietly(s.logFile());
        }
    }

    @Override
    public void down(boolean volumes, Consumer<String> progress) {
        List<LocalNodeState> all = states();
        // Sentinels first so none starts a failover; the master last, when it has no replicas to wait for.
        for (NodeRole role : List.of(NodeRole.SENTINEL, NodeRole.REPLICA, NodeRole.MASTER)) {
            List<LocalNodeState> group = all.stream().filter(s -> s.role() == role).toList();
            group.forEach(s -> progress.accept("Stopping " + s.name()));
            List<Thread> stoppers = new ArrayList<>();
            for (LocalNodeState s : group) {
                Thread t = new Thread(() -> removeNode(s, volumes), "stop-" + s.name());
                t.start();
                stoppers.add(t);
            }
            for (Thread t : stoppers) {
                try {
                    t.join(STOP_GRACE.plusSeconds(10).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            group.forEach(s -> progress.accept("Removing " + s.name()));
        }
        if (volumes && Files.isDirectory(projectDir)) {
            progress.accept("Removing " + projectDir);
            deleteTree(projectDir);
            Path parent = projectDir.getParent();
            try (Stream<Path> rest = Files.list(parent)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(parent);
                }
            } catch (IOException e) {
                // leave the shared .rediha directory
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(LocalRuntime::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort; reported by the next listing if it matters
        }
    }

    // ---- logs ----

    @Override
    public void logs(Node node, int tail, boolean follow, Consumer<String> sink) throws InterruptedException {
        Optional<LocalNodeState> s = state(node.name());
        if (s.isEmpty() || !Files.isRegularFile(s.get().logFile())) {
            return;
        }
        Path log = s.get().logFile();
        List<String> lines = readLines(log);
        int from = tail < 0 ? 0 : Math.max(0, lines.size() - tail);
        lines.subList(from, lines.size()).forEach(sink);
        if (!follow) {
            return;
        }
        long pos = size(log);
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            long len = size(log);
            if (len < pos) {
                pos = 0;
            }
            if (len > pos) {
                try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
                    raf.seek(pos);
                    byte[] buf = new byte[(int) Math.min(len - pos, 1 << 20)];
                    raf.readFully(buf);
                    pos += buf.length;
                    partial.append(new String(buf, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    sink.accept(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            }
            Thread.sleep(200);
        }
        throw new InterruptedException();
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- faults ----

    @Override
    public void inject(Node node, Fault fault) {
        LocalNodeState s = state(node.name()).orElseThrow(() -> new IllegalArgumentException("no local node named " + node.name()));
        if (fault == Fault.DISCONNECT) {
            throw new UnsupportedOperationException(Messages.LOCAL_CANNOT_DISCONNECT);
        }
        Optional<ProcessHandle> ph = s.process();
        if (ph.isEmpty()) {
            return;
        }
        switch (fault) {
            case PAUSE -> LocalProcesses.pause(ph.get().pid());
            case STOP -> LocalProcesses.terminate(ph.get(), STOP_GRACE);
            case KILL -> {
                ph.get().destroyForcibly();
                LocalProcesses.awaitExit(ph.get(), Duration.ofSeconds(5));
            }
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    @Override
    public void heal(Node node, Fault fault) {
        Optional<LocalNodeState> found = state(node.name());
        if (found.isEmpty()) {
            return;
        }
        LocalNodeState s = found.get();
        Optional<ProcessHandle> ph = s.process();
        switch (fault) {
            case PAUSE -> ph.filter(h -> LocalProcesses.isStopped(h.pid()))
                    .ifPresent(h -> LocalProcesses.resume(h.pid()));
            case STOP, KILL -> {
                if (ph.isEmpty()) {
                    launch(s);
                }
            }
            case DISCONNECT -> {
                // never injected: nothing to undo
            }
        }
    }
}
