package io.rediha.tests.support;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One node of the image as a test sees it: a role argument, environment variables and a network
 * alias, nothing else (the way a compose file or rediha runs it). Starting waits for the image's
 * own HEALTHCHECK, probed every 500 ms here instead of the image's 2 s so tests stay quick. Clients
 * connect through the port mapped on localhost.
 */
public final class NodeContainer implements AutoCloseable {
    private final GenericContainer<?> container;
    private final String role;
    private final Map<String, String> env = new LinkedHashMap<>();
    private String password;

    private NodeContainer(String role, int port) {
        this.role = role;
        this.container = new GenericContainer<>(DockerImageName.parse(NodeImage.reference()))
                .withCommand(role)
                .withExposedPorts(port)
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
                        .withTest(java.util.List.of("CMD", "/bin/sh", "/opt/rediha/healthcheck.sh"))
                        .withInterval(TimeUnit.MILLISECONDS.toNanos(500))
                        .withTimeout(TimeUnit.SECONDS.toNanos(4))
                        .withStartPeriod(TimeUnit.SECONDS.toNanos(30))
                        .withRetries(3)))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(60)));
    }

    public static NodeContainer master() {
        return new NodeContainer("master", 6379);
    }

    /** A data node started with the {@code slave} argument (the spelling Rancher-style deployments use). */
    public static NodeContainer replica() {
        return new NodeContainer("slave", 6379);
    }

    public static NodeContainer sentinel() {
        return new NodeContainer("sentinel", 26379);
    }

    public NodeContainer withEnv(String name, String value) {
        env.put(name, value);
        container.withEnv(name, value);
        if (name.equals("REDIS_PASSWORD")) {
            password = value;
        }
        return this;
    }

    public NodeContainer on(Network network, String alias) {
        container.withNetwork(network).withNetworkAliases(alias);
        return this;
    }

    /** Waits only until the container runs, not until healthy (for nodes that cannot be healthy yet). */
    public NodeContainer withoutHealthWait() {
        container.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofSeconds(60)));
        return this;
    }

    public NodeContainer withVolume(String volumeName) {
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withBinds(new com.github.dockerjava.api.model.Bind(volumeName, new com.github.dockerjava.api.model.Volume("/data"))));
        return this;
    }

    public NodeContainer start() {
        container.start();
        return this;
    }

    /** Starts the nodes at the same time (each still waits until healthy); fails if any fails. */
    public static void startAll(java.util.List<NodeContainer> nodes) {
        nodes.parallelStream().forEach(NodeContainer::start);
    }

    /** The exit code once the container has stopped. */
    public long exitCode() {
        return DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec().getState().getExitCodeLong();
    }

    public GenericContainer<?> container() {
        return container;
    }

    public String role() {
        return role;
    }

    /** The port mapped on localhost, looked up afresh: a restarted container gets a new one. */
    public int port() {
        int inside = container.getExposedPorts().get(0);
        com.github.dockerjava.api.model.Ports.Binding[] b = DockerClientFactory.instance().client()
                .inspectContainerCmd(container.getContainerId()).exec().getNetworkSettings().getPorts()
                .getBindings().get(com.github.dockerjava.api.model.ExposedPort.tcp(inside));
        if (b == null || b.length == 0) {
            throw new IllegalStateException(container.getContainerName() + " has no port mapped for " + inside + " (not running?)");
        }
        return Integer.parseInt(b[0].getHostPortSpec());
    }

    /** The container's address on its network (what sentinels and replicas use). */
    public String ip() {
        return DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }

    /** docker stop: SIGTERM, the node's graceful stop. */
    public void stop() {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(20).exec();
    }

    /** docker start of the same container, same volume: a restart as an orchestrator does it. */
    public void startAgain() {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
    }

    /** The numeric user the node's process (PID 1) runs as. */
    public String processUid() throws Exception {
        return container.execInContainer("/bin/sh", "-c", "sed -n 's/^Uid:[[:space:]]*\\([0-9]*\\).*/\\1/p' /proc/1/status").getStdout().strip();
    }

    /** A client on localhost, authenticated when the node has REDIS_PASSWORD (sentinels have no password). */
    public Jedis jedis() {
        DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder().timeoutMillis(3000);
        if (password != null && !role.equals("sentinel")) {
            cfg.password(password);
        }
        return new Jedis(new HostAndPort(container.getHost(), port()), cfg.build());
    }

    public String logs() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }
}
