package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.Await;
import io.rediha.tests.support.ImageCluster;
import io.rediha.tests.support.NodeContainer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Each role from environment variables only ({@link ImageCluster}): the replica replicates, and
 * every sentinel sees the master, its replica and the two other sentinels, with CKQUORUM OK.
 */
class RolesFromEnvironmentTest {

    @Test
    void masterReplicaAndThreeSentinelsFormAClusterFromEnvironmentVariablesOnly() {
        try (ImageCluster cluster = new ImageCluster("s3cret pass", 5000).start();
             Jedis m = cluster.master().jedis();
             Jedis r = cluster.replica().jedis()) {
            m.set("replicated", "value");
            Await.until(Duration.ofSeconds(10), "the key on the replica", () -> r.get("replicated"), "value"::equals);
            assertTrue(r.info("replication").contains("master_link_status:up"), "replica linked");
            assertTrue(m.info("replication").contains("connected_slaves:1"), "master sees its replica");

            for (NodeContainer s : cluster.sentinels()) {
                try (Jedis j = s.jedis()) {
                    Map<String, String> view = Await.until(Duration.ofSeconds(30), "sentinel " + s.ip() + " sees 1 replica and 2 sentinels",
                            () -> j.sentinelMaster(ImageCluster.MASTER_NAME),
                            v -> "1".equals(v.get("num-slaves")) && "2".equals(v.get("num-other-sentinels")));
                    assertEquals(cluster.master().ip(), view.get("ip"), "sentinel monitors the master");
                    String ckquorum = SafeEncoder.encode((byte[]) j.sendCommand(Protocol.Command.SENTINEL, "CKQUORUM", ImageCluster.MASTER_NAME));
                    assertTrue(ckquorum.startsWith("OK 3 usable Sentinels"), ckquorum);
                }
            }
        }
    }
}
