package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Bad input and bad states: the drill says what is wrong in one line, exits non-zero, and never leaves
 * anything broken. Against Debian's redis-server and redis-sentinel; the fault commands leave marker
 * files so the tests can tell whether the drill broke (and healed) anything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrillRefusesBrokenClustersTest {
    @TempDir
    static Path dir;
    static ReferenceCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        assertTrue(ReferenceCluster.available(), "Debian redis-server and redis-sentinel must be installed");
        cluster = ReferenceCluster.start(dir, 2, 3, 1000);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String marking(String name, String command) {
        return command + "; touch '" + dir.resolve(name) + "'";
    }

    private static DrillCli.Run drill(String sentinels, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("test-failover", "--sentinels", sentinels,
                "--fault-cmd", marking("injected", "kill -STOP $REDIHA_MASTER_PID"),
                "--heal-cmd", marking("healed", "kill -CONT $REDIHA_MASTER_PID"), "--timeout", "15s"));
        args.addAll(List.of(more));
        return DrillCli.run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    @Timeout(30)
    void noClusterIsReportedWhenNoSentinelAnswers() throws IOException {
        int nobody = ReferenceCluster.freePort();

        DrillCli.Run run = drill("127.0.0.1:" + nobody);

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("no cluster: none of the sentinels (127.0.0.1:" + nobody + ") answers"), run.out());
        assertTrue(run.out().contains("sentinel 127.0.0.1:" + nobody + " does not answer: connection refused"), run.out());
        assertFalse(Files.exists(dir.resolve("injected")), "nothing was broken");
    }

    @Test
    @Order(2)
    @Timeout(30)
    void unknownMasterNameIsReportedWithTheNamesTheSentinelsKnow() {
        DrillCli.Run run = drill(cluster.sentinelList(), "--master-name", "elsewhere");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("does not monitor a master named 'elsewhere' (it monitors: mymaster)"), run.out());
        assertFalse(Files.exists(dir.resolve("injected")), "nothing was broken");
    }

    @Test
    @Order(3)
    @Timeout(40)
    void pausedReplicaStopsTheDrillBeforeAnyFault() {
        int master = cluster.currentMasterPort();
        int replica = cluster.dataPorts().stream().filter(p -> p != master).findFirst().orElseThrow();
        long pid = cluster.pidOf(replica);
        ReferenceCluster.signal("STOP", pid);
        DrillCli.Run run;
        try {
            run = drill(cluster.sentinelList());
        } finally {
            ReferenceCluster.signal("CONT", pid);
        }

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("replica 127.0.0.1:" + replica), run.out());
        assertTrue(run.out().contains("does not answer") || run.out().contains("s_down"), run.out());
        assertTrue(run.out().contains("Result: FAIL"), run.out());
        assertFalse(Files.exists(dir.resolve("injected")), "nothing was broken");
    }

    @Test
    @Order(4)
    @Timeout(40)
    void sentinelsThatDisagreeStopTheDrill() throws Exception {
        Path lone = Files.createDirectories(dir.resolve("lone"));
        int otherPort = ReferenceCluster.freePort();
        int loneSentinel = ReferenceCluster.freePort();
        Process server = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(otherPort),
                "--bind", "127.0.0.1", "--save", "", "--dir", lone.toString())
                .redirectErrorStream(true).redirectOutput(lone.resolve("server.log").toFile()).start();
        Path conf = lone.resolve("sentinel.conf");
        Files.writeString(conf, "port " + loneSentinel + "\nbind 127.0.0.1\ndir " + lone + "\n"
                + "sentinel monitor mymaster 127.0.0.1 " + otherPort + " 1\n");
        Process sentinel = new ProcessBuilder("/usr/bin/redis-sentinel", conf.toString())
                .redirectErrorStream(true).redirectOutput(lone.resolve("sentinel.log").toFile()).start();
        DrillCli.Run run;
        try {
            awaitPing(loneSentinel);
            run = drill(cluster.sentinelList() + ",127.0.0.1:" + loneSentinel);
        } finally {
            sentinel.destroy();
            server.destroy();
            sentinel.waitFor();
            server.waitFor();
        }

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("sentinels disagree on the master of 'mymaster'"), run.out());
        assertTrue(run.out().contains("127.0.0.1:" + otherPort + " (by 127.0.0.1:" + loneSentinel + ")"), run.out());
        assertFalse(Files.exists(dir.resolve("injected")), "nothing was broken");
    }

    @Test
    @Order(5)
    @Timeout(40)
    void failingFaultCommandIsReportedAndWhatItBrokeIsHealed() throws Exception {
        int master = cluster.currentMasterPort();

        DrillCli.Run run = DrillCli.run("test-failover", "--sentinels", cluster.sentinelList(),
                "--fault-cmd", "kill -STOP $REDIHA_MASTER_PID; echo broke it half-way; exit 3",
                "--heal-cmd", marking("healed", "kill -CONT $REDIHA_MASTER_PID"), "--timeout", "15s");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("fault injection failed: the fault command failed (exit 3)"), run.out());
        assertTrue(run.out().contains("broke it half-way"), "the command's output is shown: " + run.out());
        assertTrue(Files.exists(dir.resolve("healed")), "the heal command ran");
        assertFalse(isStopped(cluster.pidOf(master)), "the master is not left frozen");
        try (Jedis j = new Jedis("127.0.0.1", master)) {
            assertEquals("PONG", j.ping(), "the master answers again");
        }
    }

    @Test
    @Order(6)
    @Timeout(20)
    void sentinelsWithoutFaultAndHealCommandsIsAUsageError() {
        DrillCli.Run run = DrillCli.run("test-failover", "--sentinels", cluster.sentinelList());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--sentinels needs both --fault-cmd and --heal-cmd"), run.err());
    }

    @Test
    @Order(7)
    @Timeout(20)
    void badModeAndDurationAreUsageErrors() {
        DrillCli.Run mode = drill(cluster.sentinelList(), "--mode", "freeze");
        DrillCli.Run timeout = DrillCli.run("test-failover", "--sentinels", cluster.sentinelList(),
                "--fault-cmd", "true", "--heal-cmd", "true", "--timeout", "soon");

        assertEquals(2, mode.exitCode());
        assertTrue(mode.err().contains("--mode must be pause, stop, kill or disconnect, got 'freeze'"), mode.err());
        assertEquals(2, timeout.exitCode());
        assertTrue(timeout.err().contains("--timeout: \"soon\" is not a duration"), timeout.err());
    }

    /** True when the process is in the stopped state (T) according to /proc. */
    static boolean isStopped(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
    }

    private static void awaitPing(int port) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.ping();
                return;
            } catch (RuntimeException e) {
                ReferenceCluster.sleep(50);
            }
        }
        throw new IllegalStateException("nothing answers on " + port);
    }
}
