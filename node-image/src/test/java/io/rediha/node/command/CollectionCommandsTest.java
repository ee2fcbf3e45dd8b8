package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.Tuple;

/** Lists, hashes and sets: the redis-benchmark commands and their neighbours, errors included. */
class CollectionCommandsTest extends ServerTestBase {

    @Test
    void listPushPopRangeAndIndex() {
        assertEquals(3, jedis.rpush("l", "a", "b", "c"));
        assertEquals(4, jedis.lpush("l", "z"));
        assertEquals(List.of("z", "a", "b", "c"), jedis.lrange("l", 0, -1));
        assertEquals(List.of("b", "c"), jedis.lrange("l", -2, 100));
        assertEquals("a", jedis.lindex("l", 1));
        assertNull(jedis.lindex("l", 10));
        assertEquals("z", jedis.lpop("l"));
        assertEquals("c", jedis.rpop("l"));
        assertEquals(List.of("a", "b"), jedis.lpop("l", 5));
        assertFalse(jedis.exists("l"), "an emptied list is deleted");
        assertNull(jedis.lpop("l"));
        assertNull(jedis.lpop("l", 2));
        assertEquals(0, jedis.lpushx("l", "x"));
        assertError("ERR value is out of range, must be positive", "LPOP", "l", "-1");
    }

    @Test
    void listEditing() {
        jedis.rpush("l", "a", "b", "a", "c", "a");
        assertEquals("OK", jedis.lset("l", 1, "B"));
        assertError("ERR index out of range", "LSET", "l", "10", "x");
        assertError("ERR no such key", "LSET", "missing", "0", "x");
        assertEquals(2, jedis.lrem("l", 2, "a"));
        assertEquals(List.of("B", "c", "a"), jedis.lrange("l", 0, -1));
        assertEquals(4, jedis.linsert("l", ListPosition.BEFORE, "c", "x"));
        assertEquals(-1, jedis.linsert("l", ListPosition.AFTER, "nope", "x"));
        assertEquals("OK", jedis.ltrim("l", 1, 2));
        assertEquals(List.of("x", "c"), jedis.lrange("l", 0, -1));
        assertEquals(2, jedis.llen("l"));
        assertEquals(1L, jedis.lpos("l", "c"));
        assertEquals("c", jedis.lmove("l", "m", ListDirection.RIGHT, ListDirection.LEFT));
        assertEquals("x", jedis.rpoplpush("l", "m"));
        assertEquals(List.of("x", "c"), jedis.lrange("m", 0, -1));
        jedis.set("s", "v");
        assertError("WRONGTYPE Operation against a key holding the wrong kind of value", "LPUSH", "s", "x");
    }

    @Test
    void blpopWaitsForAPushFromAnotherClientAndTimesOut() throws Exception {
        java.util.concurrent.CompletableFuture<List<String>> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (redis.clients.jedis.Jedis j = server.jedis()) {
                return j.blpop(5, "queue", "other");
            }
        });
        long deadline = System.currentTimeMillis() + 5000;
        while (!jedis.info("clients").contains("blocked_clients:1") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, jedis.rpush("queue", "job"));
        assertEquals(List.of("queue", "job"), waiting.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(jedis.exists("queue"), "the waiting client took the element");
        long t0 = System.currentTimeMillis();
        assertNull(jedis.blpop(1, "nothing"), "a timeout answers nil");
        assertTrue(System.currentTimeMillis() - t0 >= 900);
        assertError("ERR timeout is negative", "BLPOP", "q", "-1");
        assertError("ERR timeout is not a float or out of range", "BLPOP", "q", "abc");
        redis.clients.jedis.Transaction t = jedis.multi();
        t.blpop(10, "nothing");
        assertEquals(java.util.Arrays.asList((Object) null), t.exec(), "inside EXEC a blocking pop does not wait");
        jedis.zadd("zq", 2, "m");
        assertEquals(List.of("zq", "m", "2"), call("BZPOPMIN", "zq", "1"));
    }

    @Test
    void hashFieldsAndCounters() {
        assertEquals(2, jedis.hset("h", Map.of("f1", "v1", "f2", "v2")));
        assertEquals("OK", jedis.hmset("h", Map.of("f3", "v3")));
        assertEquals("v1", jedis.hget("h", "f1"));
        assertEquals(java.util.Arrays.asList("v1", null), jedis.hmget("h", "f1", "nope"));
        assertEquals(Map.of("f1", "v1", "f2", "v2", "f3", "v3"), jedis.hgetAll("h"));
        assertEquals(3, jedis.hlen("h"));
        assertTrue(jedis.hexists("h", "f2"));
        assertEquals(Set.of("f1", "f2", "f3"), jedis.hkeys("h"));
        assertEquals(3, jedis.hvals("h").size());
        assertEquals(1, jedis.hdel("h", "f1", "nope"));
        assertEquals(5, jedis.hincrBy("h", "n", 5));
        assertEquals(2.5, jedis.hincrByFloat("h", "x", 2.5));
        assertError("ERR hash value is not an integer", "HINCRBY", "h", "f2", "1");
        assertError("ERR wrong number of arguments for 'hset' command", "HSET", "h", "f");
        assertEquals(0, jedis.hsetnx("h", "f2", "x"));
        assertEquals(2, jedis.hstrlen("h", "f2"));
        jedis.del("h");
        jedis.hset("h", "only", "v");
        assertEquals(1, jedis.hdel("h", "only"));
        assertFalse(jedis.exists("h"), "an emptied hash is deleted");
    }

    @Test
    void smallHashesKeepInsertionOrderAsListpackDoes() {
        jedis.hset("h", "z", "1");
        jedis.hset("h", "a", "2");
        jedis.hset("h", "m", "3");
        assertEquals(List.of("z", "a", "m"), call("HKEYS", "h"));
    }

    @Test
    void setMembersAndAlgebra() {
        assertEquals(3, jedis.sadd("s1", "a", "b", "c"));
        assertEquals(0, jedis.sadd("s1", "a"));
        jedis.sadd("s2", "b", "c", "d");
        assertEquals(Set.of("b", "c"), jedis.sinter("s1", "s2"));
        assertEquals(Set.of("a", "b", "c", "d"), jedis.sunion("s1", "s2"));
        assertEquals(Set.of("a"), jedis.sdiff("s1", "s2"));
        assertEquals(2, jedis.sinterstore("dst", "s1", "s2"));
        assertEquals(2L, call("SINTERCARD", "2", "s1", "s2"));
        assertEquals(1L, call("SINTERCARD", "2", "s1", "s2", "LIMIT", "1"));
        assertTrue(jedis.sismember("s1", "a"));
        assertEquals(List.of(true, false), jedis.smismember("s1", "a", "z"));
        assertEquals(3, jedis.scard("s1"));
        assertEquals(1, jedis.smove("s1", "s3", "a"));
        assertEquals(1, jedis.srem("s1", "b", "zz"));
        String popped = jedis.spop("s1");
        assertEquals("c", popped);
        assertFalse(jedis.exists("s1"), "an emptied set is deleted");
        assertEquals(Set.of("b", "c", "d"), new HashSet<>(jedis.srandmember("s2", 10)));
        assertEquals(5, jedis.srandmember("s2", -5).size(), "a negative count may repeat");
        jedis.sadd("ints", "3", "1", "2");
        assertEquals(List.of("1", "2", "3"), call("SMEMBERS", "ints"), "an intset is returned in order");
    }

    @Test
    void sortedSetRangesRanksAndPops() {
        assertEquals(3, jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0)));
        assertEquals(0, jedis.zadd("z", 5, "a", ZAddParams.zAddParams().nx()));
        assertEquals(1, jedis.zadd("z", 0.5, "a", ZAddParams.zAddParams().xx().ch()));
        assertEquals(0.5, jedis.zscore("z", "a"));
        assertEquals(List.of("a", "b", "c"), jedis.zrange("z", 0, -1));
        assertEquals(List.of("c", "b"), jedis.zrevrange("z", 0, 1));
        assertEquals(List.of("b", "c"), jedis.zrangeByScore("z", "(1", "+inf"));
        assertEquals(List.of("c", "b"), call("ZRANGE", "z", "+inf", "(1", "BYSCORE", "REV"));
        assertEquals(List.of("b"), call("ZRANGE", "z", "0", "10", "BYSCORE", "LIMIT", "1", "1"));
        assertEquals(List.of("a", "0.5", "b", "2"), call("ZRANGE", "z", "0", "1", "WITHSCORES"));
        assertEquals(1L, jedis.zrank("z", "b"));
        assertEquals(0L, jedis.zrevrank("z", "c"));
        assertNull(jedis.zrank("z", "nope"));
        assertEquals(2, jedis.zcount("z", "1", "3"));
        assertEquals(4.5, jedis.zincrby("z", 2.5, "b"));
        assertEquals(new Tuple("a", 0.5), jedis.zpopmin("z"));
        assertEquals(List.of(new Tuple("b", 4.5)), jedis.zpopmax("z", 1));
        assertEquals(1, jedis.zcard("z"));
        assertError("ERR value is not a valid float", "ZADD", "z", "x", "m");
        assertError("ERR XX and NX options at the same time are not compatible", "ZADD", "z", "NX", "XX", "1", "m");
        assertError("ERR min or max is not a float", "ZCOUNT", "z", "a", "1");
        assertError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX",
                "ZRANGE", "z", "0", "1", "LIMIT", "0", "1");
    }

    @Test
    void sortedSetLexRangesAndStores() {
        jedis.zadd("z", Map.of("a", 0.0, "b", 0.0, "c", 0.0, "d", 0.0));
        assertEquals(List.of("b", "c"), jedis.zrangeByLex("z", "[b", "(d"));
        assertEquals(List.of("a", "b", "c", "d"), jedis.zrangeByLex("z", "-", "+"));
        assertEquals(2, jedis.zlexcount("z", "(a", "[c"));
        assertError("ERR min or max not valid string range item", "ZRANGEBYLEX", "z", "a", "c");
        assertEquals(2, jedis.zremrangeByLex("z", "[a", "[b"));
        jedis.zadd("x", Map.of("c", 1.0, "e", 2.0));
        assertEquals(3L, call("ZUNIONSTORE", "u", "2", "z", "x", "WEIGHTS", "1", "10"));
        assertEquals(List.of("d", "c", "e"), jedis.zrange("u", 0, -1));
        assertEquals(10.0, jedis.zscore("u", "c"));
        assertEquals(1L, call("ZINTERSTORE", "i", "2", "z", "x", "AGGREGATE", "MAX"));
        assertEquals(List.of("d"), call("ZDIFF", "2", "z", "x"));
        assertEquals(2L, call("ZRANGESTORE", "r", "u", "0", "1"));
        assertError("ERR at least 1 input key is needed for 'zunionstore' command", "ZUNIONSTORE", "u", "0", "z");
    }
}
