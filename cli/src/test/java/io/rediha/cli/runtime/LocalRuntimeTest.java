package io.rediha.cli.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.cli.runtime.ClusterRuntime.Fault;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The local runtime's mechanics on real processes (Debian's redis-server and redis-sentinel stand
 * in for the node jar): up to healthy, pause/stop/kill and heal, the safe restart of an old master,
 * and down. One cluster is shared by the ordered steps to keep the class within seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeTest {
    private static final String PROJECT = "lrt";
    private Path dir;
    private String file;
    private LocalRuntime runtime;

    @BeforeAll
    void writeProject() throws IOException {
        assumeTrue(RedisStandIn.available(), "Debian's redis-server and redis-sentinel are needed");
        dir = Files.createTempDirectory("rediha-local-");
        Path nodeCmd = RedisStandIn.write(dir);
        System.setProperty(NodeCommand.ENV_OVERRIDE, nodeCmd.toString());
        Files.writeString(dir.resolve("docker-compose.yml"), RedisStandIn.composeFile("rediha/node:latest", 1, 3));
        Files.writeString(dir.resolve(".env"), "REDIHA_PASSWORD=local-secret\n");
        file = dir.resolve("docker-compose.yml").toString();
        runtime = new LocalRuntime(dir, PROJECT, () -> NodeCommand.resolve(Map.of(NodeCommand.ENV_OVERRIDE, nodeCmd.toString())));
    }

    @AfterAll
    void removeEverything() throws IOException {
        if (runtime == null) {
            return;
        }
        CliRun.of("-f", file, "-p", PROJECT, "--runtime", "local", "down", "-v");
        System.clearProperty(NodeCommand.ENV_OVERRIDE);
        assertFalse(Files.exists(dir.resolve(".rediha")), "down -v leaves no state behind");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private CliRun rediha(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"-f", file, "-p", PROJECT, "--runtime", "local"}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        return CliRun.of(all);
    }

    private Node node(String name) {
        return runtime.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting until " + what
                        + "; ps says:\n" + rediha("ps").out());
            }
            Thread.sleep(100);
        }
    }

    private String role(Node n) {
        try (Jedis j = new Jedis(new HostAndPort(n.host(), n.port()),
                DefaultJedisClientConfig.builder().password("local-secret").timeoutMillis(500).build())) {
            return String.valueOf(j.role().get(0));
        } catch (RuntimeException e) {
            return "unreachable";
        }
    }

    @Test
    @Order(1)
    void upStartsAHealthyClusterOnLoopbackAndSaysWhichRuntime() {
        CliRun up = rediha("up", "--timeout", "40");

        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.err().contains("Using local processes (--runtime local)"), up.err());
        assertTrue(up.out().contains("lrt is healthy in"), up.out());
        assertTrue(up.out().contains("1 master, 1 replica, 3 sentinels"), up.out());
        List<Node> nodes = runtime.nodes();
        assertEquals(List.of("lrt_master_1", "lrt_slave_1", "lrt_sentinel_1", "lrt_sentinel_2", "lrt_sentinel_3"),
                nodes.stream().map(Node::name).toList());
        assertTrue(nodes.stream().allMatch(n -> n.host().equals("127.0.0.1") && n.state().equals("running")));
    }

    @Test
    @Order(2)
    void aSecondUpChangesNothing() {
        CliRun up = rediha("up");

        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(5, up.err().lines().filter(l -> l.endsWith(" is up to date")).count(), up.err());
        assertFalse(up.err().contains("Creating "), up.err());
    }

    @Test
    @Order(3)
    void aPausedReplicaShowsAsPausedAndHealResumesIt() throws InterruptedException {
        Node replica = node("lrt_slave_1");

        runtime.inject(replica, Fault.PAUSE);

        assertEquals("paused", node("lrt_slave_1").state(), "SIGSTOP shows as paused");
        CliRun ps = rediha("ps");
        assertEquals(1, ps.exitCode(), ps.toString());
        assertTrue(ps.out().contains("not healthy: lrt_slave_1 is paused"), ps.out());

        runtime.heal(replica, Fault.PAUSE);

        assertEquals("running", node("lrt_slave_1").state());
        await("ps says healthy again", Duration.ofSeconds(15), () -> rediha("ps").exitCode() == 0);
    }

    @Test
    @Order(4)
    void disconnectIsRefusedWithAReasonAUserCanRead() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> runtime.inject(node("lrt_slave_1"), Fault.DISCONNECT));

        assertTrue(e.getMessage().contains("cannot cut one process off the network"), e.getMessage());
    }

    @Test
    @Order(5)
    void aKilledMasterComesBackAsAReplicaOfTheMasterTheSentinelsPromoted() throws InterruptedException {
        Node oldMaster = node("lrt_master_1");
        Node replica = node("lrt_slave_1");

        runtime.inject(oldMaster, Fault.KILL);
        assertEquals("exited", node("lrt_master_1").state());
        await("the sentinels promote the replica", Duration.ofSeconds(30), () -> role(replica).equals("master"));
        runtime.heal(oldMaster, Fault.KILL);

        await("the old master runs again", Duration.ofSeconds(10), () -> !role(node("lrt_master_1")).equals("unreachable"));
        assertEquals("slave", role(node("lrt_master_1")), "a restarted old master must not be a second master");
        await("the cluster is healthy with the old master as replica", Duration.ofSeconds(30),
                () -> rediha("ps").exitCode() == 0);
        CliRun ps = rediha("ps", "--json");
        assertTrue(ps.out().contains("\"name\":\"lrt_slave_1\",\"service\":\"slave\",\"number\":1,\"role\":\"master\""),
                "ps shows the live role: " + ps.out());
    }

    @Test
    @Order(6)
    void aStoppedSentinelIsRestartedByHealWithItsConfig() throws InterruptedException {
        Node sentinel = node("lrt_sentinel_2");

        runtime.inject(sentinel, Fault.STOP);
        assertEquals("exited", node("lrt_sentinel_2").state());
        runtime.heal(sentinel, Fault.STOP);

        assertEquals("running", node("lrt_sentinel_2").state());
        assertEquals(sentinel.port(), node("lrt_sentinel_2").port(), "it keeps its port");
        await("ps says healthy", Duration.ofSeconds(20), () -> rediha("ps").exitCode() == 0);
    }

    @Test
    @Order(7)
    void upRecreatesWhatDriftedFromTheFileAndNothingElse() throws IOException {
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, Files.readString(file).replace("SENTINEL_DOWN_AFTER: \"1500\"", "SENTINEL_DOWN_AFTER: \"1600\""));

        CliRun up = rediha("up", "--timeout", "40");

        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(3, up.err().lines().filter(l -> l.matches("Recreating lrt_sentinel_\\d \\.\\.\\. done")).count(), up.err());
        assertTrue(up.err().contains("lrt_master_1 is up to date"), up.err());
        assertTrue(up.err().contains("lrt_slave_1 is up to date"), up.err());
    }

    @Test
    @Order(8)
    void logsFollowPassesNewLinesUntilInterrupted() throws Exception {
        Node sentinel = node("lrt_sentinel_1");
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread follower = new Thread(() -> {
            try {
                runtime.logs(sentinel, 0, true, lines::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.start();
        Thread.sleep(300);

        try (Jedis j = new Jedis(new HostAndPort(sentinel.host(), sentinel.port()), DefaultJedisClientConfig.builder().build())) {
            j.sentinelReset("mymaster");
        }
        await("the sentinel's reset shows in the followed log", Duration.ofSeconds(10),
                () -> lines.stream().anyMatch(l -> l.contains("+reset-master")));
        follower.interrupt();
        follower.join(5000);

        assertFalse(follower.isAlive(), "an interrupt ends the follow");
    }

    @Test
    @Order(9)
    void logsShowEachNodesLinesWithItsName() {
        CliRun logs = rediha("logs", "--tail", "3", "sentinel");

        assertEquals(0, logs.exitCode(), logs.toString());
        assertEquals(9, logs.out().lines().count(), logs.out());
        assertTrue(logs.out().lines().allMatch(l -> l.startsWith("lrt_sentinel_")), logs.out());
    }

    @Test
    @Order(10)
    void downStopsEveryProcessAndKeepsOnlyTheData() {
        List<Long> pids = runtime.nodes().stream().map(n -> pidOf(n.name())).toList();

        CliRun down = rediha("down");

        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(runtime.nodes().isEmpty(), "no node is on record");
        assertTrue(pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && LocalProcesses.procState(pid) != 'Z'), "every process is gone");
        assertTrue(Files.isDirectory(runtime.stateDir().resolve("lrt_master_1").resolve("data")), "data stays without -v");
    }

    private long pidOf(String name) {
        return LocalNodeState.load(runtime.stateDir().resolve(name)).orElseThrow().pid();
    }
}
