package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.Await;
import io.rediha.tests.support.NodeContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Each role from environment variables only: a master, a replica (lowercase Rancher-style names)
 * and three sentinels on one network, all sharing one password. The replica replicates, and every
 * sentinel sees the master, its replica and the two other sentinels, with CKQUORUM OK.
 */
class RolesFromEnvironmentTest {
    static final String PASSWORD = "s3cret pass";

    private final Network network = Network.newNetwork();
    private final List<NodeContainer> nodes = new ArrayList<>();

    @AfterEach
    void removeEverything() {
        nodes.forEach(NodeContainer::close);
        network.close();
    }

    private NodeContainer started(NodeContainer node) {
        nodes.add(node);
        return node.start();
    }

    static String sentinelList(int n) {
        List<String> s = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            s.add("sentinel-" + i + ":26379");
        }
        return String.join(",", s);
    }

    @Test
    void masterReplicaAndThreeSentinelsFormAClusterFromEnvironmentVariablesOnly() {
        NodeContainer master = started(NodeContainer.master().on(network, "redis-master")
                .withEnv("REDIS_PASSWORD", PASSWORD)
                .withEnv("REDIS_SENTINELS", sentinelList(3)));
        NodeContainer replica = started(NodeContainer.replica().on(network, "redis-slave")
                .withEnv("master_host", "redis-master")
                .withEnv("master_port", "6379")
                .withEnv("redis_port", "6379")
                .withEnv("REDIS_PASSWORD", PASSWORD)
                .withEnv("REDIS_SENTINELS", sentinelList(3)));
        List<NodeContainer> sentinels = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sentinels.add(started(NodeContainer.sentinel().on(network, "sentinel-" + i)
                    .withEnv("REDIS_MASTER_HOST", "redis-master")
                    .withEnv("REDIS_PASSWORD", PASSWORD)
                    .withEnv("SENTINEL_QUORUM", "2")
                    .withEnv("SENTINEL_DOWN_AFTER", "2000")));
        }

        try (Jedis m = master.jedis(); Jedis r = replica.jedis()) {
            m.set("replicated", "value");
            Await.until(Duration.ofSeconds(10), "the key on the replica", () -> r.get("replicated"), "value"::equals);
            assertTrue(r.info("replication").contains("master_link_status:up"), "replica linked");
            assertTrue(m.info("replication").contains("connected_slaves:1"), "master sees its replica");
        }
        for (NodeContainer s : sentinels) {
            try (Jedis j = s.jedis()) {
                Map<String, String> view = Await.until(Duration.ofSeconds(30), "sentinel " + s.ip() + " sees 1 replica and 2 sentinels",
                        () -> j.sentinelMaster("mymaster"),
                        v -> "1".equals(v.get("num-slaves")) && "2".equals(v.get("num-other-sentinels")));
                assertEquals(master.ip(), view.get("ip"), "sentinel monitors the master");
                String ckquorum = SafeEncoder.encode((byte[]) j.sendCommand(Protocol.Command.SENTINEL, "CKQUORUM", "mymaster"));
                assertTrue(ckquorum.startsWith("OK 3 usable Sentinels"), ckquorum);
            }
        }
    }
}
