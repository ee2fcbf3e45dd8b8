package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * With two of three sentinels gone, the one left sees the master down but can never reach the quorum:
 * the drill must say there was no failover and why, exit non-zero, and resume the master it froze.
 */
class DrillWithoutQuorumTest {
    @TempDir
    Path dir;
    ReferenceCluster cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(60)
    void noFailoverIsReportedAndTheMasterIsHealed() throws Exception {
        assertTrue(ReferenceCluster.available(), "Debian redis-server and redis-sentinel must be installed");
        cluster = ReferenceCluster.start(dir, 2, 3, 1000);
        int master = cluster.currentMasterPort();
        int survivor = cluster.sentinelPorts().get(0);
        cluster.stopSentinel(1);
        cluster.stopSentinel(2);
        Path json = dir.resolve("noquorum.json");

        DrillCli.Run run = DrillCli.run("test-failover", "--sentinels", "127.0.0.1:" + survivor,
                "--fault-cmd", "kill -STOP $REDIHA_MASTER_PID",
                "--heal-cmd", "kill -CONT $REDIHA_MASTER_PID; touch '" + dir.resolve("healed") + "'",
                "--timeout", "8s", "--json", json.toString());

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("no failover within 8000 ms"), run.out());
        assertTrue(run.out().contains("none reached the quorum (+odown)"), "the likely reason is given: " + run.out());
        assertTrue(Files.exists(dir.resolve("healed")), "the heal command ran");
        assertFalse(DrillRefusesBrokenClustersTest.isStopped(cluster.pidOf(master)), "the master is not left frozen");
        try (Jedis j = new Jedis("127.0.0.1", master)) {
            assertEquals("master", Info.parse(j.info("replication")).get("role"), "the old master is still the master");
        }
        JSONObject doc = new JSONObject(Files.readString(json));
        JSONObject round = doc.getJSONArray("rounds").getJSONObject(0);
        assertFalse(doc.getBoolean("passed"));
        assertFalse(round.getBoolean("recovered"));
        assertTrue(round.isNull("newMaster"), "no new master: " + round);
        assertTrue(round.getJSONObject("milestonesMs").has("healed"), "healing is on the timeline");
        assertTrue(round.getJSONObject("milestonesMs").has("firstSdown"), "the survivor saw the master down");
    }
}
