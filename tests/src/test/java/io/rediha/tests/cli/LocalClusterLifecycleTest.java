package io.rediha.tests.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The lifecycle as local processes on loopback, running our node jar as the product does. */
class LocalClusterLifecycleTest extends ClusterLifecycleScenario {
    private final List<Long> pids = new ArrayList<>();

    @Override
    String runtime() {
        return "local";
    }

    @Override
    String prepareRuntime() {
        Path root = Path.of(System.getProperty("rediha.root", "..")).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(root.resolve("node-image/target/node.jar")),
                "node-image/target/node.jar is built by the package phase (mvn verify)");
        // What the ./rediha launcher exports; the CLI finds the node jar through it.
        System.setProperty("REDIHA_HOME", root.toString());
        return "rediha/node:latest";
    }

    @Test
    @Order(45)
    void rememberTheProjectsProcessesBeforeDown() throws IOException {
        try (Stream<Path> nodes = Files.list(dir.resolve(".rediha").resolve(project))) {
            for (Path node : nodes.toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(node.resolve("node.properties"))) {
                    p.load(r);
                }
                pids.add(Long.parseLong(p.getProperty("pid")));
            }
        }
        assertTrue(pids.size() == 7, "1 + 1 data nodes and 5 sentinels: " + pids);
    }

    @Override
    void assertNothingOfTheProjectLeft() {
        assertFalse(Files.exists(dir.resolve(".rediha").resolve(project)), "no state directory left");
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid),
                    "process " + pid + " is gone");
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    void cleanUpAfterAll() {
        System.clearProperty("REDIHA_HOME");
    }
}
