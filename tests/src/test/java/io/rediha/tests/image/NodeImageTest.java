package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.NodeContainer;
import io.rediha.tests.support.OneShotRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The foundation's must-have: a container from the locally built image, talked to over the network. */
class NodeImageTest {

    @Test
    void versionArgumentPrintsTheNodeVersionAndExitsZero() {
        OneShotRun.Outcome run = OneShotRun.run(Map.of(), "version");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().matches("(?s)rediha node v=\\S+\\s*"), "version line: " + run.output());
    }

    @Test
    void masterFromTheLocallyBuiltImageAnswersPingOverTheNetwork() {
        try (NodeContainer master = NodeContainer.master().start(); Jedis jedis = master.jedis()) {
            assertEquals("PONG", jedis.ping(), "PING through the mapped port");
            assertEquals("OK", jedis.set("image-test", "1"));
            assertEquals("1", jedis.get("image-test"));
        }
    }
}
