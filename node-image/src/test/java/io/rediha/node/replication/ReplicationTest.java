package io.rediha.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Master/replica with real sockets and real Jedis: ours with ours, and ours with Debian's redis-server 7.0. */
public class ReplicationTest {
    @TempDir
    Path dir;

    public static void await(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    public static String field(Jedis j, String name) {
        for (String line : j.info("replication").split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    private Path sub(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void replicaFullSyncsThenStreamsAndReportsLikeRedis() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r = InProcessNode.start(sub("r"), "--replica-priority", "50");
             Jedis mj = m.client(); Jedis rj = r.client()) {
            for (int i = 0; i < 2000; i++) {
                mj.set("k" + i, "v" + i);
            }
            mj.pexpire("k0", 600_000);
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            mj.set("after", "sync");
            mj.select(2);
            mj.set("db2", "x");
            await(() -> field(rj, "slave_repl_offset").equals(field(mj, "master_repl_offset")), 5000, "offsets equal");
            assertEquals("v1999", rj.get("k1999"));
            assertEquals("sync", rj.get("after"));
            assertTrue(rj.pttl("k0") > 500_000);
            assertEquals(2001, rj.dbSize());
            rj.select(2);
            assertEquals("x", rj.get("db2"));
            rj.select(0);

            String info = rj.info("replication");
            List<String> order = List.of("role:slave", "master_host:127.0.0.1", "master_port:" + m.port,
                    "master_link_status:up", "master_last_io_seconds_ago:", "master_sync_in_progress:0",
                    "slave_read_repl_offset:", "slave_repl_offset:", "slave_priority:50", "slave_read_only:1",
                    "replica_announced:1", "connected_slaves:0", "master_failover_state:no-failover",
                    "master_replid:", "master_replid2:0000000000000000000000000000000000000000",
                    "master_repl_offset:", "second_repl_offset:-1", "repl_backlog_active:1");
            int at = 0;
            for (String f : order) {
                int i = info.indexOf(f, at);
                assertTrue(i >= at, "field " + f + " missing or out of order in\n" + info);
                at = i;
            }
            assertEquals(field(mj, "master_replid"), field(rj, "master_replid"));
            assertTrue(mj.info("replication").contains("slave0:ip=127.0.0.1,port=" + r.port + ",state=online,offset="));

            List<Object> role = rj.role();
            assertEquals(List.of("slave", "127.0.0.1", (long) m.port, "connected"), role.subList(0, 4));
            List<Object> mrole = mj.role();
            assertEquals("master", mrole.get(0));
            JedisDataException e = assertThrows(JedisDataException.class, () -> rj.set("w", "1"));
            assertEquals("READONLY You can't write against a read only replica.", e.getMessage());
        }
    }

    @Test
    void shortDisconnectResumesWithContinueNotFullSync() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            mj.set("a", "1");
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            assertEquals(1, m.replication.state().syncFull());
            mj.clientKill(new redis.clients.jedis.params.ClientKillParams().type(redis.clients.jedis.args.ClientType.REPLICA));
            for (int i = 0; i < 100; i++) {
                mj.incr("counter");
            }
            await(() -> "100".equals(rj.get("counter")), 10_000, "counter replicated after reconnect");
            assertEquals(1, m.replication.state().syncFull(), "no second full sync");
            assertEquals(1, m.replication.state().syncPartialOk());
        }
    }

    @Test
    void disconnectLongerThanTheBacklogFallsBackToFullSync() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"), "--repl-backlog-size", "16kb");
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            r.replication.state().link().stop();
            await(() -> "down".equals(field(rj, "master_link_status")), 5000, "link down");
            String big = "x".repeat(1000);
            for (int i = 0; i < 100; i++) {
                mj.set("big" + i, big); // 100 KB > 16 KB backlog
            }
            rj.replicaofNoOne();
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")) && rj.exists("big99"), 10_000, "resynced");
            assertEquals(2, m.replication.state().syncFull());
            assertEquals(100, rj.dbSize());
        }
    }

    @Test
    void promotedReplicaKeepsReplid2SoARealRedisReplicaContinuesWithIt() throws Exception {
        assumeTrue(RealRedis.available());
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r = InProcessNode.start(sub("r"));
             RealRedis d = RealRedis.start(sub("d"));
             Jedis mj = m.client(); Jedis rj = r.client(); Jedis dj = d.client()) {
            mj.set("before", "1");
            rj.replicaof("127.0.0.1", m.port);
            dj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")) && "up".equals(field(dj, "master_link_status")),
                    10_000, "both replicas up");
            mj.set("more", "2");
            await(() -> field(rj, "slave_repl_offset").equals(field(mj, "master_repl_offset"))
                    && field(dj, "slave_repl_offset").equals(field(mj, "master_repl_offset")), 5000, "caught up");
            String oldId = field(mj, "master_replid");
            String offset = field(rj, "master_repl_offset");

            rj.replicaofNoOne();
            assertEquals("master", field(rj, "role"));
            assertEquals(oldId, field(rj, "master_replid2"));
            assertEquals(Long.parseLong(offset) + 1, Long.parseLong(field(rj, "second_repl_offset")));

            dj.replicaof("127.0.0.1", r.port);
            await(() -> "up".equals(field(dj, "master_link_status")), 10_000, "real replica up with new master");
            rj.set("after", "3");
            await(() -> "3".equals(dj.get("after")), 5000, "write on new master reaches real replica");
            assertTrue(d.log().contains("Successful partial resynchronization with master"), d.log());
            assertEquals(0, r.replication.state().syncFull());
        }
    }

    @Test
    void realRedisReplicatesFromOurMasterAndWeReplicateFromARealRedisMaster() throws Exception {
        assumeTrue(RealRedis.available());
        try (InProcessNode ours = InProcessNode.start(sub("ours"));
             RealRedis theirs = RealRedis.start(sub("theirs"), "--repl-diskless-sync-delay", "0");
             RealRedis theirReplica = RealRedis.start(sub("theirReplica"));
             InProcessNode ourReplica = InProcessNode.start(sub("ourReplica"));
             Jedis o = ours.client(); Jedis t = theirs.client(); Jedis tr = theirReplica.client(); Jedis or = ourReplica.client()) {
            for (int i = 0; i < 500; i++) {
                o.set("o" + i, "value" + i);
                t.set("t" + i, "value" + i);
            }
            o.pexpire("o1", 900_000);
            t.pexpire("t1", 900_000);
            tr.replicaof("127.0.0.1", ours.port);
            or.replicaof("127.0.0.1", theirs.port());
            await(() -> "up".equals(field(tr, "master_link_status")) && "up".equals(field(or, "master_link_status")),
                    10_000, "both links up");
            o.set("stream", "ours");
            t.set("stream", "theirs");
            await(() -> "ours".equals(tr.get("stream")) && "theirs".equals(or.get("stream")), 5000, "streams");
            assertEquals(501, tr.dbSize());
            assertEquals(501, or.dbSize());
            assertEquals("value499", tr.get("o499"));
            assertEquals("value499", or.get("t499"));
            assertTrue(tr.pttl("o1") > 800_000);
            assertTrue(or.pttl("t1") > 800_000);
            // partial resync of a real replica from our backlog after its link is cut
            o.clientKill(new redis.clients.jedis.params.ClientKillParams().type(redis.clients.jedis.args.ClientType.REPLICA));
            o.set("after-cut", "1");
            await(() -> "1".equals(tr.get("after-cut")), 10_000, "real replica reconnected");
            assertEquals(1, ours.replication.state().syncPartialOk());
        }
    }

    @Test
    void waitCountsAcknowledgingReplicasAndMinReplicasRefusesWrites() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"), "--min-replicas-to-write", "1", "--min-replicas-max-lag", "10");
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            JedisDataException e = assertThrows(JedisDataException.class, () -> mj.set("a", "1"));
            assertEquals("NOREPLICAS Not enough good replicas to write.", e.getMessage());
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            await(() -> field(mj, "min_slaves_good_slaves") != null && field(mj, "min_slaves_good_slaves").equals("1"),
                    5000, "good replica counted");
            mj.set("a", "1");
            long w0 = System.currentTimeMillis();
            long got = mj.waitReplicas(1, 2000);
            assertEquals(1L, got, "after " + (System.currentTimeMillis() - w0) + " ms; " + mj.info("replication"));
            long t0 = System.currentTimeMillis();
            assertEquals(1L, mj.waitReplicas(2, 300));
            assertTrue(System.currentTimeMillis() - t0 >= 250);
            JedisDataException w = assertThrows(JedisDataException.class, () -> rj.waitReplicas(1, 10));
            assertTrue(w.getMessage().startsWith("ERR WAIT cannot be used with replica instances."));
        }
    }

    @Test
    void payloadLargerThanTheReplicaOutputBufferLimitStillSyncs() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"), "--client-output-buffer-limit", "replica", "1mb", "512kb", "1");
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            String value = "v".repeat(1000);
            for (int i = 0; i < 4000; i++) {
                mj.set("big" + i, value + i); // about 4 MB of payload
            }
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")) && rj.dbSize() == 4000, 20_000, "synced");
            mj.set("after", "1");
            await(() -> "1".equals(rj.get("after")), 5000, "stream follows the payload");
            assertEquals(1, m.replication.state().syncFull());
        }
    }
}
