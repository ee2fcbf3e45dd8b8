package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/** What AOF and replication will receive: effects, not requests. */
class PropagationTest {
    static TestServer server;
    static Jedis jedis;
    static final List<String> effects = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start("--enable-debug-command", "yes");
        server.server().propagation().addListener((db, argv) -> {
            List<String> words = new ArrayList<>();
            for (byte[] a : argv) {
                words.add(new String(a, StandardCharsets.UTF_8));
            }
            effects.add(db + " " + String.join(" ", words));
        });
        jedis = server.jedis();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        jedis.flushAll();
        effects.clear();
    }

    @Test
    void relativeExpiriesArePropagatedAsAbsoluteOnes() {
        long before = System.currentTimeMillis();
        jedis.setex("k", 100, "v");
        jedis.expire("k", 200);
        String set = effects.get(0);
        assertTrue(set.startsWith("0 SET k v PXAT "), set);
        long at = Long.parseLong(set.substring("0 SET k v PXAT ".length()));
        assertTrue(at >= before + 100_000 && at <= System.currentTimeMillis() + 100_000, "absolute time " + at);
        assertTrue(effects.get(1).startsWith("0 PEXPIREAT k "), effects.get(1));
    }

    @Test
    void readsAndFailedWritesAreNotPropagated() {
        jedis.get("k");
        jedis.setnx("k", "1");
        jedis.setnx("k", "2");
        jedis.lpush("l", "x");
        try {
            jedis.incr("l");
        } catch (RuntimeException expected) {
            // WRONGTYPE
        }
        assertEquals(List.of("0 SETNX k 1", "0 LPUSH l x"), effects);
    }

    @Test
    void transactionsArriveWrappedInMultiExecWithTheirDatabase() {
        jedis.select(3);
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.incr("a");
        t.get("a");
        t.exec();
        jedis.select(0);
        assertEquals(List.of("3 MULTI", "3 SET a 1", "3 INCR a", "3 EXEC"), effects);
    }

    @Test
    void expiredKeysArePropagatedAsDelBeforeTheCommandThatFoundThem() throws Exception {
        jedis.sendCommand(() -> "DEBUG".getBytes(), "SET-ACTIVE-EXPIRE", "0");
        try {
            jedis.psetex("k", 1, "v");
            Thread.sleep(10);
            effects.clear();
            jedis.set("k", "new", redis.clients.jedis.params.SetParams.setParams().nx());
            assertEquals(List.of("0 MULTI", "0 DEL k", "0 SET k new NX", "0 EXEC"), effects,
                    "the lazy expiry and the write reach replicas together and in order");
        } finally {
            jedis.sendCommand(() -> "DEBUG".getBytes(), "SET-ACTIVE-EXPIRE", "1");
        }
    }

    @Test
    void spopAndIncrbyfloatPropagateTheirEffect() {
        jedis.sadd("s", "only");
        jedis.spop("s");
        jedis.incrByFloat("f", 1.5);
        assertEquals("0 SREM s only", effects.get(1));
        assertEquals("0 SET f 1.5 KEEPTTL", effects.get(2));
    }
}
