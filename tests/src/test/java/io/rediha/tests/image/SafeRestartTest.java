package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.Await;
import io.rediha.tests.support.ImageCluster;
import io.rediha.tests.support.NodeContainer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Planned stops and restarts never make a second master: stopping the master hands over to the
 * replica before the container exits, and the old master, started again, rejoins as a replica.
 */
class SafeRestartTest {

    @Test
    void stoppedMasterHandsOverBeforeExitingAndRejoinsAsReplicaWhenRestarted() throws Exception {
        // down-after 30 s: only the entrypoint's SENTINEL FAILOVER on SIGTERM can switch in time.
        try (ImageCluster cluster = new ImageCluster("pw", 30_000).start()) {
            NodeContainer master = cluster.master();
            String replicaIp = cluster.replica().ip();
            try (Jedis m = master.jedis()) {
                m.set("before-failover", "kept");
            }
            for (NodeContainer sentinel : cluster.sentinels()) {
                try (Jedis s = sentinel.jedis()) {
                    Await.until(Duration.ofSeconds(30), "sentinel " + sentinel.ip() + " sees the replica and both peers",
                            () -> s.sentinelMaster(ImageCluster.MASTER_NAME),
                            v -> "1".equals(v.get("num-slaves")) && "2".equals(v.get("num-other-sentinels")));
                }
            }

            long t0 = System.nanoTime();
            master.stop();
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            try {
                Await.until(Duration.ofSeconds(3), "a majority of sentinels naming the replica right after the master's stop returned",
                        () -> sentinelsNaming(cluster, replicaIp), n -> n >= 2);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nold master's log:\n" + master.logs(), e);
            }
            System.out.printf("SafeRestartTest: docker stop of the master returned after %d ms, with the replica promoted%n", stopMillis);

            master.startAgain();
            Await.until(Duration.ofSeconds(30), "the old master answers again", () -> {
                try (Jedis j = master.jedis()) {
                    return j.ping();
                }
            }, "PONG"::equals);
            try (Jedis old = master.jedis()) {
                String info = old.info("replication");
                assertTrue(info.contains("role:slave"), "first answer after the restart is a replica: " + info);
                assertTrue(info.contains("master_host:" + replicaIp), "replica of the new master: " + info);
                Await.until(Duration.ofSeconds(15), "old master linked to the new one", () -> old.info("replication"),
                        i -> i.contains("master_link_status:up"));
                assertEquals("kept", old.get("before-failover"));
            }
            assertEquals(3, sentinelsNaming(cluster, replicaIp), "every sentinel names the promoted replica; no second master");
        }
    }

    private static int sentinelsNaming(ImageCluster cluster, String ip) {
        int n = 0;
        for (NodeContainer sentinel : cluster.sentinels()) {
            try (Jedis s = sentinel.jedis()) {
                java.util.List<String> addr = s.sentinelGetMasterAddrByName(ImageCluster.MASTER_NAME);
                n += addr != null && addr.get(0).equals(ip) ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void nodesWithNothingToHandOverStopAtOnce() {
        try (NodeContainer sentinel = NodeContainer.sentinel().withEnv("REDIS_MASTER_HOST", "127.0.0.1").withoutHealthWait().start();
             NodeContainer master = NodeContainer.master().start()) {
            for (NodeContainer node : java.util.List.of(sentinel, master)) {
                long t0 = System.nanoTime();
                node.stop();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(millis < 3000, node.role() + " took " + millis + " ms to stop");
                assertTrue(node.logs().contains("ready to exit"), node.role() + " logs a clean exit: " + node.logs());
            }
        }
    }
}
