package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill against the real thing: Debian's redis-server and redis-sentinel (1 master, 2 replicas,
 * 3 sentinels, down-after 1000 ms) as local processes, driven through --sentinels with the master
 * frozen by SIGSTOP and resumed by SIGCONT. One cluster serves the class; each drill starts from
 * whatever master the previous one left, as a drill on a real deployment would.
 */
class SentinelDrillTest {
    static final String FAULT = "kill -STOP $REDIHA_MASTER_PID";
    static final String HEAL = "kill -CONT $REDIHA_MASTER_PID";

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

    @Test
    @Timeout(60)
    void pausedMasterIsReplacedAndTheJsonReportAddsUp() throws Exception {
        int oldMasterPort = cluster.currentMasterPort();
        Path json = dir.resolve("drill.json");
        Path html = dir.resolve("drill.html");

        DrillCli.Run run = DrillCli.run("test-failover", "--sentinels", cluster.sentinelList(),
                "--fault-cmd", FAULT, "--heal-cmd", HEAL, "--timeout", "20s",
                "--json", json.toString(), "--report", html.toString());

        assertEquals(0, run.exitCode(), "exit code; out:\n" + run.out() + "\nerr:\n" + run.err());
        assertTrue(run.out().contains("Result: PASS"), run.out());
        JSONObject doc = new JSONObject(Files.readString(json));
        assertTrue(doc.getBoolean("passed"));
        assertEquals(0, doc.getInt("exitCode"));
        assertEquals("pause", doc.getString("mode"));
        JSONObject round = doc.getJSONArray("rounds").getJSONObject(0);
        String oldMaster = round.getString("oldMaster");
        String newMaster = round.getString("newMaster");
        assertEquals("127.0.0.1:" + oldMasterPort, oldMaster, "the drill faulted the master the sentinels named");
        assertNotEquals(oldMaster, newMaster, "a new master");
        JSONObject writes = round.getJSONObject("writes");
        assertEquals(writes.getLong("attempted"),
                writes.getLong("acknowledged") + writes.getLong("unconfirmed") + writes.getLong("failed"),
                "every attempted write has exactly one outcome");
        assertTrue(writes.getLong("acknowledged") > 0, "writes were acknowledged");
        assertEquals(0, writes.getLong("wrongValues"), "no key holds a value that was never written");
        assertEquals(0, writes.getLong("unknownKeys"), "no key nobody wrote");
        JSONObject ms = round.getJSONObject("milestonesMs");
        for (String m : new String[] {"faultInjected", "firstSdown", "odown", "electedLeader", "promotedSlave",
                "newMasterNamed", "switchMaster", "sentinelsAgree", "firstWriteAfterFault", "replicasRepointed",
                "healed", "oldMasterRejoined", "converged"}) {
            assertTrue(ms.has(m), "milestone " + m + " in " + ms);
        }
        assertEquals(0.0, ms.getDouble("faultInjected"));
        assertTrue(ms.getDouble("firstSdown") >= 900, "sdown needs down-after (1000 ms): " + ms);
        assertTrue(ms.getDouble("firstSdown") <= ms.getDouble("odown"), "sdown before odown");
        assertTrue(ms.getDouble("odown") <= ms.getDouble("promotedSlave"), "odown before promotion");
        assertTrue(ms.getDouble("newMasterNamed") <= ms.getDouble("sentinelsAgree"), "first before all");
        assertTrue(ms.getDouble("healed") <= ms.getDouble("oldMasterRejoined"), "heal before rejoin");
        assertEquals(round.getDouble("timeToNewMasterMs"), ms.getDouble("newMasterNamed"));
        assertTrue(round.getDouble("writeGapMs") >= ms.getDouble("firstWriteAfterFault"),
                "the gap starts at the last write before the fault, so it is at least the time to the first write after");
        JSONObject summary = doc.getJSONObject("summary");
        assertEquals(1, summary.getInt("roundsPassed"));
        assertEquals(round.getDouble("timeToNewMasterMs"), summary.getJSONObject("timeToNewMasterMs").getDouble("median"));
        assertEquals(writes.getLong("acknowledgedLost"), summary.getLong("acknowledgedLost"));
        JSONArray nodes = round.getJSONArray("nodes");
        assertEquals(3, nodes.length(), "every data node reported");
        Set<String> digests = new HashSet<>();
        for (int i = 0; i < nodes.length(); i++) {
            digests.add(nodes.getJSONObject(i).getString("digest"));
        }
        assertEquals(1, digests.size(), "every node holds the same keys: " + nodes);
        Map<String, String> old = ReferenceCluster.replicationInfo(oldMasterPort);
        assertEquals("slave", old.get("role"), "the old master is a replica afterwards");
        assertEquals(newMaster, old.get("master_host") + ":" + old.get("master_port"), "of the new master");
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("</html>"), "an HTML page with an SVG timeline");
        assertFalse(page.contains("http://") && page.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing fetched from the network");
    }

    @Test
    @Timeout(60)
    void waitForOneReplicaLosesNoAcknowledgedWriteOverTwoRounds() throws Exception {
        Path json = dir.resolve("wait.json");

        DrillCli.Run run = DrillCli.run("test-failover", "--sentinels", cluster.sentinelList(),
                "--fault-cmd", FAULT, "--heal-cmd", HEAL, "--timeout", "20s", "--rounds", "2",
                "--wait-replicas", "1", "--json", json.toString(), "--quiet");

        assertEquals(0, run.exitCode(), "exit code; out:\n" + run.out() + "\nerr:\n" + run.err());
        JSONObject doc = new JSONObject(Files.readString(json));
        JSONArray rounds = doc.getJSONArray("rounds");
        assertEquals(2, rounds.length());
        for (int i = 0; i < 2; i++) {
            JSONObject round = rounds.getJSONObject(i);
            JSONObject w = round.getJSONObject("writes");
            assertTrue(round.getDouble("writeGapMs") >= round.getJSONObject("milestonesMs").getDouble("firstWriteAfterFault"),
                    "round " + (i + 1) + ": nothing was acknowledged after the fault before the first write on the new"
                            + " master (a WAIT that failed is not an acknowledgement): " + round);
            assertEquals(0, w.getLong("acknowledgedByOldMasterAfterFault"), "the frozen master acknowledged nothing");
            assertEquals(0, w.getLong("acknowledgedLost"), "round " + (i + 1) + ": no write confirmed by WAIT 1 is lost");
            assertTrue(w.getLong("acknowledged") > 0, "round " + (i + 1) + " had confirmed writes");
        }
        assertEquals(0, doc.getJSONObject("summary").getLong("acknowledgedLost"));
        assertNotEquals(rounds.getJSONObject(0).getString("oldMaster"), rounds.getJSONObject(1).getString("oldMaster"),
                "round 2 drilled the master round 1 promoted");
    }
}
