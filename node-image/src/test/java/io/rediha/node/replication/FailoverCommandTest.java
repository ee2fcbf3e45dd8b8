package io.rediha.node.replication;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * FAILOVER (Redis 6.2+) with real sockets and Jedis: ours handing over to ours under a write load,
 * and both directions with Debian's redis-server 7.0, whose side of the PSYNC FAILOVER handshake
 * is the reference.
 */
public class FailoverCommandTest {
    @TempDir
    Path dir;

    private Path sub(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    private static String error(Jedis j, String... args) {
        try {
            Object r = j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode(args[0]),
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            return r instanceof byte[] b ? new String(b) : String.valueOf(r);
        } catch (JedisDataException e) {
            return e.getMessage();
        }
    }

    @Test
    void failoverErrorsMatchRedis() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        String[][] cases = {
            {"FAILOVER"}, {"FAILOVER", "ABORT"}, {"FAILOVER", "ABORT", "FORCE"}, {"FAILOVER", "TIMEOUT", "0"},
            {"FAILOVER", "TO"}, {"FAILOVER", "TO", "127.0.0.1", "x"}, {"FAILOVER", "FORCE"}, {"FAILOVER", "BOGUS"},
            {"FAILOVER", "TIMEOUT", "10", "TIMEOUT", "10"},
        };
        try (InProcessNode ours = InProcessNode.start(sub("o")); RealRedis real = RealRedis.start(sub("r"));
             Jedis o = ours.client(); Jedis r = real.client()) {
            for (String[] c : cases) {
                assertEquals(error(r, c), error(o, c), String.join(" ", c));
            }
        }
    }

    @Test
    void failoverHandsTheMasterRoleToTheReplicaWithoutLosingAnAcknowledgedWrite() throws Exception {
        try (InProcessNode m = InProcessNode.start(sub("m"));
             InProcessNode r = InProcessNode.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            assertEquals("ERR FAILOVER target HOST and PORT is not a replica.", error(mj, "FAILOVER", "TO", "127.0.0.1", "1"));
            assertEquals("ERR FAILOVER is not valid when server is a replica.", error(rj, "FAILOVER"));

            // a bounded write load that runs through the switch
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger acked = new AtomicInteger();
            List<String> errors = new ArrayList<>();
            Thread writer = new Thread(() -> {
                try (Jedis w = m.client()) {
                    for (int i = 0; i < 200_000 && !stop.get(); i++) {
                        try {
                            w.set("k" + i, "v" + i);
                            acked.set(i + 1);
                        } catch (JedisDataException e) {
                            errors.add(e.getMessage());
                            return;
                        }
                    }
                }
            });
            writer.start();
            await(() -> acked.get() > 2000, 10_000, "writes flowing");
            long fullSyncsBefore = Long.parseLong(stat(rj, "sync_full"));

            long t0 = System.nanoTime();
            assertEquals("OK", error(mj, "FAILOVER", "TO", "127.0.0.1", Integer.toString(r.port), "TIMEOUT", "5000"));
            await(() -> "slave".equals(field(mj, "role")) && "up".equals(field(mj, "master_link_status"))
                    && "no-failover".equals(field(mj, "master_failover_state")), 10_000, "old master follows the new one");
            long switchMillis = (System.nanoTime() - t0) / 1_000_000;
            writer.join(10_000);
            stop.set(true);

            assertEquals("master", field(rj, "role"), "the target is master now");
            assertTrue(errors.size() == 1 && errors.get(0).startsWith("READONLY"),
                    "the write held during the switch meets READONLY on the old master: " + errors);
            assertEquals(fullSyncsBefore, Long.parseLong(stat(rj, "sync_full")),
                    "the old master continued the shared history (+CONTINUE), no full sync");
            int n = acked.get();
            for (int i = 0; i < n; i++) {
                assertEquals("v" + i, rj.get("k" + i), "acknowledged write k" + i + " of " + n + " on the new master");
            }
            rj.set("after", "switch");
            await(() -> "switch".equals(mj.get("after")), 5000, "the old master replicates the new one");
            System.out.println("FAILOVER under load: " + n + " acknowledged writes, all on the new master; switch "
                    + switchMillis + " ms");
        }
    }

    @Test
    void failoverAbortResumesWritesAndTimeoutGivesUpOnALaggingReplica() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        try (InProcessNode m = InProcessNode.start(sub("m"));
             RealRedis r = RealRedis.start(sub("r"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "online".equals(replicaState(mj)), 10_000, "replica online");
            new ProcessBuilder("kill", "-STOP", Long.toString(r.pid())).start().waitFor();
            try {
                mj.set("x", "1");
                assertEquals("OK", error(mj, "FAILOVER"));
                assertEquals("waiting-for-sync", field(mj, "master_failover_state"));
                assertEquals("ERR FAILOVER already in progress.", error(mj, "FAILOVER"));
                assertEquals("ERR REPLICAOF not allowed while failing over.", error(mj, "REPLICAOF", "NO", "ONE"));
                try (Jedis other = m.client()) {
                    other.getClient().setSoTimeout(300);
                    assertThrows(JedisConnectionException.class, () -> other.set("y", "1"), "writes are held");
                }
                assertEquals("OK", error(mj, "FAILOVER", "ABORT"));
                assertEquals("no-failover", field(mj, "master_failover_state"));
                assertEquals("OK", mj.set("z", "1"), "writes run again after ABORT");

                long t0 = System.nanoTime();
                assertEquals("OK", error(mj, "FAILOVER", "TIMEOUT", "300"));
                await(() -> "no-failover".equals(field(mj, "master_failover_state")), 5000, "gives up");
                assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300, "not before the timeout");
                assertEquals("master", field(mj, "role"), "still master after a timeout without FORCE");
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(r.pid())).start().waitFor();
            }
        }
    }

    @Test
    void failoverInteroperatesWithRedisInBothDirections() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        // our master hands over to a Debian replica
        try (InProcessNode m = InProcessNode.start(sub("m1"));
             RealRedis r = RealRedis.start(sub("r1"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "online".equals(replicaState(mj)), 10_000, "replica online");
            for (int i = 0; i < 500; i++) {
                mj.set("a" + i, "v");
            }
            assertEquals("OK", error(mj, "FAILOVER"));
            await(() -> "master".equals(field(rj, "role")) && "up".equals(field(mj, "master_link_status")), 10_000,
                    "Debian replica promoted, ours follows it");
            assertEquals(500L, (long) rj.dbSize());
            assertTrue(r.log().contains("failover request"), "Debian saw PSYNC ... FAILOVER");
        }
        // a Debian master hands over to our replica
        try (RealRedis m = RealRedis.start(sub("m2"), "--repl-diskless-sync-delay", "0");
             InProcessNode r = InProcessNode.start(sub("r2"));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            rj.replicaof("127.0.0.1", m.port());
            await(() -> "online".equals(replicaState(mj)), 10_000, "replica online");
            for (int i = 0; i < 500; i++) {
                mj.set("b" + i, "v");
            }
            assertEquals("OK", error(mj, "FAILOVER"));
            await(() -> "master".equals(field(rj, "role")) && "up".equals(field(mj, "master_link_status")), 10_000,
                    "our replica promoted on PSYNC FAILOVER, Debian follows it");
            assertEquals(500L, (long) rj.dbSize());
            assertEquals("0", stat(rj, "sync_full"), "Debian continued from our backlog");
        }
    }

    private static String replicaState(Jedis j) {
        String s = field(j, "slave0");
        if (s == null) {
            return null;
        }
        for (String kv : s.split(",")) {
            if (kv.startsWith("state=")) {
                return kv.substring(6);
            }
        }
        return null;
    }

    static String stat(Jedis j, String name) {
        for (String line : j.info("stats").split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }
}
