package io.rediha.cli.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;
import io.rediha.cli.Messages;
import io.rediha.cli.compose.ComposeFile;
import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.ConfigHash;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster as containers on a Docker engine, through docker-java.
 *
 * <p>Containers, networks and volumes carry the labels Docker Compose puts on its own
 * ({@code com.docker.compose.project}, {@code .service}, {@code .container-number},
 * {@code .oneoff}, {@code .config-hash}, ...) and Compose v1's names ({@code <project>_<service>_<n>}),
 * so {@code docker-compose ps} and {@code down} treat them as theirs and rediha finds
 * containers that {@code docker-compose up} made. The project label is the only thing this class
 * selects by, so nothing of another project is ever touched.
 *
 * <p>Nodes are reached at their container IP on the project network, which the host can route to
 * when the engine runs on this machine; with {@code network_mode: host} they are on loopback.
 */
public final class DockerRuntime implements ClusterRuntime {
    public static final String LABEL_PROJECT = "com.docker.compose.project";
    public static final String LABEL_SERVICE = "com.docker.compose.service";
    public static final String LABEL_NUMBER = "com.docker.compose.container-number";
    public static final String LABEL_ONEOFF = "com.docker.compose.oneoff";
    public static final String LABEL_CONFIG_HASH = "com.docker.compose.config-hash";
    public static final String LABEL_VERSION = "com.docker.compose.version";
    public static final String LABEL_WORKING_DIR = "com.docker.compose.project.working_dir";
    public static final String LABEL_CONFIG_FILES = "com.docker.compose.project.config_files";
    public static final String LABEL_NETWORK = "com.docker.compose.network";
    public static final String LABEL_VOLUME = "com.docker.compose.volume";
    /** Our own: the role and the listen port, so nodes() needs no inspect per container. */
    public static final String LABEL_ROLE = "io.rediha.role";
    public static final String LABEL_PORT = "io.rediha.port";
    /** The Compose version whose naming and labels we follow (Debian's docker-compose). */
    static final String COMPOSE_VERSION = "1.29.2";

    private static final int STOP_TIMEOUT_SECONDS = 10;
    /** The host address and port in the engine's "Bind for 0.0.0.0:6379 failed" / "listen tcp4 127.0.0.1:6379: bind". */
    private static final Pattern PORT_IN_MESSAGE = Pattern.compile("(?:\\d{1,3}\\.){3}\\d{1,3}:(\\d{1,5})|\\]:(\\d{1,5})");

    private final DockerEngine engine;
    private final DockerClient docker;
    private final String project;
    private final Map<String, String> imageIds = new ConcurrentHashMap<>();
    /** Networks (and aliases) a DISCONNECT took a container off, so heal puts it back the same way. */
    private final Map<String, Map<String, List<String>>> disconnected = new ConcurrentHashMap<>();

    public DockerRuntime(DockerEngine engine, String project) {
        this.engine = engine;
        this.docker = engine.client();
        this.project = project;
    }

    @Override
    public String name() {
        return "docker";
    }

    /** The engine's client, for work beside the cluster (building the image). */
    public DockerClient client() {
        return docker;
    }

    @Override
    public String location() {
        return engine.host();
    }

    @Override
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (Container c : projectContainers()) {
            Map<String, String> labels = c.getLabels();
            if ("True".equalsIgnoreCase(labels.get(LABEL_ONEOFF))) {
                continue;
            }
            nodes.add(toNode(c));
        }
        nodes.sort(NODE_ORDER);
        return nodes;
    }

    /** Master service first, then replicas, then sentinels; by number within a service. */
    static final Comparator<Node> NODE_ORDER = Comparator
            .comparingInt((Node n) -> NodeRole.fromArgument(n.role()).map(Enum::ordinal).orElse(NodeRole.REPLICA.ordinal()))
            .thenComparing(Node::service)
            .thenComparingInt(Node::number);

    private List<Container> projectContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL_PROJECT, project)).exec();
    }

    private Node toNode(Container c) {
        Map<String, String> labels = c.getLabels();
        String name = c.getNames() != null && c.getNames().length > 0 ? c.getNames()[0].replaceFirst("^/", "") : c.getId();
        String service = labels.getOrDefault(LABEL_SERVICE, "?");
        int number = parseIntOr(labels.get(LABEL_NUMBER), 0);
        String state = stateOf(c.getState(), c.getStatus());
        String host = "";
        boolean hostNetwork = c.getHostConfig() != null && "host".equals(c.getHostConfig().getNetworkMode());
        if (hostNetwork) {
            host = "127.0.0.1";
        } else if (c.getNetworkSettings() != null && c.getNetworkSettings().getNetworks() != null) {
            host = ipOn(c.getNetworkSettings().getNetworks());
        }
        String role = labels.containsKey(LABEL_ROLE) ? labels.get(LABEL_ROLE) : roleFromCommand(c, service);
        int port = parseIntOr(labels.get(LABEL_PORT), -1);
        if (port < 0) {
            port = portFromEnv(c.getId(), role);
        }
        return new Node(name, service, number, state, host, port, role);
    }

    /** The IP on one of this project's networks when there is one, else on any network. */
    private String ipOn(Map<String, ContainerNetwork> networks) {
        String any = "";
        for (Map.Entry<String, ContainerNetwork> e : networks.entrySet()) {
            String ip = e.getValue().getIpAddress();
            if (ip == null || ip.isEmpty()) {
                continue;
            }
            if (e.getKey().startsWith(project + "_")) {
                return ip;
            }
            any = any.isEmpty() ? ip : any;
        }
        return any;
    }

    /** For containers another tool created: the role is the command's first word, as the image reads it. */
    private static String roleFromCommand(Container c, String service) {
        String command = c.getCommand() == null ? "" : c.getCommand().trim();
        String last = command.isEmpty() ? "" : command.substring(command.lastIndexOf(' ') + 1);
        return NodeRole.fromArgument(last).map(NodeRole::word).orElse(Node.roleFromService(service));
    }

    /** For containers another tool created: the listen port from their environment, as the image reads it. */
    private int portFromEnv(String id, String roleOrService) {
        boolean sentinel = NodeRole.fromArgument(roleOrService).orElse(NodeRole.REPLICA) == NodeRole.SENTINEL;
        try {
            String[] env = docker.inspectContainerCmd(id).exec().getConfig().getEnv();
            Map<String, String> vars = new HashMap<>();
            if (env != null) {
                for (String kv : env) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        vars.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
            String v = sentinel ? firstNonEmpty(vars.get("SENTINEL_PORT"), vars.get("sentinel_port"))
                    : firstNonEmpty(vars.get("REDIS_PORT"), vars.get("redis_port"));
            return v == null ? (sentinel ? ServiceSpec.DEFAULT_SENTINEL_PORT : ServiceSpec.DEFAULT_REDIS_PORT)
                    : Integer.parseInt(v.trim());
        } catch (NotFoundException | NumberFormatException e) {
            return sentinel ? ServiceSpec.DEFAULT_SENTINEL_PORT : ServiceSpec.DEFAULT_REDIS_PORT;
        }
    }

    static String stateOf(String state, String status) {
        String s = state == null ? "unknown" : state.toLowerCase(Locale.ROOT);
        if ("running".equals(s) && status != null && status.contains("(unhealthy)")) {
            return "unhealthy";
        }
        return s;
    }

    // ---- deployment ----

    @Override
    public void prepare(ComposeProject p, Consumer<String> progress) {
        for (ServiceSpec s : p.compose().services().values()) {
            imageIds.computeIfAbsent(s.image(), this::imageId);
        }
        Set<String> networkKeys = new java.util.LinkedHashSet<>();
        for (ServiceSpec s : p.compose().services().values()) {
            if (s.networkMode() == null) {
                networkKeys.addAll(s.networks().isEmpty() ? List.of(ComposeFile.DEFAULT_NETWORK) : s.networks().keySet());
            }
        }
        for (String key : networkKeys) {
            ensureNetwork(p, key, progress);
        }
        Set<String> volumeKeys = new java.util.LinkedHashSet<>();
        for (ServiceSpec s : p.compose().services().values()) {
            for (ServiceSpec.VolumeMount m : s.volumes()) {
                if (m.kind() == ServiceSpec.VolumeMount.Kind.NAMED) {
                    volumeKeys.add(m.source());
                }
            }
        }
        for (String key : volumeKeys) {
            ensureVolume(p, key, progress);
        }
    }

    private String imageId(String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw new CliException(Messages.imageMissing(image, engine.host()), Messages.IMAGE_MISSING_HINT,
                    ExitCodes.UNHEALTHY);
        }
    }

    private void ensureNetwork(ComposeProject p, String key, Consumer<String> progress) {
        String name = p.networkName(key);
        ComposeFile.NetworkSpec spec = p.compose().networks().get(key);
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return;
        } catch (NotFoundException e) {
            if (spec != null && spec.external()) {
                throw new CliException("the external network " + name + " does not exist on " + engine.host(),
                        "Create it with 'docker network create " + name + "', or drop external: from the compose file.",
                        ExitCodes.UNHEALTHY);
            }
        }
        progress.accept("Creating network " + name);
        docker.createNetworkCmd().withName(name)
                .withDriver(spec != null && spec.driver() != null ? spec.driver() : "bridge")
                .withCheckDuplicate(true)
                .withLabels(Map.of(LABEL_PROJECT, project, LABEL_NETWORK, key, LABEL_VERSION, COMPOSE_VERSION))
                .exec();
    }

    private void ensureVolume(ComposeProject p, String key, Consumer<String> progress) {
        String name = p.volumeName(key);
        ComposeFile.VolumeSpec spec = p.compose().volumes().get(key);
        try {
            docker.inspectVolumeCmd(name).exec();
            return;
        } catch (NotFoundException e) {
            if (spec != null && spec.external()) {
                throw new CliException("the external volume " + name + " does not exist on " + engine.host(),
                        "Create it with 'docker volume create " + name + "', or drop external: from the compose file.",
                        ExitCodes.UNHEALTHY);
            }
        }
        progress.accept("Creating volume " + name);
        docker.createVolumeCmd().withName(name)
                .withDriver(spec != null && spec.driver() != null ? spec.driver() : "local")
                .withLabels(Map.of(LABEL_PROJECT, project, LABEL_VOLUME, key, LABEL_VERSION, COMPOSE_VERSION))
                .exec();
    }

    @Override
    public NodeChange ensure(ComposeProject p, ServiceSpec service, int number) {
        String name = p.nodeName(service.name(), number);
        String hash = ConfigHash.combine(service.configHash(), imageIds.computeIfAbsent(service.image(), this::imageId));
        Optional<InspectContainerResponse> existing = inspect(name);
        if (existing.isPresent()) {
            InspectContainerResponse old = existing.get();
            Map<String, String> labels = old.getConfig().getLabels();
            if (labels == null || !project.equals(labels.get(LABEL_PROJECT))) {
                throw new CliException("a container named " + name + " already exists and is not part of project " + project,
                        "Remove it ('docker rm -f " + name + "') or choose another project name with -p.", ExitCodes.UNHEALTHY);
            }
            if (hash.equals(labels.get(LABEL_CONFIG_HASH))) {
                InspectContainerResponse.ContainerState st = old.getState();
                if (Boolean.TRUE.equals(st.getPaused())) {
                    docker.unpauseContainerCmd(old.getId()).exec();
                    return NodeChange.STARTED;
                }
                if (Boolean.TRUE.equals(st.getRunning())) {
                    return NodeChange.UNCHANGED;
                }
                start(old.getId(), name);
                return NodeChange.STARTED;
            }
            stopAndRemove(old.getId(), false);
            start(create(p, service, number, hash, old), name);
            return NodeChange.RECREATED;
        }
        start(create(p, service, number, hash, null), name);
        return NodeChange.CREATED;
    }

    private Optional<InspectContainerResponse> inspect(String nameOrId) {
        try {
            return Optional.of(docker.inspectContainerCmd(nameOrId).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private String create(ComposeProject p, ServiceSpec s, int number, String hash, InspectContainerResponse previous) {
        String name = p.nodeName(s.name(), number);
        Map<String, String> labels = new LinkedHashMap<>(s.labels());
        labels.put(LABEL_PROJECT, project);
        labels.put(LABEL_SERVICE, s.name());
        labels.put(LABEL_NUMBER, String.valueOf(number));
        labels.put(LABEL_ONEOFF, "False");
        labels.put(LABEL_CONFIG_HASH, hash);
        labels.put(LABEL_VERSION, COMPOSE_VERSION);
        labels.put(LABEL_WORKING_DIR, p.workingDir().toString());
        labels.put(LABEL_CONFIG_FILES, p.file().toString());
        labels.put(LABEL_ROLE, s.role().word());
        labels.put(LABEL_PORT, String.valueOf(s.listenPort()));

        HostConfig host = HostConfig.newHostConfig();
        List<String> netKeys = List.of();
        if (s.networkMode() != null) {
            host.withNetworkMode(s.networkMode());
        } else {
            netKeys = s.networks().isEmpty() ? List.of(ComposeFile.DEFAULT_NETWORK) : new ArrayList<>(s.networks().keySet());
            host.withNetworkMode(p.networkName(netKeys.get(0)));
        }
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (ServiceSpec.PortSpec port : s.ports()) {
            ExposedPort ep = new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
            exposed.add(ep);
            Ports.Binding b = port.hostPort() == null
                    ? (port.hostIp() == null ? Ports.Binding.empty() : Ports.Binding.bindIp(port.hostIp()))
                    : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort());
            bindings.bind(ep, b);
        }
        host.withPortBindings(bindings);
        host.withBinds(binds(p, s, previous));
        if (s.restart() != null) {
            host.withRestartPolicy(RestartPolicy.parse(s.restart()));
        }
        if (s.init() != null) {
            host.withInit(s.init());
        }

        CreateContainerCmd cmd = docker.createContainerCmd(s.image())
                .withName(name)
                .withLabels(labels)
                .withEnv(s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!s.command().isEmpty()) {
            cmd.withCmd(s.command());
        }
        List<Volume> anonymous = anonymousVolumes(s, previous);
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (s.healthcheck() != null) {
            cmd.withHealthcheck(healthCheck(s.healthcheck()));
        }
        if (s.stopGracePeriod() != null) {
            cmd.withStopTimeout((int) Math.max(1, s.stopGracePeriod().toSeconds()));
        }
        if (!netKeys.isEmpty()) {
            cmd.withAliases(aliases(s, netKeys.get(0)));
        }
        String id;
        try {
            id = cmd.exec().getId();
        } catch (ConflictException e) {
            throw new CliException("a container named " + name + " already exists on " + engine.host(),
                    "Remove it ('docker rm -f " + name + "') or choose another project name with -p.", ExitCodes.UNHEALTHY, e);
        }
        for (String key : netKeys.isEmpty() ? List.<String>of() : netKeys.subList(1, netKeys.size())) {
            docker.connectToNetworkCmd().withContainerId(id).withNetworkId(p.networkName(key))
                    .withContainerNetwork(new ContainerNetwork().withAliases(aliases(s, key))).exec();
        }
        return id;
    }

    /** Compose puts the service name on every network as an alias; that is how replicas find "master". */
    private static List<String> aliases(ServiceSpec s, String networkKey) {
        List<String> aliases = new ArrayList<>();
        aliases.add(s.name());
        aliases.addAll(s.networks().getOrDefault(networkKey, List.of()));
        return aliases;
    }

    /**
     * Named volumes and host directories from the file, plus, on a recreate, every volume the old
     * container had at a path the file does not mount (anonymous volumes and the image's own
     * {@code VOLUME /data}): as in Compose, recreating a container keeps its data.
     */
    private List<Bind> binds(ComposeProject p, ServiceSpec s, InspectContainerResponse previous) {
        List<Bind> binds = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (ServiceSpec.VolumeMount m : s.volumes()) {
            AccessMode mode = m.readOnly() ? AccessMode.ro : AccessMode.rw;
            switch (m.kind()) {
                case NAMED -> binds.add(new Bind(p.volumeName(m.source()), new Volume(m.target()), mode));
                case BIND -> binds.add(new Bind(hostPath(p, m.source()), new Volume(m.target()), mode));
                case ANONYMOUS -> {
                    continue;
                }
            }
            targets.add(m.target());
        }
        if (previous != null && previous.getMounts() != null) {
            for (InspectContainerResponse.Mount old : previous.getMounts()) {
                String dest = old.getDestination() == null ? null : old.getDestination().getPath();
                if (old.getName() != null && dest != null && !targets.contains(dest)
                        && !old.getName().startsWith(project + "_")) {
                    binds.add(new Bind(old.getName(), new Volume(dest)));
                    targets.add(dest);
                }
            }
        }
        return binds;
    }

    private static List<Volume> anonymousVolumes(ServiceSpec s, InspectContainerResponse previous) {
        Set<String> carried = new HashSet<>();
        if (previous != null && previous.getMounts() != null) {
            for (InspectContainerResponse.Mount old : previous.getMounts()) {
                if (old.getName() != null && old.getDestination() != null) {
                    carried.add(old.getDestination().getPath());
                }
            }
        }
        return s.volumes().stream()
                .filter(m -> m.kind() == ServiceSpec.VolumeMount.Kind.ANONYMOUS && !carried.contains(m.target()))
                .map(m -> new Volume(m.target()))
                .toList();
    }

    private static String hostPath(ComposeProject p, String source) {
        String s = source.startsWith("~") ? System.getProperty("user.home") + source.substring(1) : source;
        return p.workingDir().resolve(Path.of(s)).normalize().toString();
    }

    private static HealthCheck healthCheck(ServiceSpec.HealthSpec h) {
        HealthCheck hc = new HealthCheck();
        if (h.disabled()) {
            return hc.withTest(List.of("NONE"));
        }
        if (!h.test().isEmpty()) {
            hc.withTest(h.test());
        }
        if (h.interval() != null) {
            hc.withInterval(h.interval().toNanos());
        }
        if (h.timeout() != null) {
            hc.withTimeout(h.timeout().toNanos());
        }
        if (h.startPeriod() != null) {
            hc.withStartPeriod(h.startPeriod().toNanos());
        }
        if (h.retries() != null) {
            hc.withRetries(h.retries());
        }
        return hc;
    }

    /** Starts a container, turning the engine's "port is already allocated" into a message naming the port. */
    private void start(String id, String name) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (DockerException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("port is already allocated") || msg.contains("address already in use")) {
                Matcher m = PORT_IN_MESSAGE.matcher(msg);
                if (!m.find()) {
                    throw new CliException(name + " cannot start: a port it publishes is in use (" + msg + ")",
                            Messages.portInUseHint(-1), ExitCodes.UNHEALTHY, e);
                }
                int port = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                throw new CliException(Messages.portInUse(port, name), Messages.portInUseHint(port), ExitCodes.UNHEALTHY, e);
            }
            throw e;
        }
    }

    @Override
    public void remove(Node node, boolean data) {
        inspect(node.name()).ifPresent(c -> stopAndRemove(c.getId(), data));
    }

    private void stopAndRemove(String id, boolean volumes) {
        stop(id);
        try {
            docker.removeContainerCmd(id).withRemoveVolumes(volumes).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    private void stop(String id) {
        try {
            docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // not running, or gone
        }
    }

    @Override
    public void down(boolean volumes, Consumer<String> progress) {
        List<Container> containers = projectContainers();
        // Sentinels go first so none of them sees the master vanish and starts a failover;
        // the master goes last so it has no replicas left to wait for.
        for (NodeRole role : List.of(NodeRole.SENTINEL, NodeRole.REPLICA, NodeRole.MASTER)) {
            List<Container> group = containers.stream().filter(c -> roleOf(c) == role).toList();
            List<Thread> stoppers = new ArrayList<>();
            for (Container c : group) {
                progress.accept("Stopping " + toNode(c).name());
                Thread t = new Thread(() -> stop(c.getId()), "stop-" + c.getId());
                t.start();
                stoppers.add(t);
            }
            joinAll(stoppers);
            for (Container c : group) {
                progress.accept("Removing " + toNode(c).name());
                try {
                    docker.removeContainerCmd(c.getId()).withRemoveVolumes(volumes).withForce(true).exec();
                } catch (NotFoundException e) {
                    // removed meanwhile
                }
            }
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(LABEL_PROJECT + "=" + project)).exec()) {
            progress.accept("Removing network " + n.getName());
            try {
                docker.removeNetworkCmd(n.getId()).exec();
            } catch (NotFoundException e) {
                // removed meanwhile
            }
        }
        if (volumes) {
            for (var v : docker.listVolumesCmd().withFilter("label", List.of(LABEL_PROJECT + "=" + project)).exec().getVolumes()) {
                progress.accept("Removing volume " + v.getName());
                try {
                    docker.removeVolumeCmd(v.getName()).exec();
                } catch (NotFoundException e) {
                    // removed meanwhile
                }
            }
        }
    }

    private NodeRole roleOf(Container c) {
        return NodeRole.fromArgument(toNode(c).role()).orElse(NodeRole.REPLICA);
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(STOP_TIMEOUT_SECONDS + 5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void logs(Node node, int tail, boolean follow, Consumer<String> sink) throws InterruptedException {
        String id = inspect(node.name()).map(InspectContainerResponse::getId).orElse(null);
        if (id == null) {
            return;
        }
        var cmd = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(follow);
        if (tail >= 0) {
            cmd.withTail(tail);
        } else {
            cmd.withTailAll();
        }
        LineSplitter lines = new LineSplitter(sink);
        ResultCallback.Adapter<Frame> callback = cmd.exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                lines.accept(frame.getStreamType().name(), frame.getPayload());
            }
        });
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            closeQuietly(callback);
            throw e;
        } finally {
            lines.flush();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    /** Turns frames, which may cut lines anywhere, into whole lines per stream. */
    static final class LineSplitter {
        private final Consumer<String> sink;
        private final Map<String, StringBuilder> partial = new HashMap<>();

        LineSplitter(Consumer<String> sink) {
            this.sink = sink;
        }

        synchronized void accept(String stream, byte[] payload) {
            StringBuilder sb = partial.computeIfAbsent(stream, k -> new StringBuilder());
            sb.append(new String(payload, StandardCharsets.UTF_8));
            int nl;
            while ((nl = sb.indexOf("\n")) >= 0) {
                String line = sb.substring(0, nl);
                sink.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                sb.delete(0, nl + 1);
            }
        }

        synchronized void flush() {
            partial.values().forEach(sb -> {
                if (sb.length() > 0) {
                    sink.accept(sb.toString());
                    sb.setLength(0);
                }
            });
        }
    }

    // ---- faults ----

    @Override
    public void inject(Node node, Fault fault) {
        InspectContainerResponse c = inspect(node.name()).orElseThrow(
                () -> new IllegalArgumentException("no container named " + node.name()));
        switch (fault) {
            case PAUSE -> docker.pauseContainerCmd(c.getId()).exec();
            case STOP -> stop(c.getId());
            case KILL -> docker.killContainerCmd(c.getId()).withSignal("KILL").exec();
            case DISCONNECT -> disconnect(c);
        }
    }

    private void disconnect(InspectContainerResponse c) {
        if ("host".equals(c.getHostConfig().getNetworkMode())) {
            throw new UnsupportedOperationException(c.getName().replaceFirst("^/", "")
                    + " uses the host's network, so it cannot be disconnected from it; use pause, stop or kill");
        }
        Map<String, List<String>> nets = new LinkedHashMap<>();
        c.getNetworkSettings().getNetworks().forEach((net, cn) -> nets.put(net,
                cn.getAliases() == null ? List.of() : cn.getAliases().stream()
                        .filter(a -> !c.getId().startsWith(a)).toList()));
        disconnected.put(c.getId(), nets);
        for (String net : nets.keySet()) {
            docker.disconnectFromNetworkCmd().withContainerId(c.getId()).withNetworkId(net).withForce(true).exec();
        }
    }

    @Override
    public void heal(Node node, Fault fault) {
        Optional<InspectContainerResponse> found = inspect(node.name());
        if (found.isEmpty()) {
            return;
        }
        InspectContainerResponse c = found.get();
        InspectContainerResponse.ContainerState st = c.getState();
        switch (fault) {
            case PAUSE -> {
                if (Boolean.TRUE.equals(st.getPaused())) {
                    docker.unpauseContainerCmd(c.getId()).exec();
                }
            }
            case STOP, KILL -> {
                if (!Boolean.TRUE.equals(st.getRunning())) {
                    start(c.getId(), node.name());
                }
            }
            case DISCONNECT -> reconnect(c, node);
        }
    }

    private void reconnect(InspectContainerResponse c, Node node) {
        Map<String, List<String>> nets = disconnected.remove(c.getId());
        if (nets == null) {
            // Healed by another process than the one that cut it off: put it back on the
            // project's networks under its service name, as it was created.
            nets = new LinkedHashMap<>();
            for (Network n : docker.listNetworksCmd().withFilter("label", List.of(LABEL_PROJECT + "=" + project)).exec()) {
                nets.put(n.getName(), List.of(node.service()));
            }
        }
        Set<String> attached = c.getNetworkSettings().getNetworks() == null ? Set.of()
                : c.getNetworkSettings().getNetworks().keySet();
        for (Map.Entry<String, List<String>> e : nets.entrySet()) {
            if (attached.contains(e.getKey())) {
                continue;
            }
            docker.connectToNetworkCmd().withContainerId(c.getId()).withNetworkId(e.getKey())
                    .withContainerNetwork(new ContainerNetwork().withAliases(e.getValue())).exec();
        }
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : (b != null && !b.isEmpty() ? b : null);
    }

    @Override
    public void close() {
        engine.close();
    }
}
