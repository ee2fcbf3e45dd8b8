package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Stream commands against Debian's redis-server 7.0: the same command sequences go to both
 * servers and every reply (errors included) must be equal. Replies that carry the time (idle
 * times, delivery times, generated IDs) are left out of the scripts; blocking is checked on ours.
 */
class StreamCommandsTest extends ServerTestBase {
    @TempDir
    static Path dir;
    static RealRedis redis;
    static Jedis real;

    @BeforeAll
    static void startRealRedis() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        redis = RealRedis.start(dir, "--enable-debug-command", "yes");
        real = redis.client();
    }

    @AfterAll
    static void stopRealRedis() throws Exception {
        if (real != null) {
            real.close();
            redis.close();
        }
    }

    /** The reply as plain values, or the error text. */
    private static Object reply(Jedis j, String... args) {
        try {
            return call(j, args);
        } catch (JedisDataException e) {
            return "error: " + e.getMessage();
        }
    }

    private static void assertSameReplies(List<String[]> script) {
        real.flushAll();
        jedis.flushAll();
        for (String[] cmd : script) {
            assertEquals(reply(real, cmd), reply(jedis, cmd), "reply to " + String.join(" ", cmd));
        }
    }

    private static List<String[]> script(String... lines) {
        List<String[]> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.split(" "));
        }
        return out;
    }

    @Test
    void entryCommandsAnswerAsRedisDoes() {
        assertSameReplies(script(
                "xadd s 1-1 a 1 b 2", "xadd s 1-1 a 1", "xadd s 1-* a 1", "xadd s 2 a 1 b 2", "xadd s 0-0 a 1",
                "xadd s 5-5 a", "xadd s foo a 1", "xadd s nomkstream 6-0 x y", "xadd nokey nomkstream 6-0 x y",
                "xadd s maxlen 2 7-0 f v", "xlen s", "xrange s - +", "xrevrange s + -", "xrange s - + count 1",
                "xrange s - + count 0", "xrange s (1-1 +", "xrange s - (7-0", "xrange s (- +", "xrange s - + foo",
                "xrange nokey - +", "xadd s minid = 7 8-0 f v", "xadd s maxlen ~ 1 9-0 f v",
                "xadd s maxlen ~ 1 limit 10 10-0 f v", "xadd s maxlen 1 limit 10 11-0 f v", "xadd s limit 10 12-0 f v",
                "xadd s maxlen -1 13-0 f v", "xadd s maxlen 1 minid 1 13-0 f v", "xtrim s", "xtrim s maxlen 1",
                "xtrim s maxlen 1 foo", "xdel s 11-0 99-0", "xdel s bad", "xdel nokey 1-1", "xsetid s 1-0",
                "xsetid s 200-0 entriesadded 1", "xsetid s 200-0 entriesadded 100 maxdeletedid 300-0",
                "xsetid s 200-0 entriesadded 100 maxdeletedid 50-0", "xsetid nokey 1-1", "set str x",
                "xadd str 1-1 a b", "xrange str - +", "xadd s 18446744073709551615-18446744073709551615 a b",
                "xadd s 5-0 a b", "xadd s2 18446744073709551615-* a b", "type s", "object encoding s",
                "xread streams s 0", "xread count 1 streams s s2 0 0", "xread streams s", "xread streams s $",
                "xread group g c streams s 0", "xread noack streams s 0", "xread streams s >", "xread block -1 streams s $",
                "xread block abc streams s $", "xread foo streams s 0", "xinfo help", "xinfo foo s", "xinfo stream s foo",
                "xinfo stream nokey", "xgroup help", "xgroup foo"));
    }

    @Test
    void consumerGroupCommandsAnswerAsRedisDoes() {
        assertSameReplies(script(
                "xadd s 1-1 a 1 b 2", "xadd s 2-1 a 1 b 2", "xadd s 3-1 a 1 c 2", "xreadgroup group g c streams s >",
                "xgroup create s g $", "xgroup create s g $", "xgroup create s g2 0 entriesread 1",
                "xgroup create s g3 0 entriesread -5", "xgroup create s g3 0 foo", "xgroup create nokey g 0",
                "xgroup create nokey g 0 mkstream", "xgroup create s gx bad", "xgroup create s", "xgroup setid s nog 0",
                "xgroup setid s g 0", "xgroup setid s g 0 entriesread 5", "xinfo groups s",
                "xreadgroup group g alice count 1 streams s >", "xreadgroup group g bob streams s >",
                "xreadgroup group g alice streams s 0", "xreadgroup group g alice streams s 1-1",
                "xreadgroup group g alice streams s $", "xreadgroup group nog alice streams s >",
                "xreadgroup streams s >", "xpending s g", "xpending s g - + 10 nobody", "xpending s g idle 1000000 - + 10",
                "xpending s g idle 1000000 - +", "xpending s nog", "xpending nokey g", "xpending s g - + abc",
                "xack s g 1-1 bad", "xack s g 1-1", "xack s g 1-1 2-1", "xack s nog 1-1", "xinfo groups s",
                "xinfo consumers s nog", "xgroup createconsumer s g carol", "xgroup createconsumer s g carol",
                "xgroup delconsumer s g bob", "xgroup delconsumer s g nobody", "xinfo groups s",
                "xclaim s g dave 0 3-1 justid", "xclaim s g dave 0 1-1 force justid", "xclaim s g dave 0 1-1 foo",
                "xclaim s g dave abc 1-1", "xclaim s g dave 0 1-1 idle abc", "xclaim s nog dave 0 1-1",
                "xautoclaim s g erin 0 0 count 1", "xautoclaim s g erin 0 0 count 0", "xautoclaim s g erin 0 0 justid",
                "xautoclaim s g erin 0 0 foo", "xautoclaim s nog erin 0 0", "xdel s 1-1", "xautoclaim s g erin 0 0",
                "xgroup destroy s g", "xgroup destroy s g", "xinfo groups s"));
    }

    /**
     * A seeded mix of adds (with fields that repeat the node's master fields or not), deletes and
     * exact and approximate trims, with small nodes: the entries, counters and node count
     * (what approximate trimming depends on) must come out as in Redis.
     */
    @Test
    void generatedAddsDeletesAndTrimsLeaveTheSameStreamAsRedis() {
        real.flushAll();
        jedis.flushAll();
        for (Jedis j : List.of(real, jedis)) {
            j.configSet("stream-node-max-entries", "8");
            j.configSet("stream-node-max-bytes", "300");
        }
        try {
            Random rnd = new Random(20261122);
            long ms = 1;
            for (int i = 0; i < 600; i++) {
                int op = rnd.nextInt(20);
                String[] cmd;
                if (op < 14) {
                    ms += rnd.nextInt(3);
                    String fields = rnd.nextBoolean() ? "a " + rnd.nextInt(1000) + " b x" + "y".repeat(rnd.nextInt(40))
                            : "c " + rnd.nextInt(100000000);
                    cmd = ("xadd s " + ms + "-* " + fields).split(" ");
                } else if (op < 17) {
                    cmd = ("xdel s " + (1 + rnd.nextInt((int) ms)) + "-" + rnd.nextInt(3)).split(" ");
                } else if (op < 19) {
                    cmd = ("xtrim s maxlen " + (rnd.nextBoolean() ? "~ " : "") + (40 + rnd.nextInt(40))).split(" ");
                } else {
                    cmd = ("xtrim s minid " + (rnd.nextBoolean() ? "~ " : "") + Math.max(1, ms - 60)).split(" ");
                }
                assertEquals(reply(real, cmd), reply(jedis, cmd), "reply to " + String.join(" ", cmd));
            }
            assertEquals(reply(real, "xrange", "s", "-", "+"), reply(jedis, "xrange", "s", "-", "+"));
            assertEquals(withoutRadixNodes(reply(real, "xinfo", "stream", "s")),
                    withoutRadixNodes(reply(jedis, "xinfo", "stream", "s")), "length, node count, IDs and counters");
            assertEquals(reply(real, "debug", "digest-value", "s"), reply(jedis, "debug", "digest-value", "s"));

        } finally {
            for (Jedis j : List.of(real, jedis)) {
                j.configSet("stream-node-max-entries", "100");
                j.configSet("stream-node-max-bytes", "4096");
            }
        }
    }

    private static Object withoutRadixNodes(Object info) {
        List<?> l = new ArrayList<>((List<?>) info);
        int i = l.indexOf("radix-tree-nodes");
        l.remove(i + 1);
        l.remove(i);
        return l;
    }

    @Test
    void blockedXreadIsWokenByXaddOnTheStream() throws Exception {
        assertEquals(new redis.clients.jedis.StreamEntryID(1, 1),
                jedis.xadd("s", new redis.clients.jedis.StreamEntryID(1, 1), java.util.Map.of("a", "1")),
                "Jedis's typed XADD reads our reply");
        try (Jedis reader = server.jedis()) {
            CompletableFuture<Object> read = CompletableFuture.supplyAsync(
                    () -> call(reader, "xread", "block", "5000", "streams", "s", "$"));
            awaitBlockedClients(1);
            call("xadd", "s", "2-0", "f", "v");
            assertEquals(List.of(List.of("s", List.of(List.of("2-0", List.of("f", "v"))))), read.get(5, TimeUnit.SECONDS),
                    "the reader gets the entry added after it blocked, not the older one");
        }
        assertEquals(null, call("xread", "block", "50", "streams", "s", "$"), "a timeout answers the null array");
    }

    @Test
    void blockedXreadgroupLearnsThatItsStreamWasDeleted() throws Exception {
        call("xgroup", "create", "s", "g", "$", "mkstream");
        try (Jedis reader = server.jedis()) {
            CompletableFuture<Object> read = CompletableFuture.supplyAsync(
                    () -> reply(reader, "xreadgroup", "group", "g", "alice", "block", "0", "streams", "s", ">"));
            awaitBlockedClients(1);
            call("del", "s");
            assertEquals("error: UNBLOCKED the stream key no longer exists", read.get(5, TimeUnit.SECONDS));
        }
    }

    private static void awaitBlockedClients(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (jedis.info("clients").contains("blocked_clients:" + n)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no " + n + " blocked client(s): " + jedis.info("clients"));
    }

    @Test
    void xreadgroupPropagatesEachDeliveryAsAnIdempotentXclaim() {
        List<String> effects = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.onCommandThread(() -> {
            server.server().propagation().addListener((db, argv) -> {
                List<String> words = new ArrayList<>();
                for (byte[] a : argv) {
                    words.add(new String(a));
                }
                effects.add(String.join(" ", words));
            });
            return null;
        });
        call("xadd", "s", "1-0", "f", "v");
        call("xgroup", "create", "s", "g", "0");
        String id = (String) call("xadd", "s", "*", "f", "v");
        call("xreadgroup", "group", "g", "alice", "count", "1", "streams", "s", ">");
        call("xreadgroup", "group", "g", "bob", "noack", "streams", "s", ">");

        assertTrue(effects.contains("xadd s " + id + " f v"), "XADD * carries the generated ID: " + effects);
        assertTrue(effects.stream().anyMatch(e -> e.matches("XCLAIM s g alice 0 1-0 TIME \\d+ RETRYCOUNT 1 FORCE JUSTID LASTID 1-0")),
                "a delivery becomes an XCLAIM: " + effects);
        assertTrue(effects.contains("XGROUP CREATECONSUMER s g bob"), "NOACK creates its consumer explicitly: " + effects);
        assertTrue(effects.contains("XGROUP SETID s g " + id + " ENTRIESREAD 2"), "NOACK moves the group's ID: " + effects);
        assertTrue(effects.stream().noneMatch(e -> e.startsWith("xreadgroup")), "never as itself: " + effects);
    }
}
