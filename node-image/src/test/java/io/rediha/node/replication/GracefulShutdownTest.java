package io.rediha.node.replication;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.ExternalProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The shutdown sequence on real node processes: SIGTERM on a master under a write load waits until
 * its replica has every acknowledged write; a replica exits at once; SHUTDOWN blocks while a replica
 * lags, ABORT cancels it, NOW and shutdown-timeout bound it.
 */
public class GracefulShutdownTest {
    @TempDir
    Path dir;

    private static String logOf(ExternalProcess p) {
        try {
            return Files.readString(p.log());
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Jedis client(ExternalProcess p) {
        return new Jedis("127.0.0.1", p.port(), 5000);
    }

    @Test
    void sigtermOnMasterUnderLoadLeavesEveryAcknowledgedWriteOnTheReplica() throws Exception {
        try (ExternalProcess m = DataNode.REDIHA.start(dir, "m", List.of());
             ExternalProcess r = DataNode.REDIHA.start(dir, "r", List.of())) {
            try (Jedis rj = client(r)) {
                rj.replicaof("127.0.0.1", m.port());
                await(() -> "up".equals(field(rj, "master_link_status")), 15_000, "link up");
            }
            // bounded load: pipelined batches, so the replica always has some stream in flight
            AtomicInteger acked = new AtomicInteger();
            CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
                try (Jedis w = client(m)) {
                    for (int batch = 0; batch < 2000; batch++) {
                        Pipeline p = w.pipelined();
                        for (int i = 0; i < 200; i++) {
                            p.set("k" + (batch * 200 + i), "v" + batch);
                        }
                        p.sync();
                        acked.set((batch + 1) * 200);
                    }
                } catch (JedisConnectionException | JedisDataException stopped) {
                    // the master went away mid-batch: that batch was not acknowledged
                }
            });
            await(() -> acked.get() >= 20_000, 20_000, "load running");

            // the replica falls behind (frozen) while writes are acknowledged, then SIGTERM arrives
            r.pause();
            int atPause = acked.get();
            await(() -> acked.get() >= atPause + 4000, 20_000, "writes acknowledged while the replica is frozen");
            long t0 = System.nanoTime();
            m.terminate();
            await(() -> logOf(m).contains("Waiting for replicas before shutting down."), 5000, "master waits");
            Thread.sleep(300); // the replica stays behind a while: the master must keep waiting
            assertTrue(m.isAlive(), "the master waits for its lagging replica");
            r.resume();
            int exit = m.awaitExit(Duration.ofSeconds(15));
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            load.get(10, TimeUnit.SECONDS);

            assertEquals(0, exit, "clean exit");
            String log = Files.readString(m.log());
            assertTrue(log.contains("Received SIGTERM scheduling shutdown"), log);
            assertTrue(log.contains("1 of 1 replicas are in sync when shutting down."), log);
            int n = acked.get();
            try (Jedis rj = client(r)) {
                int missing = 0;
                for (int i = 0; i < n; i++) {
                    if (rj.get("k" + i) == null) {
                        missing++;
                    }
                }
                assertEquals(0, missing, "acknowledged writes missing on the replica, of " + n);
            }
            System.out.println("SIGTERM on a master with a replica under load: " + n
                    + " acknowledged writes, 0 lost; stop took " + stopMillis + " ms");

            long t1 = System.nanoTime();
            r.terminate();
            assertEquals(0, r.awaitExit(Duration.ofSeconds(5)));
            long replicaStop = (System.nanoTime() - t1) / 1_000_000;
            assertTrue(replicaStop < 2000, "a replica exits at once on SIGTERM, took " + replicaStop + " ms");
            System.out.println("SIGTERM on a replica: exit after " + replicaStop + " ms");
        }
    }

    @Test
    void shutdownWaitsForALaggingReplicaUntilAbortedOrBounded() throws Exception {
        try (ExternalProcess m = DataNode.REDIHA.start(dir, "m", List.of());
             ExternalProcess r = DataNode.REDIS.start(dir, "r", List.of())) {
            try (Jedis rj = client(r)) {
                rj.replicaof("127.0.0.1", m.port());
                await(() -> "up".equals(field(rj, "master_link_status")), 15_000, "link up");
            }
            r.pause();
            try (Jedis a = client(m); Jedis b = client(m)) {
                a.set("lagging", "1");
                CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> {
                    try (Jedis s = client(m)) {
                        s.shutdown();
                        return "exited";
                    } catch (JedisDataException e) {
                        return e.getMessage();
                    } catch (JedisConnectionException e) {
                        return "connection closed";
                    }
                });
                await(() -> logOf(m).contains("Waiting for replicas before shutting down."), 5000, "waiting");
                assertEquals("1", b.get("lagging"), "reads are served while waiting");
                b.getClient().setSoTimeout(300);
                assertThrows(JedisConnectionException.class, () -> b.set("during", "wait"), "writes are held while waiting");
                assertEquals("OK", new String((byte[]) a.sendCommand(() -> "SHUTDOWN".getBytes(), "ABORT")));
                assertEquals("ERR Errors trying to SHUTDOWN. Check logs.", blocked.get(5, TimeUnit.SECONDS));
                assertEquals("OK", a.set("after", "abort"), "writes resume after ABORT");
                JedisDataException none = assertThrows(JedisDataException.class,
                        () -> a.sendCommand(() -> "SHUTDOWN".getBytes(), "ABORT"));
                assertEquals("ERR No shutdown in progress.", none.getMessage());

                // shutdown-timeout bounds the wait when the replica never answers
                a.configSet("shutdown-timeout", "1");
                long t0 = System.nanoTime();
                try {
                    a.shutdown(); // returns or throws when the server closes the connection
                } catch (JedisConnectionException closed) {
                    // expected: no reply, the server exited
                }
                assertEquals(0, m.awaitExit(Duration.ofSeconds(5)));
                long waited = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(waited >= 900 && waited < 4000, "waited about shutdown-timeout: " + waited + " ms");
                String log = Files.readString(m.log());
                assertTrue(log.contains("0 of 1 replicas are in sync when shutting down."), log);
            } finally {
                r.resume();
            }
        }
    }

    @Test
    void shutdownNowSkipsTheWait() throws Exception {
        try (ExternalProcess m = DataNode.REDIHA.start(dir, "m", List.of());
             ExternalProcess r = DataNode.REDIHA.start(dir, "r", List.of())) {
            try (Jedis rj = client(r)) {
                rj.replicaof("127.0.0.1", m.port());
                await(() -> "up".equals(field(rj, "master_link_status")), 15_000, "link up");
            }
            r.pause();
            try (Jedis a = client(m)) {
                a.set("x", "1");
                long t0 = System.nanoTime();
                assertThrows(JedisConnectionException.class, () -> a.sendCommand(() -> "SHUTDOWN".getBytes(), "NOW"));
                assertEquals(0, m.awaitExit(Duration.ofSeconds(5)));
                long took = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(took < 2000, "NOW does not wait for the lagging replica: " + took + " ms");
            } finally {
                r.resume();
            }
        }
    }
}
