package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

class KeyCommandsTest extends ServerTestBase {

    @Test
    void expireOptionsFollowRedisRules() {
        jedis.set("k", "v");
        assertEquals(1L, call("EXPIRE", "k", "100", "NX"));
        assertEquals(0L, call("EXPIRE", "k", "200", "NX"), "NX: already has a ttl");
        assertEquals(0L, call("EXPIRE", "k", "50", "GT"), "GT: 50 is not greater");
        assertEquals(1L, call("EXPIRE", "k", "200", "GT"));
        assertEquals(1L, call("EXPIRE", "k", "150", "LT"));
        assertEquals(1L, call("EXPIRE", "k", "300", "XX"));
        jedis.set("p", "v");
        assertEquals(0L, call("EXPIRE", "p", "100", "XX"), "XX: no ttl yet");
        assertEquals(0L, call("EXPIRE", "p", "100", "GT"), "GT: no ttl counts as infinite");
        assertEquals(1L, call("EXPIRE", "p", "100", "LT"));
        assertError("ERR NX and XX, GT or LT options at the same time are not compatible", "EXPIRE", "k", "1", "NX", "XX");
        assertError("ERR GT and LT options at the same time are not compatible", "EXPIRE", "k", "1", "GT", "LT");
        assertError("ERR Unsupported option foo", "EXPIRE", "k", "1", "foo");
        assertError("ERR value is not an integer or out of range", "EXPIRE", "k", "x");
        assertError("ERR invalid expire time in 'expire' command", "EXPIRE", "k", "9223372036854775807");
        assertEquals(0L, call("EXPIRE", "missing", "10"));
    }

    @Test
    void ttlFamilyReportsMissingAndPersistentKeys() {
        assertEquals(-2, jedis.ttl("missing"));
        assertEquals(-2, jedis.pttl("missing"));
        jedis.set("k", "v");
        assertEquals(-1, jedis.ttl("k"));
        assertEquals(-1L, call("EXPIRETIME", "k"));
        long at = System.currentTimeMillis() / 1000 + 1000;
        jedis.expireAt("k", at);
        assertEquals(at, call("EXPIRETIME", "k"));
        assertEquals(at * 1000, call("PEXPIRETIME", "k"));
        assertEquals(1, jedis.persist("k"));
        assertEquals(0, jedis.persist("k"));
        assertEquals(-1, jedis.ttl("k"));
    }

    @Test
    void expiredKeysVanishOnAccessAndInTheBackground() throws Exception {
        jedis.set("lazy", "v");
        jedis.pexpire("lazy", 1);
        Thread.sleep(5);
        assertNull(jedis.get("lazy"), "read after expiry finds nothing");
        for (int i = 0; i < 200; i++) {
            jedis.psetex("bg" + i, 20, "v");
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (jedis.dbSize() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, jedis.dbSize(), "the active cycle removed expired keys nobody read");
        assertTrue(server.server().stats().expiredKeys >= 200);
    }

    @Test
    void expireInThePastDeletesTheKey() {
        jedis.set("k", "v");
        assertEquals(1L, call("EXPIRE", "k", "-1"));
        assertFalse(jedis.exists("k"));
    }

    @Test
    void delExistsTypeAndTouch() {
        jedis.set("a", "1");
        jedis.lpush("b", "x");
        assertEquals(3L, call("EXISTS", "a", "b", "a"), "duplicates count");
        assertEquals("string", jedis.type("a"));
        assertEquals("list", jedis.type("b"));
        assertEquals("none", jedis.type("c"));
        assertEquals(2L, call("TOUCH", "a", "b", "c"));
        assertEquals(2, jedis.del("a", "b", "c"));
        assertEquals(0L, call("UNLINK", "a"));
    }

    @Test
    void renameKeepsTtlAndReportsMissingKey() {
        jedis.setex("src", 100, "v");
        assertEquals("OK", jedis.rename("src", "dst"));
        assertEquals("v", jedis.get("dst"));
        assertTrue(jedis.ttl("dst") > 90);
        assertError("ERR no such key", "RENAME", "src", "x");
        jedis.set("x", "1");
        assertEquals(0, jedis.renamenx("dst", "x"));
        assertEquals(1, jedis.renamenx("dst", "y"));
    }

    @Test
    void moveAndCopyBetweenDatabases() {
        jedis.set("k", "v");
        assertEquals(1, jedis.move("k", 1));
        assertFalse(jedis.exists("k"));
        assertError("ERR source and destination objects are the same", "MOVE", "k", "0");
        assertError("ERR DB index is out of range", "MOVE", "k", "99");
        jedis.select(1);
        assertEquals("v", jedis.get("k"));
        assertEquals(1L, call("COPY", "k", "k2"));
        assertEquals(0L, call("COPY", "k", "k2"));
        assertEquals(1L, call("COPY", "k", "k2", "REPLACE"));
        assertEquals(1L, call("COPY", "k", "k", "DB", "0"));
        jedis.select(0);
        assertEquals("v", jedis.get("k"));
    }

    @Test
    void scanReturnsEveryKeyPresentForTheWholeScanWhileTheTableChanges() {
        for (int i = 0; i < 1000; i++) {
            jedis.set("stay:" + i, "v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int round = 0;
        do {
            ScanResult<String> r = jedis.scan(cursor, new ScanParams().count(50));
            seen.addAll(r.getResult());
            cursor = r.getCursor();
            // Grow and shrink the table between calls: new keys, then delete them again.
            for (int i = 0; i < 300; i++) {
                if (round % 2 == 0) {
                    jedis.set("churn:" + round + ":" + i, "v");
                } else {
                    jedis.del("churn:" + (round - 1) + ":" + i);
                }
            }
            round++;
        } while (!cursor.equals("0"));
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.contains("stay:" + i), "SCAN missed stay:" + i);
        }
    }

    @Test
    void scanFiltersByMatchAndType() {
        jedis.set("user:1", "a");
        jedis.lpush("user:2", "a");
        jedis.set("other", "a");
        Set<String> keys = new HashSet<>();
        String cursor = "0";
        do {
            ScanResult<String> r = jedis.scan(cursor, new ScanParams().match("user:*").count(1000), "string");
            keys.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertEquals(Set.of("user:1"), keys);
        assertError("ERR invalid cursor", "SCAN", "abc");
        assertError("ERR syntax error", "SCAN", "0", "COUNT", "0");
        assertEquals(Set.of("user:1", "user:2"), jedis.keys("user:*"));
    }

    @Test
    void sortByNumbersAlphaPatternsAndStore() {
        jedis.rpush("l", "3", "1", "2");
        assertEquals(List.of("1", "2", "3"), call("SORT", "l"));
        assertEquals(List.of("3", "2", "1"), call("SORT", "l", "DESC"));
        assertEquals(List.of("2", "3"), call("SORT", "l", "LIMIT", "1", "2"));
        jedis.mset("w_1", "30", "w_2", "10", "w_3", "20", "o_1", "one", "o_2", "two", "o_3", "three");
        assertEquals(List.of("2", "3", "1"), call("SORT", "l", "BY", "w_*"));
        assertEquals(List.of("two", "three", "one"), call("SORT", "l", "BY", "w_*", "GET", "o_*"));
        assertEquals(java.util.Arrays.asList("2", "two", "3", "three", "1", "one"),
                call("SORT", "l", "BY", "w_*", "GET", "#", "GET", "o_*"));
        jedis.rpush("words", "banana", "apple");
        assertEquals(List.of("apple", "banana"), call("SORT", "words", "ALPHA"));
        assertError("ERR One or more scores can't be converted into double", "SORT", "words");
        assertEquals(2L, call("SORT", "words", "ALPHA", "STORE", "sorted"));
        assertEquals(List.of("apple", "banana"), jedis.lrange("sorted", 0, -1));
        jedis.hset("h_1", "f", "3");
        jedis.hset("h_2", "f", "1");
        jedis.hset("h_3", "f", "2");
        assertEquals(List.of("2", "3", "1"), call("SORT", "l", "BY", "h_*->f"));
        assertError("ERR syntax error", "SORT_RO", "l", "STORE", "x");
    }

    @Test
    void objectReportsEncodingsLikeRedis() {
        jedis.set("int", "12345");
        jedis.set("short", "hello");
        jedis.set("long", "x".repeat(50));
        assertEquals("int", jedis.objectEncoding("int"));
        assertEquals("embstr", jedis.objectEncoding("short"));
        assertEquals("raw", jedis.objectEncoding("long"));
        jedis.sadd("ints", "1", "2");
        assertEquals("intset", jedis.objectEncoding("ints"));
        jedis.sadd("ints", "x");
        assertEquals("hashtable", jedis.objectEncoding("ints"));
        jedis.hset("h", "f", "v");
        assertEquals("listpack", jedis.objectEncoding("h"));
        jedis.zadd("z", 1, "m");
        assertEquals("listpack", jedis.objectEncoding("z"));
        jedis.rpush("l", "a");
        assertEquals("quicklist", jedis.objectEncoding("l"));
        assertNull(jedis.objectEncoding("missing"));
        assertTrue(jedis.objectIdletime("short") >= 0);
        assertError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when "
                + "switching between policies at runtime LRU and LFU data will take some time to adjust.", "OBJECT", "FREQ", "short");
    }

    @Test
    void randomKeyAndDbsizeAndFlush() {
        assertNull(jedis.randomKey());
        jedis.set("only", "v");
        assertEquals("only", jedis.randomKey());
        assertEquals(1, jedis.dbSize());
        assertEquals("OK", jedis.flushDB());
        assertEquals(0, jedis.dbSize());
        assertError("ERR syntax error", "FLUSHALL", "LATER");
    }
}
