package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * HyperLogLog values must be interchangeable with redis-server's: the same elements give the same
 * bytes and counts, and a value moved either way with DUMP/RESTORE counts the same on arrival.
 */
class HyperLogLogAgainstRedisTest {
    @TempDir
    static Path dir;
    static ReferencePair pair;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        pair = ReferencePair.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @BeforeEach
    void emptyBoth() {
        pair.both("flushall");
    }

    private static List<String> elements(Random r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(4) == 0 ? Long.toString(r.nextLong()) : "e" + r.nextInt(1_000_000) + ":" + i);
        }
        return out;
    }

    private static void pfaddInBatches(Jedis j, String key, List<String> elems) {
        for (int from = 0; from < elems.size(); from += 97) {
            List<String> args = new ArrayList<>(List.of("pfadd", key));
            args.addAll(elems.subList(from, Math.min(elems.size(), from + 97)));
            ReferencePair.call(j, args.toArray(new String[0]));
        }
    }

    @Test
    void sameElementsGiveByteIdenticalValuesAndCounts() {
        Random r = new Random(7);
        for (int n : new int[]{0, 1, 5, 60, 300, 1200, 3000, 20000}) {
            String key = "h" + n;
            List<String> elems = elements(r, n);
            ReferencePair.call(pair.redisClient, "pfadd", key);
            ReferencePair.call(pair.ourClient, "pfadd", key);
            pfaddInBatches(pair.redisClient, key, elems);
            pfaddInBatches(pair.ourClient, key, elems);
            assertArrayEquals(ReferencePair.callBytes(pair.redisClient, "get", key),
                    ReferencePair.callBytes(pair.ourClient, "get", key), "HLL bytes after adding " + n + " elements");
            assertEquals(ReferencePair.call(pair.redisClient, "pfcount", key), ReferencePair.call(pair.ourClient, "pfcount", key),
                    "PFCOUNT of " + n + " elements");
            assertArrayEquals(ReferencePair.callBytes(pair.redisClient, "get", key),
                    ReferencePair.callBytes(pair.ourClient, "get", key), "bytes with the cached cardinality, " + n);
            assertEquals(ReferencePair.call(pair.redisClient, "pfdebug", "encoding", key),
                    ReferencePair.call(pair.ourClient, "pfdebug", "encoding", key), "encoding after " + n);
        }
    }

    @Test
    void valuesMovedWithDumpRestoreCountTheSameBothWays() {
        Random r = new Random(11);
        for (int n : new int[]{3, 250, 2500, 40000}) {
            pfaddInBatches(pair.redisClient, "theirs" + n, elements(r, n));
            pfaddInBatches(pair.ourClient, "mine" + n, elements(r, n));
            moveWithDump(pair.redisClient, pair.ourClient, "theirs" + n);
            moveWithDump(pair.ourClient, pair.redisClient, "mine" + n);
            for (String key : List.of("theirs" + n, "mine" + n)) {
                Object expected = ReferencePair.call(pair.redisClient, "pfcount", key);
                assertTrue((Long) expected > 0, "a count for " + key);
                assertEquals(expected, ReferencePair.call(pair.ourClient, "pfcount", key), "PFCOUNT of moved " + key);
            }
        }
        List<String> merge = new ArrayList<>(List.of("pfmerge", "union"));
        List<String> count = new ArrayList<>(List.of("pfcount"));
        for (int n : new int[]{3, 250, 2500, 40000}) {
            merge.addAll(List.of("theirs" + n, "mine" + n));
            count.addAll(List.of("theirs" + n, "mine" + n));
        }
        pair.both(merge.toArray(new String[0]));
        assertArrayEquals(ReferencePair.callBytes(pair.redisClient, "get", "union"),
                ReferencePair.callBytes(pair.ourClient, "get", "union"), "PFMERGE result bytes");
        assertEquals(ReferencePair.call(pair.redisClient, count.toArray(new String[0])),
                ReferencePair.call(pair.ourClient, count.toArray(new String[0])), "PFCOUNT over many keys");
    }

    private static void moveWithDump(Jedis from, Jedis to, String key) {
        byte[] payload = from.dump(key);
        to.restore(key.getBytes(StandardCharsets.UTF_8), 0, payload);
    }

    @Test
    void sparseToDensePromotionFollowsTheConfiguredLimit() {
        pair.both("config", "set", "hll-sparse-max-bytes", "200");
        try {
            List<String> elems = elements(new Random(3), 120);
            pfaddInBatches(pair.redisClient, "h", elems);
            pfaddInBatches(pair.ourClient, "h", elems);
            assertEquals("dense", ReferencePair.call(pair.ourClient, "pfdebug", "encoding", "h"), "promoted past 200 bytes");
            assertArrayEquals(ReferencePair.callBytes(pair.redisClient, "get", "h"),
                    ReferencePair.callBytes(pair.ourClient, "get", "h"), "same bytes after promotion");
        } finally {
            pair.both("config", "set", "hll-sparse-max-bytes", "3000");
        }
    }

    @Test
    void errorsAndDebugRepliesMatchRedis() {
        pair.both("set", "notes", "just a string");
        pair.both("rpush", "list", "a");
        pair.both("pfadd", "sparse", "a", "b", "c");
        pair.both("pfadd", "broken", "a", "b", "c");
        pair.both("append", "broken", "hello");
        pair.both("pfadd", "dense", "x");
        pair.both("pfdebug", "todense", "dense");
        String[][] commands = {
            {"pfcount", "notes"}, {"pfadd", "notes", "x"}, {"pfcount", "list"}, {"pfmerge", "notes", "sparse"},
            {"pfcount", "broken"}, {"pfcount", "broken", "sparse"}, {"pfmerge", "out", "broken"},
            {"pfdebug", "encoding", "missing"}, {"pfdebug", "nosuch", "sparse"}, {"pfdebug", "decode", "sparse"},
            {"pfdebug", "decode", "dense"}, {"pfdebug", "encoding", "dense"}, {"pfdebug", "todense", "dense"},
            {"pfdebug", "getreg"}, {"pfadd"}, {"pfcount", "missing"}, {"pfcount", "missing", "sparse"},
            {"pfmerge", "out2", "sparse", "dense"}, {"pfdebug", "encoding", "out2"}, {"pfselftest"},
        };
        for (String[] c : commands) {
            assertEquals(ReferencePair.call(pair.redisClient, c), ReferencePair.call(pair.ourClient, c), String.join(" ", c));
        }
    }

    @Test
    void commandInfoMatchesRedis() {
        for (String name : List.of("pfadd", "pfcount", "pfmerge", "pfdebug", "pfselftest")) {
            List<?> theirs = (List<?>) ((List<?>) ReferencePair.call(pair.redisClient, "command", "info", name)).get(0);
            List<?> mine = (List<?>) ((List<?>) ReferencePair.call(pair.ourClient, "command", "info", name)).get(0);
            assertEquals(theirs.subList(0, 7), mine.subList(0, 7), "COMMAND INFO " + name);
        }
    }
}
