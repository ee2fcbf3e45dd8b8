package io.rediha.node.persistence.rdb;

import static io.rediha.node.replication.ReplicationTest.await;
import static io.rediha.node.replication.ReplicationTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import io.rediha.node.replication.InProcessNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Streams with consumer groups through RDB files and replication, ours and Debian's redis-server
 * 7.0 in both roles: what one side wrote must read back identically on the other, down to the
 * pending entries' delivery times and counts, which XINFO STREAM FULL shows.
 */
class StreamsThroughServersTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsRealRedis() {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
    }

    /** Streams of several nodes, tombstones, groups with pending entries, an empty stream. */
    private static void writeStreams(Jedis j) {
        j.configSet("stream-node-max-entries", "10");
        for (int i = 1; i < 120; i++) {
            if (i % 7 == 0) {
                send(j, "xadd", "s", i + "-0", "other", Integer.toString(i), "x", "y");
            } else {
                send(j, "xadd", "s", i + "-0", "a", Integer.toString(i), "b", "v" + i * 31);
            }
        }
        for (int i = 1; i < 120; i += 5) {
            send(j, "xdel", "s", i + "-0");
        }
        send(j, "xgroup", "create", "s", "g1", "0");
        send(j, "xgroup", "create", "s", "g2", "50-0", "entriesread", "40");
        send(j, "xreadgroup", "group", "g1", "alice", "count", "5", "streams", "s", ">");
        send(j, "xreadgroup", "group", "g1", "bob", "count", "3", "streams", "s", ">");
        send(j, "xgroup", "createconsumer", "s", "g2", "zed");
        send(j, "xadd", "empty", "1-1", "a", "b");
        send(j, "xdel", "empty", "1-1");
        List<String> big = new ArrayList<>(List.of("xadd", "big", "1-1"));
        for (int i = 1; i < 60; i++) {
            big.add("f" + i);
            big.add("x".repeat(i * 3));
        }
        send(j, big.toArray(new String[0]));
    }

    private static Object send(Jedis j, String... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return plain(j.sendCommand(() -> args[0].getBytes(StandardCharsets.UTF_8), rest));
    }

    private static Object plain(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(plain(x)));
            return out;
        }
        return o;
    }

    /** XINFO STREAM FULL of every stream, without radix-tree-nodes (an artefact of Redis's tree). */
    private static List<Object> fullInfo(Jedis j) {
        List<Object> out = new ArrayList<>();
        for (String key : List.of("s", "empty", "big")) {
            List<Object> info = new ArrayList<>((List<?>) send(j, "xinfo", "stream", key, "full", "count", "0"));
            int i = info.indexOf("radix-tree-nodes");
            info.remove(i + 1);
            info.remove(i);
            out.add(info);
        }
        return out;
    }

    /**
     * The same without what is each server's own: consumers' seen times (a replica refreshes them
     * when it applies a claim, in Redis as in ours) and the node count (node sizes are local
     * settings; the master's approximate trims reach replicas as exact ones).
     */
    private static Object withoutSeenTimes(Object o) {
        if (!(o instanceof List<?> l)) {
            return o;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            boolean local = i > 0 && ("seen-time".equals(l.get(i - 1)) || "radix-tree-keys".equals(l.get(i - 1)));
            out.add(local ? 0L : withoutSeenTimes(l.get(i)));
        }
        return out;
    }

    @Test
    void streamsWeSaveLoadInRealRedisAndPassRedisCheckRdb() throws Exception {
        Path d = Files.createDirectories(dir.resolve("ours"));
        List<Object> before;
        try (InProcessNode node = InProcessNode.start(d); Jedis j = node.client()) {
            writeStreams(j);
            before = fullInfo(j);
            assertEquals("OK", j.save());
        }
        Process check = new ProcessBuilder("redis-check-rdb", d.resolve("dump.rdb").toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertTrue(out.contains("RDB looks OK"), out);
        try (RealRedis redis = RealRedis.start(d); Jedis j = redis.client()) {
            assertEquals(before, fullInfo(j), "redis-server reads our streams as we hold them");
        }
    }

    @Test
    void streamsRealRedisSavesLoadInOurServer() throws Exception {
        Path d = Files.createDirectories(dir.resolve("theirs"));
        List<Object> before;
        try (RealRedis redis = RealRedis.start(d); Jedis j = redis.client()) {
            writeStreams(j);
            before = fullInfo(j);
            assertEquals("OK", j.save());
        }
        try (InProcessNode node = InProcessNode.start(d); Jedis j = node.client()) {
            assertEquals(before, fullInfo(j), "we read redis-server's streams as it held them");
        }
    }

    @Test
    void realReplicaOfOurMasterFollowsStreamsAndGroups() throws Exception {
        try (InProcessNode master = InProcessNode.start(Files.createDirectories(dir.resolve("m")));
             RealRedis replica = RealRedis.start(Files.createDirectories(dir.resolve("r")));
             Jedis mj = master.client(); Jedis rj = replica.client()) {
            writeStreams(mj);
            rj.replicaof("127.0.0.1", master.port);
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            assertEquals(fullInfo(mj), fullInfo(rj), "the full sync carries the streams");

            send(mj, "xadd", "s", "*", "live", "1");
            send(mj, "xadd", "s", "maxlen", "~", "50", "*", "live", "2");
            send(mj, "xreadgroup", "group", "g1", "carol", "count", "2", "streams", "s", ">");
            send(mj, "xreadgroup", "group", "g2", "dan", "noack", "count", "2", "streams", "s", ">");
            send(mj, "xclaim", "s", "g1", "erin", "0", "3-0", "4-0");
            send(mj, "xack", "s", "g1", "2-0");
            mj.set("marker", "1");
            await(() -> "1".equals(rj.get("marker")), 5000, "the command stream reached the replica");
            assertEquals(withoutSeenTimes(fullInfo(mj)), withoutSeenTimes(fullInfo(rj)),
                    "XADD *, trims, deliveries and claims replicate exactly");
        }
    }

    @Test
    void ourReplicaOfARealMasterFollowsStreamsAndGroups() throws Exception {
        try (RealRedis master = RealRedis.start(Files.createDirectories(dir.resolve("m")), "--repl-diskless-sync-delay", "0",
                "--enable-debug-command", "yes");
             InProcessNode replica = InProcessNode.start(Files.createDirectories(dir.resolve("r")));
             Jedis mj = master.client(); Jedis rj = replica.client()) {
            writeStreams(mj);
            rj.replicaof("127.0.0.1", master.port());
            await(() -> "up".equals(field(rj, "master_link_status")), 10_000, "link up");
            send(mj, "xadd", "s", "*", "live", "1");
            send(mj, "xreadgroup", "group", "g1", "carol", "count", "2", "streams", "s", ">");
            send(mj, "xreadgroup", "group", "g2", "dan", "noack", "count", "2", "streams", "s", ">");
            send(mj, "xautoclaim", "s", "g1", "erin", "0", "0", "count", "3");
            mj.set("marker", "1");
            await(() -> "1".equals(rj.get("marker")), 5000, "the command stream reached the replica");
            assertEquals(withoutSeenTimes(fullInfo(mj)), withoutSeenTimes(fullInfo(rj)),
                    "we apply Redis's stream effects exactly");
        }
    }
}
