package io.rediha.tests.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;

/** What every passing drill document must say, whatever the runtime and the fault. */
final class DrillAssertions {
    private DrillAssertions() {
    }

    /** Checks the document of a passed drill and returns its last round. */
    static JSONObject assertRecoveredAndConsistent(JSONObject doc, String mode) {
        assertTrue(doc.getBoolean("passed"), "passed: " + doc.opt("failure"));
        assertEquals(0, doc.getInt("exitCode"));
        assertEquals(mode, doc.getString("mode"));
        JSONArray rounds = doc.getJSONArray("rounds");
        assertEquals(doc.getInt("roundsAsked"), rounds.length(), "every round ran");
        assertEquals(rounds.length(), doc.getJSONObject("summary").getInt("roundsPassed"));
        long lost = 0;
        JSONObject round = null;
        for (int i = 0; i < rounds.length(); i++) {
            round = rounds.getJSONObject(i);
            String where = "round " + (i + 1) + ": ";
            assertTrue(round.getBoolean("recovered"), where + "recovered");
            assertNotEquals(round.getString("oldMaster"), round.getString("newMaster"), where + "a new master");
            JSONObject w = round.getJSONObject("writes");
            assertEquals(w.getLong("attempted"), w.getLong("acknowledged") + w.getLong("unconfirmed") + w.getLong("failed"),
                    where + "every write has one outcome");
            assertTrue(w.getLong("acknowledged") > 0, where + "writes were acknowledged");
            assertEquals(0, w.getLong("wrongValues"), where + "no value that was never written");
            assertEquals(0, w.getLong("unknownKeys"), where + "no key nobody wrote");
            lost += w.getLong("acknowledgedLost");
            JSONObject ms = round.getJSONObject("milestonesMs");
            for (String m : new String[] {"faultInjected", "newMasterNamed", "sentinelsAgree", "firstWriteAfterFault",
                    "replicasRepointed", "healed", "oldMasterRejoined", "converged"}) {
                assertTrue(ms.has(m), where + "milestone " + m + " in " + ms);
            }
            assertEquals(round.getDouble("timeToNewMasterMs"), ms.getDouble("newMasterNamed"), where);
            assertTrue(ms.getDouble("healed") <= ms.getDouble("oldMasterRejoined"), where + "heal before rejoin");
            JSONArray nodes = round.getJSONArray("nodes");
            Set<String> digests = new HashSet<>();
            int masters = 0;
            for (int n = 0; n < nodes.length(); n++) {
                JSONObject node = nodes.getJSONObject(n);
                digests.add(node.getString("digest"));
                masters += "master".equals(node.getString("role")) ? 1 : 0;
                if (node.getString("address").equals(round.getString("oldMaster"))) {
                    assertEquals("slave", node.getString("role"), where + "the old master is a replica afterwards");
                }
            }
            assertEquals(1, digests.size(), where + "every node holds the same keys: " + nodes);
            assertEquals(1, masters, where + "exactly one master: " + nodes);
        }
        assertEquals(lost, doc.getJSONObject("summary").getLong("acknowledgedLost"), "the summary adds up");
        return round;
    }
}
