package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * Behaviour that Redis's own test suite (run against our server) found missing or different:
 * Redis 7's multi-key pops and *INTERCARD, WATCH across expiry, flushes and SWAPDB, the maxmemory
 * check inside MULTI, DEBUG PROTOCOL/DIGEST, and the standalone answers to cluster and module
 * commands. Expected replies are those of redis-server 7.0.15.
 */
class Redis7CompatibilityTest extends ServerTestBase {

    @Test
    void lmpopPopsFromTheFirstNonEmptyListAndReportsItsKey() {
        call("rpush", "b", "1", "2", "3");
        assertEquals(List.of("b", List.of("1", "2")), call("lmpop", "2", "a", "b", "left", "count", "2"));
        assertEquals(List.of("b", List.of("3")), call("lmpop", "2", "a", "b", "right", "count", "9"));
        assertEquals(0L, call("exists", "b"), "an emptied list is deleted");
        assertNull(call("lmpop", "2", "a", "b", "left"));
    }

    @Test
    void lmpopRefusesBadArgumentsWithRedisErrors() {
        assertError("ERR numkeys should be greater than 0", "lmpop", "0", "a", "left");
        assertError("ERR numkeys should be greater than 0", "lmpop", "x", "a", "left");
        assertError("ERR syntax error", "lmpop", "2", "a", "left");
        assertError("ERR syntax error", "lmpop", "1", "a", "up");
        assertError("ERR count should be greater than 0", "lmpop", "1", "a", "left", "count", "0");
        assertError("ERR syntax error", "lmpop", "1", "a", "left", "count", "1", "count", "2");
        assertError("ERR timeout is negative", "blmpop", "-1", "1", "a", "left");
    }

    @Test
    void blmpopWaitsForAPushAndTimesOutWithANullArray() throws Exception {
        assertNull(call("blmpop", "0.05", "1", "q", "left"));
        try (Jedis other = server.jedis()) {
            Thread pusher = new Thread(() -> {
                sleepQuietly(100);
                other.rpush("q", "x", "y");
            });
            pusher.start();
            assertEquals(List.of("q", List.of("x", "y")), call("blmpop", "5", "1", "q", "left", "count", "5"));
            pusher.join();
        }
    }

    @Test
    void zmpopPopsMembersWithScores() {
        call("zadd", "z", "1", "a", "2", "b", "3", "c");
        assertEquals(List.of("z", List.of(List.of("c", "3"), List.of("b", "2"))),
                call("zmpop", "1", "z", "max", "count", "2"));
        assertEquals(List.of("z", List.of(List.of("a", "1"))), call("bzmpop", "1", "1", "z", "min"));
        assertNull(call("zmpop", "1", "z", "min"));
    }

    @Test
    void intercardCommandsCountTheIntersectionUpToTheLimit() {
        call("zadd", "za", "1", "a", "2", "b", "3", "c");
        call("sadd", "sb", "b", "c", "d");
        assertEquals(2L, call("zintercard", "2", "za", "sb"));
        assertEquals(1L, call("zintercard", "2", "za", "sb", "limit", "1"));
        assertEquals(0L, call("zintercard", "2", "za", "missing"));
        assertError("ERR LIMIT can't be negative", "zintercard", "1", "za", "limit", "a");
        assertError("ERR syntax error", "zintercard", "1", "za", "za");
        assertError("ERR numkeys should be greater than 0", "sintercard", "a", "sb");
        assertError("ERR Number of keys can't be greater than number of args", "sintercard", "3", "sb", "za");
        assertError("ERR LIMIT can't be negative", "sintercard", "1", "sb", "limit", "-1");
    }

    @Test
    void deletingAWatchedKeyThatWasAlreadyExpiredDoesNotAbortExec() throws Exception {
        call("debug", "set-active-expire", "0");
        try {
            call("set", "x", "foo", "px", "1");
            Thread.sleep(5);
            jedis.watch("x");
            assertEquals(false, jedis.exists("x"), "EXISTS expires it lazily");
            Transaction t = jedis.multi();
            t.incr("n");
            assertEquals(List.of(1L), t.exec());
        } finally {
            call("debug", "set-active-expire", "1");
        }
    }

    @Test
    void flushingOtherKeysLeavesAWatchOnAMissingKeyIntact() {
        call("set", "other", "1");
        jedis.watch("x");
        call("flushall");
        Transaction t = jedis.multi();
        t.incr("n");
        assertEquals(List.of(1L), t.exec());

        call("set", "x", "1");
        jedis.watch("x");
        call("flushdb");
        t = jedis.multi();
        t.incr("n");
        assertNull(t.exec(), "the watched key itself went away");
    }

    @Test
    void swapdbBreaksAWatchOnlyWhenTheKeyChanges() {
        jedis.watch("x");
        call("select", "1");
        call("set", "y", "1");
        call("select", "0");
        call("swapdb", "0", "1");
        Transaction t = jedis.multi();
        t.incr("n");
        assertEquals(List.of(1L), t.exec(), "x is missing in both databases");

        call("select", "0");
        jedis.watch("y");
        call("swapdb", "0", "1"); // y moves away from db 0
        t = jedis.multi();
        t.incr("n");
        assertNull(t.exec());
    }

    @Test
    void queueingUnderMaxmemoryFailsAndExecAbortsTheTransaction() {
        try (Jedis other = server.jedis()) {
            assertEquals("OK", call("multi"));
            assertEquals("QUEUED", call("set", "a", "1"));
            other.configSet("maxmemory", "1");
            assertError("OOM command not allowed when used memory > 'maxmemory'.", "lpush", "l", "v");
            other.configSet("maxmemory", "0");
            assertEquals("QUEUED", call("set", "b", "2"));
            assertError("EXECABORT Transaction discarded because of previous errors.", "exec");
        } finally {
            jedis.configSet("maxmemory", "0");
        }
        assertEquals(0L, call("exists", "a", "b"));
    }

    @Test
    void debugDigestIsZeroForAnEmptyDatasetAndChangesWithIt() {
        assertEquals("0000000000000000000000000000000000000000", call("debug", "digest"));
        call("set", "k", "v");
        String one = (String) call("debug", "digest");
        call("rpush", "l", "a", "b");
        String two = (String) call("debug", "digest");
        call("del", "l");
        assertEquals(one, call("debug", "digest"), "the digest depends on content only");
        call("rpush", "l", "b", "a");
        assertEquals(false, two.equals(call("debug", "digest")), "list order counts");
        assertEquals(List.of("0000000000000000000000000000000000000000"), call("debug", "digest-value", "missing"));
    }

    @Test
    void debugProtocolAnswersEveryResp2Type() {
        assertEquals("Hello World", call("debug", "protocol", "string"));
        assertEquals(12345L, call("debug", "protocol", "integer"));
        assertEquals("1234567999999999999999999999999999999", call("debug", "protocol", "bignum"));
        assertEquals("Some real reply following the attribute", call("debug", "protocol", "attrib"));
        assertEquals(1L, call("debug", "protocol", "true"));
        assertError("ERR RESP2 is not supported by this command", "debug", "protocol", "push");
    }

    @Test
    void clusterAndModuleCommandsAnswerAsAStandaloneRedis() {
        assertError("ERR This instance has cluster support disabled", "cluster", "slots");
        assertError("ERR This instance has cluster support disabled", "readonly");
        assertEquals(List.of(), call("module", "list"));
        assertError("ERR Error loading the extension. Please check the server logs.", "module", "load", "/x.so");
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
