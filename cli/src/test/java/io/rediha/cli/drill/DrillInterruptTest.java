package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Ctrl-C in the middle of a drill: the master is frozen, the user gives up. The CLI runs in its own JVM
 * (as a user runs it) and gets SIGINT right after the fault is in place; it must resume the master
 * before it exits.
 */
class DrillInterruptTest {
    @TempDir
    Path dir;
    ReferenceCluster cluster;
    Process cli;

    @AfterEach
    void cleanUp() {
        if (cli != null && cli.isAlive()) {
            cli.destroyForcibly();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(60)
    void interruptedDrillHealsTheMasterBeforeExiting() throws Exception {
        assertTrue(ReferenceCluster.available(), "Debian redis-server and redis-sentinel must be installed");
        cluster = ReferenceCluster.start(dir, 2, 3, 1000);
        int master = cluster.currentMasterPort();
        Path injected = dir.resolve("injected");
        Path healed = dir.resolve("healed");
        Path err = dir.resolve("cli.err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "test-failover", "--sentinels", cluster.sentinelList(),
                "--fault-cmd", "kill -STOP $REDIHA_MASTER_PID; touch '" + injected + "'",
                "--heal-cmd", "kill -CONT $REDIHA_MASTER_PID; touch '" + healed + "'",
                "--timeout", "30s")
                .redirectOutput(dir.resolve("cli.out").toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(injected) && System.nanoTime() < deadline && cli.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(injected), "the drill froze the master; stderr: " + Files.readString(err));

        ReferenceCluster.signal("INT", cli.pid());
        boolean exited = cli.waitFor(20, TimeUnit.SECONDS);

        assertTrue(exited, "the CLI exits after Ctrl-C");
        assertTrue(Files.exists(healed), "the heal command ran; stderr: " + Files.readString(err));
        assertTrue(Files.readString(err).contains("drill interrupted; healing pause of 127.0.0.1:" + master),
                Files.readString(err));
        assertFalse(DrillRefusesBrokenClustersTest.isStopped(cluster.pidOf(master)), "the master is not left frozen");
        try (Jedis j = new Jedis("127.0.0.1", master)) {
            j.ping();
        }
    }
}
