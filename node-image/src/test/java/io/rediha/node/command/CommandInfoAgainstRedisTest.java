package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import io.rediha.node.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * COMMAND INFO and COMMAND GETKEYSANDFLAGS of every command both servers have, compared with
 * Debian's redis-server 7.0: cluster-aware clients and ACL key rules read these. Subcommands are
 * compared one by one, since Redis lists them in hash-table order.
 */
class CommandInfoAgainstRedisTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandWeHaveIsDescribedAsRedisDescribesIt() throws Exception {
        assumeTrue(RealRedis.available(), "needs Debian's redis-server");
        try (RealRedis redis = RealRedis.start(dir); Jedis theirs = redis.client();
                TestServer server = TestServer.start(); Jedis ours = server.jedis()) {
            List<String> both = new ArrayList<>(names(ours));
            both.retainAll(names(theirs));
            assertEquals(true, both.size() > 200, "commands in common: " + both.size());
            List<String> differing = new ArrayList<>();
            for (String name : both) {
                if (!info(theirs, name).equals(info(ours, name))) {
                    differing.add(name + "\n  redis: " + info(theirs, name) + "\n  ours:  " + info(ours, name));
                }
            }
            assertEquals(List.of(), differing);
        }
    }

    @Test
    void keysAndTheirAccessFlagsAreFoundAsRedisFindsThem() throws Exception {
        assumeTrue(RealRedis.available(), "needs Debian's redis-server");
        try (RealRedis redis = RealRedis.start(dir); Jedis theirs = redis.client();
                TestServer server = TestServer.start(); Jedis ours = server.jedis()) {
            for (String cmd : List.of("set k v", "set k v get", "bitfield k get u8 0", "bitfield k set u8 0 1",
                    "lmove a b left right", "zunionstore d 2 a b weights 1 2", "sort s by w store x store y",
                    "georadius k 0 0 1 km store dst", "mset a 1 b 2", "blmpop 0 2 a b left",
                    "getex k persist", "copy a b")) {
                String[] argv = ("command getkeysandflags " + cmd).split(" ");
                assertEquals(ReferencePair.call(theirs, argv), ReferencePair.call(ours, argv), cmd);
            }
        }
    }

    private static List<String> names(Jedis j) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) ServerTestBase.call(j, "command", "list")) {
            out.add((String) o);
        }
        return out;
    }

    /**
     * A command's own entry without its subcommands, which are compared under their own names, and
     * without key-spec notes, which are prose and not ours to copy.
     */
    private static Object info(Jedis j, String name) {
        List<?> entry = (List<?>) ((List<?>) ServerTestBase.call(j, "command", "info", name)).get(0);
        return entry == null ? null : entry.subList(0, 9).toString().replaceAll("notes, .*?, flags,", "flags,");
    }
}
