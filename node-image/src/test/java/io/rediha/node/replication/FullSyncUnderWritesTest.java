package io.rediha.node.replication;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The diskless full sync streams an image of the master while the master keeps writing: the
 * writes made during the transfer (in place, like BITFIELD INCRBY and HINCRBY, or replacing,
 * like APPEND and DEL) reach the replica exactly once, and master and replica end equal key by key.
 */
class FullSyncUnderWritesTest {
    @TempDir
    Path dir;

    private static final int KEYS = 60_000;

    @Test
    void writesDuringTheStreamedTransferAreNeitherLostNorAppliedTwice() throws Exception {
        try (InProcessNode m = InProcessNode.start(Files.createDirectories(dir.resolve("m")));
             InProcessNode r = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis mj = m.client(); Jedis rj = r.client()) {
            Pipeline p = mj.pipelined();
            for (int i = 0; i < KEYS; i++) {
                p.set("s:" + i, "value-" + i);
                if (i % 20 == 0) {
                    p.setbit("bm:" + i, i % 64, true);
                    p.hset("h:" + i, "f", "0");
                    p.pexpire("s:" + i, 3_600_000);
                }
            }
            p.sync();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            Thread writer = new Thread(() -> {
                Random rnd = new Random(4);
                try (Jedis w = m.client()) {
                    long deadline = System.currentTimeMillis() + 20_000;
                    while (!stop.get() && System.currentTimeMillis() < deadline) {
                        Pipeline wp = w.pipelined();
                        for (int k = 0; k < 200; k++) {
                            int i = rnd.nextInt(KEYS / 20) * 20;
                            switch (rnd.nextInt(6)) {
                                case 0 -> wp.bitfield("bm:" + i, "INCRBY", "u8", "8", "1");
                                case 1 -> wp.hincrBy("h:" + i, "f", 1);
                                case 2 -> wp.incr("counter");
                                case 3 -> wp.append("s:" + i, "+");
                                case 4 -> wp.del("s:" + (i + 1));
                                default -> wp.set("new:" + rnd.nextInt(1000), "n" + k);
                            }
                        }
                        wp.sync();
                        writes.addAndGet(200);
                    }
                }
            }, "writer");
            writer.start();
            await(() -> writes.get() >= 2000, 10_000, "writer running");
            rj.replicaof("127.0.0.1", m.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 30_000, "link up");
            long atLinkUp = writes.get();
            await(() -> writes.get() >= atLinkUp + 2000, 10_000, "writes after the sync");
            stop.set(true);
            writer.join(10_000);
            await(() -> field(rj, "slave_repl_offset").equals(field(mj, "master_repl_offset")), 10_000, "offsets equal");

            assertTrue(mj.info("replication").contains("state=online"));
            assertEquals(mj.dbSize(), rj.dbSize());
            assertSameKeyByKey(mj, rj);
        }
    }

    private static void assertSameKeyByKey(Jedis mj, Jedis rj) {
        String cursor = ScanParams.SCAN_POINTER_START;
        long compared = 0;
        do {
            ScanResult<String> page = mj.scan(cursor, new ScanParams().count(1000));
            List<String> keys = page.getResult();
            assertEquals(describe(mj, keys), describe(rj, keys));
            compared += keys.size();
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        assertEquals(mj.dbSize(), compared);
        assertTrue(compared > KEYS / 2, "compared the whole dataset");
    }

    /** Each key's type, value and expiry, read in one pipeline. */
    private static List<String> describe(Jedis j, List<String> keys) {
        Pipeline p = j.pipelined();
        List<Response<String>> types = new ArrayList<>();
        List<Response<Long>> expiries = new ArrayList<>();
        for (String k : keys) {
            types.add(p.type(k));
            expiries.add(p.pexpireTime(k));
        }
        p.sync();
        p = j.pipelined();
        List<Response<?>> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            values.add(types.get(i).get().equals("hash") ? p.hgetAll(keys.get(i)) : p.get(keys.get(i)));
        }
        p.sync();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(keys.get(i) + " " + types.get(i).get() + " " + values.get(i).get() + " " + expiries.get(i).get());
        }
        return out;
    }
}
