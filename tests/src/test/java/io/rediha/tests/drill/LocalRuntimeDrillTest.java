package io.rediha.tests.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The drill on our node, run by the local runtime from a generated compose file (password included):
 * pause (SIGSTOP), kill (SIGKILL) and stop (SIGTERM) of the master, and five rounds with WAIT 1 after
 * every write that must lose no confirmed write. One cluster serves the ordered steps; each drill starts
 * from the master the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeDrillTest {
    private DrillProject project;

    @BeforeAll
    void up() throws IOException {
        project = DrillProject.generate("local", "rediha/node:latest");
        DrillProject.Run up = project.up();
        assertEquals(0, up.exitCode(), "rediha up: " + up);
    }

    @AfterAll
    void down() throws IOException {
        if (project != null) {
            project.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(90)
    void pausedMasterIsReplacedWithoutLosingTheService() throws IOException {
        JSONObject doc = project.drill("--mode", "pause", "--timeout", "30s");

        JSONObject round = DrillAssertions.assertRecoveredAndConsistent(doc, "pause");
        assertTrue(round.getString("fault").startsWith("pause of "), round.getString("fault"));
    }

    @Test
    @Order(2)
    @Timeout(90)
    void killedMasterIsReplacedAndRestartsAsReplica() throws IOException {
        DrillAssertions.assertRecoveredAndConsistent(project.drill("--mode", "kill", "--timeout", "30s"), "kill");
    }

    @Test
    @Order(3)
    @Timeout(90)
    void stoppedMasterIsReplacedAndRestartsAsReplica() throws IOException {
        DrillAssertions.assertRecoveredAndConsistent(project.drill("--mode", "stop", "--timeout", "30s"), "stop");
    }

    @Test
    @Order(4)
    @Timeout(240)
    void waitForOneReplicaLosesNoAcknowledgedWriteOverFiveRounds() throws IOException {
        JSONObject doc = project.drill("--mode", "pause", "--rounds", "5", "--wait-replicas", "1", "--timeout", "30s");

        DrillAssertions.assertRecoveredAndConsistent(doc, "pause");
        assertEquals(0, doc.getJSONObject("summary").getLong("acknowledgedLost"),
                "no write confirmed by WAIT 1 is lost over five failovers");
        assertEquals(5, doc.getJSONObject("summary").getJSONObject("timeToNewMasterMs").getInt("samples"));
    }
}
