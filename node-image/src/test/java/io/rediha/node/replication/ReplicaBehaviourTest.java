package io.rediha.node.replication;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.persistence.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** Replica-side settings and topologies: stale data, announce, chains, expiry, role errors. */
class ReplicaBehaviourTest {
    @TempDir
    Path dir;

    private Path sub(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void staleReplicaAnswersMasterdownWhenServeStaleDataIsOff() throws Exception {
        int deadPort = RealRedis.freePort();
        try (InProcessNode r = InProcessNode.start(sub("r"), "--replica-serve-stale-data", "no");
             Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", deadPort);
            JedisDataException e = assertThrows(JedisDataException.class, rj::ping);
            assertEquals("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.", e.getMessage());
            assertThrows(JedisDataException.class, () -> rj.get("x"));
            assertEquals("down", field(rj, "master_link_status"));
            assertEquals("-1", field(rj, "master_link_down_since_seconds"));
            assertEquals("slave", rj.role().get(0));
            assertEquals(-1L, rj.role().get(4));
        }
    }

    @Test
    void chainedReplicaGetsTheSameStreamAndOffsets() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r1 = InProcessNode.start(sub("r1"));
             InProcessNode r2 = InProcessNode.start(sub("r2"), "--replica-announce-ip", "10.9.8.7", "--replica-announce-port", "7777");
             Jedis mj = m.client(); Jedis j1 = r1.client(); Jedis j2 = r2.client()) {
            mj.set("k", "v");
            j1.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(j1, "master_link_status")), 10_000, "r1 up");
            j2.replicaof("127.0.0.1", r1.port);
            await(() -> "up".equals(field(j2, "master_link_status")), 10_000, "r2 up");
            for (int i = 0; i < 50; i++) {
                mj.rpush("list", "e" + i);
            }
            await(() -> field(j2, "slave_repl_offset").equals(field(mj, "master_repl_offset")), 5000, "chain caught up");
            assertEquals(50, j2.llen("list"));
            assertEquals(field(mj, "master_replid"), field(j2, "master_replid"));
            assertTrue(j1.info("replication").contains("slave0:ip=10.9.8.7,port=7777,state=online"), j1.info("replication"));
        }
    }

    @Test
    void replicaHidesLogicallyExpiredKeysAndGetsTheMastersDel() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            mj.set("short", "lived", redis.clients.jedis.params.SetParams.setParams().px(150));
            await(() -> "lived".equals(rj.get("short")) || rj.exists("short"), 2000, "replicated");
            Thread.sleep(250);
            assertNull(rj.get("short"), "expired key reads as missing on the replica");
            mj.get("short"); // lazy expiry on the master propagates DEL
            await(() -> rj.dbSize() == 0, 5000, "DEL from master applied");
        }
    }

    @Test
    void replicaofValidatesItsArguments() throws Exception {
        try (InProcessNode n = InProcessNode.start(sub("n")); Jedis j = n.client()) {
            JedisDataException e = assertThrows(JedisDataException.class,
                    () -> j.sendCommand(redis.clients.jedis.Protocol.Command.REPLICAOF, "127.0.0.1", "70000"));
            assertEquals("ERR Invalid master port", e.getMessage());
            assertEquals("OK", j.replicaofNoOne());
            assertEquals("master", field(j, "role"));
        }
    }

    @Test
    void replicaofDirectiveConnectsAtStartAndAReplicaAofIsRewrittenAfterFullSync() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m")); Jedis mj = m.client()) {
            for (int i = 0; i < 100; i++) {
                mj.set("k" + i, "v" + i);
            }
            Path rdir = sub("r");
            try (InProcessNode r = InProcessNode.start(rdir, "--replicaof", "127.0.0.1", Integer.toString(m.port),
                    "--appendonly", "yes");
                 Jedis rj = r.client()) {
                await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up from the directive");
                mj.set("streamed", "1");
                await(() -> "1".equals(rj.get("streamed")), 5000, "stream");
                await(() -> rj.info("persistence").contains("aof_rewrite_in_progress:0")
                        && rj.info("persistence").contains("aof_rewrites:1"), 5000, "AOF rewritten after the full sync");
            }
            // the replica's AOF alone restores the replicated dataset
            try (InProcessNode reload = InProcessNode.start(rdir, "--appendonly", "yes"); Jedis j = reload.client()) {
                assertEquals(101, j.dbSize());
                assertEquals("1", j.get("streamed"));
            }
        }
    }
}
