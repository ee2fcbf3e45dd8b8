package io.rediha.tests.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rediha.tests.support.NodeImage;
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
 * The drill on the real Docker engine with the node image built from this tree: {@code rediha up} of a
 * generated compose file, then pause (freezer), kill (SIGKILL) and disconnect (off the network) of the
 * master container. Skipped without an engine, failed without one under REDIHA_REQUIRE_DOCKER=1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerRuntimeDrillTest {
    private DrillProject project;

    @BeforeAll
    void up() throws IOException {
        String image = NodeImage.reference();
        project = DrillProject.generate("docker", image);
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
    @Timeout(120)
    void pausedMasterContainerIsReplaced() throws IOException {
        DrillAssertions.assertRecoveredAndConsistent(project.drill("--mode", "pause", "--timeout", "30s"), "pause");
    }

    @Test
    @Order(2)
    @Timeout(120)
    void killedMasterContainerIsReplacedAndRestartsAsReplica() throws IOException {
        DrillAssertions.assertRecoveredAndConsistent(project.drill("--mode", "kill", "--timeout", "30s"), "kill");
    }

    @Test
    @Order(3)
    @Timeout(120)
    void disconnectedMasterContainerIsReplacedAndRejoinsWhenReconnected() throws IOException {
        JSONObject doc = project.drill("--mode", "disconnect", "--timeout", "30s");

        DrillAssertions.assertRecoveredAndConsistent(doc, "disconnect");
    }
}
