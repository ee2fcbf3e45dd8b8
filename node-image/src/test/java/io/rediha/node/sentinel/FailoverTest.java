package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.ExternalProcess;
import io.rediha.node.sentinel.support.Poll;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reason Sentinel exists: one master, two replicas, three of our sentinels; the master freezes
 * (SIGSTOP), a replica is promoted, the other follows, every sentinel and a Jedis sentinel pool
 * move to the new master, and the old master, resumed, becomes a replica of the new one.
 */
class FailoverTest {
    @TempDir
    Path dir;

    /** Data-node implementations to run against: -Drediha.sentinel.dataNodes=REDIS,REDIHA (default both). */
    static Stream<DataNode> dataNodes() {
        return Arrays.stream(System.getProperty("rediha.sentinel.dataNodes", "REDIS,REDIHA").split(","))
                .map(String::trim).map(DataNode::valueOf);
    }

    @ParameterizedTest
    @MethodSource("dataNodes")
    void replicaIsPromotedWhenMasterIsPausedAndOldMasterRejoins(DataNode dataNode) throws Exception {
        try (Deployment d = Deployment.spec().dataNode(dataNode).start(dir)) {
            int oldPort = d.initialMasterPort();
            Set<String> sentinelAddrs = d.sentinels().stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.toSet());
            GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
            poolConfig.setMaxWait(Duration.ofMillis(500));
            try (JedisSentinelPool pool = new JedisSentinelPool(Deployment.MASTER, sentinelAddrs, poolConfig, 500)) {
                Writer writer = new Writer(pool);
                writer.start();
                Poll.until(Duration.ofSeconds(5), "writes through the pool", writer.acked::get, n -> n > 10);

                // Act: freeze the master.
                long pausedAt = System.nanoTime();
                d.node(oldPort).pause();

                int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), d.sentinels());
                long switchedMs = (System.nanoTime() - pausedAt) / 1_000_000;
                System.out.println("all sentinels named the new master " + switchedMs + " ms after the pause");

                assertTrue(Deployment.info(newPort, "replication").contains("role:master"), "the promoted replica is a master");
                int otherReplica = d.nodes().stream().mapToInt(ExternalProcess::port)
                        .filter(p -> p != oldPort && p != newPort).findFirst().orElseThrow();
                Poll.until(Duration.ofSeconds(10), "the other replica to follow the new master",
                        () -> Deployment.info(otherReplica, "replication"),
                        info -> info.contains("master_port:" + newPort) && info.contains("master_link_status:up"));
                for (int i = 0; i < d.sentinels().size(); i++) {
                    Deployment.EventLog events = d.events(i);
                    Poll.until(Duration.ofSeconds(5), "+switch-master on sentinel " + i, events::all,
                            all -> all.contains("+switch-master " + Deployment.MASTER + " 127.0.0.1 " + oldPort
                                    + " 127.0.0.1 " + newPort));
                }
                long before = writer.acked.get();
                Poll.until(Duration.ofSeconds(10), "the pool to write to the new master", writer.acked::get,
                        n -> n > before + 10);
                assertEquals(newPort, pool.getCurrentHostMaster().getPort(), "the pool follows +switch-master");

                // Act: the old master comes back.
                long resumedAt = System.nanoTime();
                d.node(oldPort).resume();
                Poll.until(Duration.ofSeconds(5), "the old master to become a replica of the new one",
                        () -> Deployment.info(oldPort, "replication"),
                        info -> info.contains("role:slave") && info.contains("master_port:" + newPort));
                long convertedMs = (System.nanoTime() - resumedAt) / 1_000_000;
                System.out.println("old master converted " + convertedMs + " ms after it was resumed");
                assertTrue(convertedMs < 2_000, "the returning master is converted at once, not after Redis's ~10 s: "
                        + convertedMs + " ms");
                assertTrue(d.events(0).contains("+convert-to-slave") || d.events(1).contains("+convert-to-slave")
                        || d.events(2).contains("+convert-to-slave"), "+convert-to-slave was published");
                writer.halt();
                assertTrue(writer.acked.get() > before, "writes kept flowing through the failover");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void failoverCompletesWhenNodesRefuseTheTransaction() {
        // CLIENT disabled: MULTI ... CLIENT KILL ... EXEC is refused as a whole (EXECABORT).
        try (Deployment d = Deployment.spec().nodeArgs("--rename-command", "CLIENT", "").start(dir)) {
            int oldPort = d.initialMasterPort();
            d.node(oldPort).pause();
            int newPort = d.awaitNewMasterEverywhere(oldPort, Duration.ofSeconds(15), d.sentinels());
            assertTrue(Deployment.info(newPort, "replication").contains("role:master"), "promoted anyway");
            int other = d.nodes().stream().mapToInt(ExternalProcess::port).filter(p -> p != oldPort && p != newPort)
                    .findFirst().orElseThrow();
            Poll.until(Duration.ofSeconds(10), "the other replica to follow", () -> Deployment.info(other, "replication"),
                    info -> info.contains("master_port:" + newPort));
        }
    }

    /** Writes through a JedisSentinelPool until halted, counting acknowledged writes. */
    static final class Writer extends Thread {
        final AtomicLong acked = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final JedisSentinelPool pool;

        Writer(JedisSentinelPool pool) {
            super("failover-test-writer");
            setDaemon(true);
            this.pool = pool;
        }

        @Override
        public void run() {
            long i = 0;
            while (running.get()) {
                try (Jedis j = pool.getResource()) {
                    j.set("key:" + (i++ % 1000), "v" + i);
                    acked.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        void halt() throws InterruptedException {
            running.set(false);
            join(5000);
        }
    }
}
