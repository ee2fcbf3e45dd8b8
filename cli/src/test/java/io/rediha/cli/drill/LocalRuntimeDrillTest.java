package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rediha test-failover} on the local runtime: the drill finds the cluster through the compose
 * file and breaks the master through the runtime (SIGSTOP, SIGTERM, SIGKILL). Debian's redis-server and
 * redis-sentinel stand in for the node jar here (REDIHA_NODE_CMD), so this tests the drill's runtime
 * path; the same drill on our own node runs in the end-to-end suite. The compose file sets a password,
 * so the drill must read it from there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeDrillTest {
    private static final String PROJECT = "drilllocal";
    private Path dir;
    private String file;

    @BeforeAll
    void upCluster() throws IOException {
        assertTrue(ReferenceCluster.available(), "Debian redis-server and redis-sentinel must be installed");
        dir = Files.createTempDirectory("rediha-drill-local-");
        Path nodeCmd = dir.resolve("redis-node");
        Files.writeString(nodeCmd, """
                #!/bin/sh
                role="$1"; shift
                case "$role" in
                  server) exec /usr/bin/redis-server "$@" --repl-diskless-sync-delay 0 ;;
                  sentinel) exec /usr/bin/redis-sentinel "$@" ;;
                  *) echo "unknown role $role" >&2; exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(nodeCmd, PosixFilePermissions.fromString("rwx------"));
        System.setProperty("REDIHA_NODE_CMD", nodeCmd.toString());
        Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  master:
                    image: rediha/node:local
                    command: ["master"]
                    environment:
                      REDIS_PORT: "6379"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                  slave:
                    image: rediha/node:local
                    command: ["slave"]
                    deploy:
                      replicas: 2
                    environment:
                      REDIS_PORT: "6379"
                      REDIS_MASTER_HOST: master
                      REDIS_MASTER_PORT: "6379"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                  sentinel:
                    image: rediha/node:local
                    command: ["sentinel"]
                    deploy:
                      replicas: 3
                    environment:
                      SENTINEL_PORT: "26379"
                      REDIS_MASTER_HOST: master
                      REDIS_MASTER_PORT: "6379"
                      MASTER_NAME: mymaster
                      SENTINEL_QUORUM: "2"
                      SENTINEL_DOWN_AFTER: "1000"
                      SENTINEL_FAILOVER: "6000"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                """);
        Files.writeString(dir.resolve(".env"), "REDIHA_PASSWORD=drill-secret\n");
        file = dir.resolve("docker-compose.yml").toString();
        DrillCli.Run up = rediha("up", "--timeout", "40");
        assertEquals(0, up.exitCode(), "up: " + up.out() + up.err());
    }

    @AfterAll
    void downCluster() throws IOException {
        if (dir == null) {
            return;
        }
        rediha("down", "-v");
        System.clearProperty("REDIHA_NODE_CMD");
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private DrillCli.Run rediha(String... args) {
        List<String> all = new ArrayList<>(List.of("-f", file, "-p", PROJECT, "--runtime", "local"));
        all.addAll(List.of(args));
        return DrillCli.run(all.toArray(String[]::new));
    }

    private JSONObject drill(String mode) throws IOException {
        Path json = dir.resolve(mode + ".json");
        DrillCli.Run run = rediha("test-failover", "--mode", mode, "--timeout", "20s", "--json", json.toString(), "-q");
        assertEquals(0, run.exitCode(), mode + " drill:\n" + run.out() + run.err());
        return new JSONObject(Files.readString(json));
    }

    @Test
    @Order(1)
    @Timeout(60)
    void pausedMasterIsReplacedAndRejoinsAsReplica() throws IOException {
        JSONObject round = drill("pause").getJSONArray("rounds").getJSONObject(0);

        assertNotEquals(round.getString("oldMaster"), round.getString("newMaster"));
        assertTrue(round.getString("fault").startsWith("pause of drilllocal_"), round.getString("fault"));
        assertTrue(round.getJSONObject("milestonesMs").has("oldMasterRejoined"));
        assertEquals(0, round.getJSONObject("writes").getLong("wrongValues"));
    }

    @Test
    @Order(2)
    @Timeout(60)
    void killedMasterIsReplacedAndRestartsAsReplica() throws IOException {
        JSONObject round = drill("kill").getJSONArray("rounds").getJSONObject(0);

        assertNotEquals(round.getString("oldMaster"), round.getString("newMaster"));
        assertTrue(round.getString("fault").startsWith("kill of drilllocal_"), round.getString("fault"));
        assertTrue(round.getJSONObject("milestonesMs").has("converged"));
    }

    @Test
    @Order(3)
    @Timeout(60)
    void stoppedMasterIsReplacedAndRestartsAsReplica() throws IOException {
        JSONObject round = drill("stop").getJSONArray("rounds").getJSONObject(0);

        assertNotEquals(round.getString("oldMaster"), round.getString("newMaster"));
        assertTrue(round.getJSONObject("milestonesMs").has("converged"));
    }

    @Test
    @Order(4)
    @Timeout(30)
    void disconnectIsRefusedClearlyOnTheLocalRuntime() {
        DrillCli.Run run = rediha("test-failover", "--mode", "disconnect", "--timeout", "10s");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("fault injection failed"), run.out());
        assertTrue(run.out().toLowerCase().contains("disconnect"), run.out());
        assertTrue(run.out().contains("choose another --mode"), run.out());
    }
}
