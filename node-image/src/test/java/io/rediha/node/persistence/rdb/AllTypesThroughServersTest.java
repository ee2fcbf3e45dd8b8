package io.rediha.node.persistence.rdb;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import io.rediha.node.replication.InProcessNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Every type, compact and large, with expiries, through full syncs and SAVE/load, ours and Debian's. */
class AllTypesThroughServersTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsRealRedis() {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
    }

    @Test
    void ourReplicaOfARealMasterHoldsEveryType() throws Exception {
        SampleDataset data = SampleDataset.build(600);
        try (RealRedis master = RealRedis.start(Files.createDirectories(dir.resolve("m")), "--repl-diskless-sync-delay", "0");
             InProcessNode replica = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis mj = master.client(); Jedis rj = replica.client()) {
            data.writeTo(mj);
            rj.replicaof("127.0.0.1", master.port());
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            assertEquals(data.canonical(), SampleDataset.readFrom(rj, 0, 1));
            assertTrue(rj.pttl("exp:string") > 3_000_000);
        }
    }

    @Test
    void realReplicaOfOurMasterHoldsEveryType() throws Exception {
        SampleDataset data = SampleDataset.build(600);
        try (InProcessNode master = InProcessNode.start(Files.createDirectories(dir.resolve("m")));
             RealRedis replica = RealRedis.start(Files.createDirectories(dir.resolve("r")));
             Jedis mj = master.client(); Jedis rj = replica.client()) {
            data.writeTo(mj);
            rj.replicaof("127.0.0.1", master.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            assertEquals(data.canonical(), SampleDataset.readFrom(rj, 0, 1));
            mj.lpush("l:small", "pushed");
            mj.zadd("z:small", 9, "new");
            await(() -> "pushed".equals(rj.lindex("l:small", 0)) && rj.zscore("z:small", "new") != null,
                    5000, "stream of aggregate commands");
            assertEquals(9.0, rj.zscore("z:small", "new"));
        }
    }

    @Test
    void ourSaveFilePassesRedisCheckRdbAndReloadsInBothServers() throws Exception {
        SampleDataset data = SampleDataset.build(600);
        Path d = Files.createDirectories(dir.resolve("ours"));
        try (InProcessNode node = InProcessNode.start(d); Jedis j = node.client()) {
            data.writeTo(j);
            assertEquals("OK", j.save());
        }
        Process check = new ProcessBuilder("redis-check-rdb", d.resolve("dump.rdb").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
        try (InProcessNode node = InProcessNode.start(d); Jedis j = node.client()) {
            assertEquals(data.canonical(), SampleDataset.readFrom(j, 0, 1));
        }
        try (RealRedis r = RealRedis.start(d, "--dbfilename", "dump.rdb"); Jedis j = r.client()) {
            assertEquals(data.canonical(), SampleDataset.readFrom(j, 0, 1));
        }
    }

    @Test
    void dumpPayloadsMoveBetweenOursAndRealRedisBothWays() throws Exception {
        SampleDataset data = SampleDataset.build(300);
        try (InProcessNode ours = InProcessNode.start(Files.createDirectories(dir.resolve("ours")));
             RealRedis theirs = RealRedis.start(Files.createDirectories(dir.resolve("theirs")));
             Jedis o = ours.client(); Jedis t = theirs.client()) {
            data.writeTo(t);
            for (String key : data.dbs.get(0).keySet()) {
                byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
                byte[] payload = t.dump(k);
                assertEquals("OK", o.restore(k, 0, payload));
                assertEquals("OK", t.restore(k, 0, o.dump(k), redis.clients.jedis.params.RestoreParams.restoreParams().replace()));
            }
            java.util.Map<String, Object> expected = new java.util.TreeMap<>(data.canonical());
            expected.keySet().removeIf(k -> k.startsWith("1:"));
            assertEquals(expected, SampleDataset.readFrom(o, 0));
            t.select(1);
            t.flushDB();
            assertEquals(expected, SampleDataset.readFrom(t, 0));
            byte[] bad = o.dump("s:small");
            bad[bad.length - 1] ^= 1;
            redis.clients.jedis.exceptions.JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(
                    redis.clients.jedis.exceptions.JedisDataException.class, () -> o.restore("x", 0, bad));
            assertEquals("ERR DUMP payload version or checksum are wrong", e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(redis.clients.jedis.exceptions.JedisDataException.class,
                    () -> o.restore("s:small".getBytes(), 0, o.dump("s:int")));
            assertEquals("BUSYKEY Target key name already exists.", e.getMessage());
        }
    }
}
