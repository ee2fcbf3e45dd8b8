package io.rediha.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.tests.support.Await;
import io.rediha.tests.support.NodeContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import redis.clients.jedis.Jedis;

/** A restarted old master rejoins as a replica of the master the sentinels chose, never as a second master. */
class SafeRestartTest {
    private static final String PASSWORD = "pw";

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

    @Test
    void oldMasterRestartedAfterAFailoverComesBackAsReplica() throws Exception {
        NodeContainer master = started(NodeContainer.master().on(network, "redis-master")
                .withEnv("REDIS_PASSWORD", PASSWORD).withEnv("REDIS_SENTINELS", RolesFromEnvironmentTest.sentinelList(3)));
        NodeContainer replica = started(NodeContainer.replica().on(network, "redis-slave")
                .withEnv("REDIS_PASSWORD", PASSWORD).withEnv("REDIS_SENTINELS", RolesFromEnvironmentTest.sentinelList(3)));
        List<NodeContainer> sentinels = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sentinels.add(started(NodeContainer.sentinel().on(network, "sentinel-" + i)
                    .withEnv("REDIS_PASSWORD", PASSWORD).withEnv("SENTINEL_QUORUM", "2")
                    .withEnv("SENTINEL_DOWN_AFTER", "1000").withEnv("SENTINEL_FAILOVER", "5000")));
        }
        String replicaIp = replica.ip();
        try (Jedis m = master.jedis()) {
            m.set("before-failover", "kept");
        }
        try (Jedis s = sentinels.get(0).jedis()) {
            Await.until(Duration.ofSeconds(30), "sentinel sees the replica and both peers", () -> s.sentinelMaster("mymaster"),
                    v -> "1".equals(v.get("num-slaves")) && "2".equals(v.get("num-other-sentinels")));
        }

        master.stop();
        try (Jedis s = sentinels.get(0).jedis()) {
            Await.until(Duration.ofSeconds(30), "failover to the replica", () -> s.sentinelGetMasterAddrByName("mymaster"),
                    addr -> addr != null && addr.get(0).equals(replicaIp));
        }
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
        try (Jedis s = sentinels.get(0).jedis()) {
            assertEquals(replicaIp, s.sentinelGetMasterAddrByName("mymaster").get(0), "still one master, the promoted one");
        }
    }
}
