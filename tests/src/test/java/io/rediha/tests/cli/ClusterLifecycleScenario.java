package io.rediha.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rediha.cli.generate.ClusterSpec;
import io.rediha.cli.generate.ComposeGenerator;
import io.rediha.cli.generate.EnvFile;
import io.rediha.cli.generate.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
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
 * The CLI's whole lifecycle on one runtime, as a user runs it, on the file {@code rediha generate}
 * writes and our own node: up to healthy, ps, scale up, a failover, scale down that keeps the
 * master, down. Subclasses pick the runtime and check that down left nothing behind. Steps share
 * one cluster and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterLifecycleScenario {
    protected Path dir;
    protected String project;
    protected Rediha rediha;

    /** "docker" or "local". */
    abstract String runtime();

    /** Makes the runtime ready (image, node command) and returns the image the compose file names. */
    abstract String prepareRuntime() throws Exception;

    /** Asserts that nothing of the project is left after down -v, and nothing of others was touched. */
    abstract void assertNothingOfTheProjectLeft() throws Exception;

    /** Cleanup when a step failed half-way. */
    void cleanUpAfterAll() throws Exception {
    }

    @BeforeAll
    void writeProject() throws Exception {
        String image = prepareRuntime();
        dir = Files.createTempDirectory("rediha-e2e-");
        project = "e2e" + runtime() + ProcessHandle.current().pid();
        Files.writeString(dir.resolve("docker-compose.yml"), composeFile(image));
        EnvFile.ensurePassword(dir.resolve(".env"));
        rediha = new Rediha("-f", dir.resolve("docker-compose.yml").toString(), "-p", project, "--runtime", runtime());
    }

    @AfterAll
    void downAndDelete() throws Exception {
        if (rediha != null) {
            rediha.run("down", "-v");
        }
        cleanUpAfterAll();
        if (dir != null) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(10)
    void upBringsANewClusterToHealth() {
        long start = System.nanoTime();
        Rediha.Run up = rediha.run("up", "--timeout", "60");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(0, up.exitCode(), up.toString());
        assertTrue(up.out().contains(project + " is healthy in "), up.out());
        assertTrue(up.out().contains("Sentinels for your client (master name \"mymaster\"): "), up.out());
        System.out.printf(Locale.ROOT, "[measure] %s runtime: up from nothing to healthy took %.1fs%n", runtime(), seconds);
    }

    @Test
    @Order(15)
    void aSecondUpChangesNothingThatIsAlreadyRight() {
        Rediha.Run up = rediha.run("up");

        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(6, up.err().lines().filter(l -> l.endsWith(" is up to date")).count(), up.err());
        assertTrue(!up.err().contains("Creating") && !up.err().contains("Recreating") && !up.err().contains("RESET"),
                up.err());
    }

    @Test
    @Order(20)
    void psShowsOneMasterTwoReplicasThreeSentinels() {
        JsonNode ps = rediha.ps();

        assertTrue(ps.get("healthy").asBoolean(), ps.toString());
        assertEquals(List.of(1, 2, 3), roleCounts(ps), "masters, replicas, sentinels: " + ps);
        assertEquals("master_1", nodeWithRole(ps, "master").get("name").asText().replace(project + "_", ""));
    }

    @Test
    @Order(30)
    void scaleAddsReplicasThatSyncAndSentinelsThatAreDiscovered() {
        Rediha.Run scale = rediha.run("scale", "slave=3", "sentinel=5");

        assertEquals(0, scale.exitCode(), scale.toString());
        JsonNode ps = rediha.ps();
        assertTrue(ps.get("healthy").asBoolean(), ps.toString());
        assertEquals(List.of(1, 3, 5), roleCounts(ps), ps.toString());
        for (JsonNode n : ps.get("nodes")) {
            if ("sentinel".equals(n.get("role").asText())) {
                assertEquals(3, n.get("sentinel").get("replicas").asInt(), n.toString());
                assertEquals(4, n.get("sentinel").get("otherSentinels").asInt(), n.toString());
            }
        }
    }

    @Test
    @Order(40)
    void scalingDownAfterAFailoverKeepsTheMasterWhateverItsService() throws InterruptedException {
        JsonNode sentinel = nodeWithRole(rediha.ps(), "sentinel");
        try (Jedis j = new Jedis(new HostAndPort(sentinel.get("host").asText(), sentinel.get("port").asInt()),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).build())) {
            j.sentinelFailover("mymaster");
        }
        JsonNode afterFailover = awaitPs("a replica is promoted and the cluster is healthy", Duration.ofSeconds(45),
                ps -> ps.get("healthy").asBoolean() && "slave".equals(nodeWithRole(ps, "master").get("service").asText()));
        String master = nodeWithRole(afterFailover, "master").get("name").asText();

        Rediha.Run scale = rediha.run("scale", "slave=1");

        assertEquals(0, scale.exitCode(), scale.toString());
        assertTrue(scale.err().contains(master + " is the current master and stays"), scale.err());
        JsonNode ps = rediha.ps();
        assertTrue(ps.get("healthy").asBoolean(), ps.toString());
        assertEquals(master, nodeWithRole(ps, "master").get("name").asText(), "the master survived the scale-down");
        assertEquals(List.of(1, 1, 5), roleCounts(ps), "the old master is now the one replica: " + ps);
    }

    @Test
    @Order(50)
    void downLeavesNothingOfTheProjectBehind() throws Exception {
        Rediha.Run down = rediha.run("down", "-v");

        assertEquals(0, down.exitCode(), down.toString());
        Rediha.Run ps = rediha.run("ps");
        assertEquals(1, ps.exitCode(), ps.toString());
        assertTrue(ps.out().contains("No nodes of project " + project), ps.out());
        assertNothingOfTheProjectLeft();
    }

    // ---- helpers ----

    /** The file {@code rediha generate} writes for the compose target, with this test's image. */
    static String composeFile(String image) {
        ClusterSpec spec = ClusterSpec.defaults(Target.COMPOSE);
        return ComposeGenerator.render(new ClusterSpec(spec.target(), spec.network(), spec.replicas(), spec.sentinels(),
                spec.quorum(), spec.masterName(), spec.downAfterMillis(), spec.failoverTimeoutMillis(),
                spec.parallelSyncs(), spec.masterPort(), spec.replicaPort(), spec.sentinelPort(), image,
                spec.announceIp()), null, "docker-compose.yml");
    }

    static List<Integer> roleCounts(JsonNode ps) {
        List<Integer> counts = new ArrayList<>();
        for (String role : List.of("master", "slave", "sentinel")) {
            int c = 0;
            for (JsonNode n : ps.get("nodes")) {
                c += role.equals(n.get("role").asText()) ? 1 : 0;
            }
            counts.add(c);
        }
        return counts;
    }

    static JsonNode nodeWithRole(JsonNode ps, String role) {
        for (JsonNode n : ps.get("nodes")) {
            if (role.equals(n.get("role").asText())) {
                return n;
            }
        }
        throw new AssertionError("no node with role " + role + ": " + ps);
    }

    JsonNode awaitPs(String what, Duration timeout, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = rediha.ps();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting until " + what + "; last ps: " + last);
    }
}
