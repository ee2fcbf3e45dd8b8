package io.rediha.node.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.replication.InProcessNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** CONFIG SET appendonly yes|no on a running node, checked through a restart and the files on disk. */
public class AofRuntimeSwitchTest {
    @TempDir
    Path dir;

    /** One field of INFO persistence. */
    static String persistence(Jedis j, String field) {
        for (String line : j.info("persistence").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    private static void awaitField(Jedis j, String field, String value) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!value.equals(persistence(j, field))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(field + " never became " + value + ": " + persistence(j, field));
            }
            Thread.sleep(20);
        }
    }

    private List<String> aofFiles() throws Exception {
        Path d = dir.resolve("appendonlydir");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void turningAppendonlyOnRewritesTheDatasetAndTurningItOffStopsAppending() throws Exception {
        try (InProcessNode n = InProcessNode.start(dir); Jedis j = n.client()) {
            for (int i = 0; i < 1000; i++) {
                j.set("before" + i, "v" + i);
            }
            assertEquals("0", persistence(j, "aof_enabled"));
            assertEquals("1000", persistence(j, "rdb_changes_since_last_save"));

            assertEquals("OK", j.configSet("appendonly", "yes"));
            assertEquals("1", persistence(j, "aof_enabled"));
            awaitField(j, "aof_rewrite_in_progress", "0");
            assertEquals("1", persistence(j, "aof_rewrites"));
            assertTrue(Integer.parseInt(persistence(j, "aof_last_rewrite_time_sec")) >= 0);
            assertTrue(aofFiles().stream().anyMatch(f -> f.endsWith(".base.rdb")), "a base was written: " + aofFiles());
            for (int i = 0; i < 100; i++) {
                j.set("after" + i, "v" + i);
            }
        }
        // the AOF alone (no RDB was saved) holds both parts of the dataset
        try (InProcessNode n = InProcessNode.start(dir, "--appendonly", "yes"); Jedis j = n.client()) {
            assertEquals(1100L, (long) j.dbSize());
            assertEquals("v999", j.get("before999"));
            assertEquals("v99", j.get("after99"));

            assertEquals("OK", j.configSet("appendonly", "no"));
            assertEquals("0", persistence(j, "aof_enabled"));
            j.set("not-in-aof", "1");
        }
        try (InProcessNode n = InProcessNode.start(dir, "--appendonly", "yes"); Jedis j = n.client()) {
            assertEquals(1100L, (long) j.dbSize(), "nothing was appended once appendonly was off");
        }
    }
}
