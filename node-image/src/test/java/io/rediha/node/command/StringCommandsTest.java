package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

class StringCommandsTest extends ServerTestBase {

    @Test
    void setAndGetRoundTripBinaryValues() {
        byte[] value = {0, 1, 2, (byte) 0xff, '\r', '\n'};
        jedis.set("k".getBytes(), value);
        assertEquals(List.of((byte) 0, (byte) 1), List.of(jedis.get("k".getBytes())[0], jedis.get("k".getBytes())[1]));
        assertEquals(6, jedis.get("k".getBytes()).length, "binary value kept whole");
        assertNull(jedis.get("missing"));
    }

    @Test
    void setHonoursNxXxGetAndExpiryOptions() {
        assertEquals("OK", jedis.set("k", "v1", SetParams.setParams().nx()));
        assertNull(jedis.set("k", "v2", SetParams.setParams().nx()), "NX on an existing key does nothing");
        assertNull(jedis.set("other", "v", SetParams.setParams().xx()), "XX on a missing key does nothing");
        assertEquals("v1", call("SET", "k", "v3", "GET"), "GET returns the old value");
        assertEquals("OK", jedis.set("k", "v", SetParams.setParams().ex(100)));
        long ttl = jedis.ttl("k");
        assertTrue(ttl > 98 && ttl <= 100, "EX sets the ttl, got " + ttl);
        jedis.set("k", "v", SetParams.setParams().keepTtl());
        assertTrue(jedis.ttl("k") > 90, "KEEPTTL keeps it");
        jedis.set("k", "v");
        assertEquals(-1, jedis.ttl("k"), "plain SET clears it");
        long at = System.currentTimeMillis() + 50_000;
        call("SET", "k", "v", "PXAT", Long.toString(at));
        assertEquals(at, jedis.pexpireTime("k"));
    }

    @Test
    void setRefusesBadOptionsWithRedisErrors() {
        assertError("ERR syntax error", "SET", "k", "v", "NX", "XX");
        assertError("ERR syntax error", "SET", "k", "v", "EX", "10", "PX", "100");
        assertError("ERR syntax error", "SET", "k", "v", "EX");
        assertError("ERR value is not an integer or out of range", "SET", "k", "v", "EX", "ten");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "EX", "0");
        assertError("ERR invalid expire time in 'set' command", "SET", "k", "v", "EX", "-5");
        assertError("ERR invalid expire time in 'setex' command", "SETEX", "k", "-1", "v");
        assertError("ERR wrong number of arguments for 'set' command", "SET", "k");
        jedis.lpush("list", "x");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "GET", "list");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "SET", "list", "v", "GET");
    }

    @Test
    void countersIncrementAndReportOverflow() {
        assertEquals(1, jedis.incr("n"));
        assertEquals(11, jedis.incrBy("n", 10));
        assertEquals(6, jedis.decrBy("n", 5));
        assertEquals(5, jedis.decr("n"));
        jedis.set("n", "9223372036854775807");
        assertError("ERR increment or decrement would overflow", "INCR", "n");
        jedis.set("s", "abc");
        assertError("ERR value is not an integer or out of range", "INCR", "s");
        jedis.set("s", " 1");
        assertError("ERR value is not an integer or out of range", "INCR", "s");
        assertError("ERR value is not an integer or out of range", "INCRBY", "n", "1.5");
    }

    @Test
    void incrByFloatKeepsDecimalTextLikeRedis() {
        assertEquals("10.5", call("INCRBYFLOAT", "f", "10.5"));
        assertEquals("10.6", call("INCRBYFLOAT", "f", "0.1"));
        jedis.set("g", "0.1");
        assertEquals("0.3", call("INCRBYFLOAT", "g", "0.2"));
        assertEquals("5000", call("INCRBYFLOAT", "h", "5.0e3"));
        jedis.set("s", "x");
        assertError("ERR value is not a valid float", "INCRBYFLOAT", "s", "1");
        assertError("ERR increment would produce NaN or Infinity", "INCRBYFLOAT", "f", "inf");
    }

    @Test
    void rangesAppendAndLength() {
        assertEquals(5, jedis.append("s", "Hello"));
        assertEquals(11, jedis.append("s", " World"));
        assertEquals(11, jedis.strlen("s"));
        assertEquals("World", jedis.getrange("s", -5, -1));
        assertEquals("Hello World", jedis.getrange("s", 0, 100));
        assertEquals("", jedis.getrange("s", 5, 3));
        assertEquals(11, jedis.setrange("s", 6, "Redis"));
        assertEquals("Hello Redis", jedis.get("s"));
        assertEquals(5, jedis.setrange("pad", 2, "abc"));
        assertEquals("\0\0abc", jedis.get("pad"));
        assertError("ERR offset is out of range", "SETRANGE", "s", "-1", "x");
        assertEquals("ell", call("SUBSTR", "s", "1", "3"));
    }

    @Test
    void multiKeyCommandsAreAllOrNothing() {
        assertEquals("OK", jedis.mset("a", "1", "b", "2"));
        assertEquals(java.util.Arrays.asList("1", "2", null), jedis.mget("a", "b", "c"));
        assertEquals(0, jedis.msetnx("c", "3", "a", "x"), "a exists, so nothing is set");
        assertNull(jedis.get("c"));
        assertEquals(1, jedis.msetnx("c", "3", "d", "4"));
        assertError("ERR wrong number of arguments for 'mset' command", "MSET", "a", "1", "b");
        jedis.lpush("l", "x");
        assertEquals(java.util.Arrays.asList("1", null), jedis.mget("a", "l"), "MGET shows other types as nil");
    }

    @Test
    void getDelGetExGetSetAndSetNx() {
        jedis.set("k", "v");
        assertEquals("v", jedis.getDel("k"));
        assertEquals(0, jedis.exists("k") ? 1 : 0);
        jedis.set("k", "v");
        assertEquals("v", call("GETEX", "k", "EX", "100"));
        assertTrue(jedis.ttl("k") > 90);
        assertEquals("v", call("GETEX", "k", "PERSIST"));
        assertEquals(-1, jedis.ttl("k"));
        assertEquals("v", jedis.getSet("k", "w"));
        assertEquals(0, jedis.setnx("k", "z"));
        assertEquals(1, jedis.setnx("new", "z"));
        assertError("ERR syntax error", "GETEX", "k", "EX", "10", "PERSIST");
    }

    @Test
    void lcsFindsTheLongestCommonSubsequence() {
        jedis.mset("key1", "ohmytext", "key2", "mynewtext");
        assertEquals("mytext", call("LCS", "key1", "key2"));
        assertEquals(6L, call("LCS", "key1", "key2", "LEN"));
        Object idx = call("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
        assertEquals(List.of("matches", List.of(List.of(List.of(4L, 7L), List.of(5L, 8L), 4L)), "len", 6L), idx);
        assertError("ERR If you want both the length and indexes, please just use IDX.", "LCS", "key1", "key2", "LEN", "IDX");
    }
}
