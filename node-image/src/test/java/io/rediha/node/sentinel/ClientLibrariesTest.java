package io.rediha.node.sentinel;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lettuce's Sentinel support against an all-rediha deployment (our nodes, our sentinels): its
 * master/replica connection discovers the topology with SENTINEL MASTER and SENTINEL REPLICAS,
 * listens to sentinel events, and must keep writing through a failover with no manual step.
 * (Jedis's JedisSentinelPool is exercised in {@link FailoverTest}.)
 */
class ClientLibrariesTest {
    @TempDir
    Path dir;

    @Test
    void lettuceMasterReplicaKeepsWritingThroughAFailover() throws Exception {
        try (Deployment d = Deployment.spec().dataNode(DataNode.REDIHA).start(dir)) {
            int oldPort = d.initialMasterPort();
            RedisURI.Builder uri = RedisURI.Builder.sentinel("127.0.0.1", d.sentinels().get(0).port(), Deployment.MASTER)
                    .withTimeout(Duration.ofMillis(500));
            for (int i = 1; i < d.sentinels().size(); i++) {
                uri.withSentinel("127.0.0.1", d.sentinels().get(i).port());
            }
            RedisClient client = RedisClient.create();
            try (StatefulRedisMasterReplicaConnection<String, String> conn =
                         MasterReplica.connect(client, StringCodec.UTF8, uri.build())) {
                conn.setReadFrom(ReadFrom.UPSTREAM);
                AtomicLong acked = new AtomicLong();
                AtomicLong lastValue = new AtomicLong();
                AtomicBoolean running = new AtomicBoolean(true);
                Thread writer = new Thread(() -> {
                    long i = 0;
                    while (running.get()) {
                        try {
                            conn.sync().set("lettuce:last", Long.toString(++i));
                            lastValue.set(i);
                            acked.incrementAndGet();
                        } catch (RuntimeException e) {
                            QuorumTest.sleep(50);
                        }
                    }
                }, "lettuce-writer");
                writer.setDaemon(true);
                writer.start();
                Poll.until(Duration.ofSeconds(5), "writes through Lettuce", acked::get, n -> n > 10);

                long pausedAt = System.nanoTime();
                d.node(oldPort).pause();

                int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), d.sentinels());
                long before = acked.get();
                Poll.until(Duration.ofSeconds(20), "Lettuce to write to the new master", acked::get, n -> n > before + 10);
                System.out.println("Lettuce wrote to the new master " + (System.nanoTime() - pausedAt) / 1_000_000
                        + " ms after the pause");
                running.set(false);
                writer.join(5000);
                try (Jedis j = new Jedis("127.0.0.1", newPort, 2000)) {
                    assertEquals(Long.toString(lastValue.get()), j.get("lettuce:last"),
                            "the last acknowledged write is on the new master");
                }
                assertTrue(acked.get() > before, "writes resumed after the failover");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
