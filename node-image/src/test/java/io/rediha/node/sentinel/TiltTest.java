package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.Poll;
import io.rediha.node.sentinel.support.RedisCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sentinel that was itself frozen (as when a whole host is paused) must not trust its
 * timestamps: it enters TILT, takes no decision and answers "not down" to its peers, then
 * leaves TILT after the TILT period.
 */
class TiltTest {
    @TempDir
    Path dir;

    @Test
    void frozenSentinelEntersTiltAndLeavesItAfterThePeriod() {
        try (Deployment d = Deployment.spec().start(dir)) {
            ExternalProcess s0 = d.sentinels().get(0);
            RedisCli.run(s0.port(), "SENTINEL", "DEBUG", "tilt-period", "3000");

            s0.pause();
            QuorumTest.sleep(2600);
            s0.resume();

            Poll.until(Duration.ofSeconds(5), "+tilt", () -> d.events(0).all(),
                    all -> all.contains("+tilt #tilt mode entered"));
            assertTrue(RedisCli.run(s0.port(), "INFO", "sentinel").contains("sentinel_tilt:1"), "INFO shows TILT");
            String reply = RedisCli.run(s0.port(), "SENTINEL", "IS-MASTER-DOWN-BY-ADDR", "127.0.0.1",
                    Integer.toString(d.initialMasterPort()), "0", "*");
            assertEquals("0\n*\n0\n", reply, "in TILT a sentinel never says a master is down");
            Poll.until(Duration.ofSeconds(6), "-tilt after the TILT period", () -> d.events(0).all(),
                    all -> all.contains("-tilt #tilt mode exited"));
            assertTrue(RedisCli.run(s0.port(), "INFO", "sentinel").contains("sentinel_tilt:0"));
        }
    }
}
