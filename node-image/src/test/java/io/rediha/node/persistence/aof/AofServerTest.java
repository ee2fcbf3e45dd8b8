package io.rediha.node.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.command.CommandTable;
import io.rediha.node.command.StandardCommands;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.config.RedisConfParser;
import io.rediha.node.persistence.PersistenceExtension;
import io.rediha.node.persistence.RealRedis;
import io.rediha.node.server.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The AOF through a running server: durability across kill -9, rewrite under writes, recovery rules. */
class AofServerTest {
    @TempDir
    Path dir;

    /** In-process server with persistence only. */
    static final class Node implements AutoCloseable {
        final RedisServer server;
        final int port;

        Node(Path dir, String... directives) throws Exception {
            port = RealRedis.freePort();
            List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "yes", "--loglevel", "warning"));
            args.addAll(List.of(directives));
            ConfigRegistry config = ConfigRegistry.standard();
            new RedisConfParser(config).parseCommandLine(args.toArray(new String[0]));
            PersistenceExtension p = new PersistenceExtension();
            CommandTable table = StandardCommands.table();
            p.registerCommands(table, config);
            server = new RedisServer(config, table);
            try {
                p.beforeStart(server);
            } catch (Exception e) {
                server.close();
                throw e;
            }
            server.start();
        }

        Jedis client() {
            return new Jedis("127.0.0.1", port, 5000);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** A node in its own JVM, so it can be killed with SIGKILL. */
    static Process startProcess(Path dir, int port, String fsync) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.rediha.node.Main", "server",
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "",
                "--appendonly", "yes", "--appendfsync", fsync)
                .redirectErrorStream(true).redirectOutput(dir.resolve("node-" + port + ".log").toFile()).start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try (Jedis j = new Jedis("127.0.0.1", port, 1000)) {
                if ("PONG".equals(j.ping())) {
                    return p;
                }
            } catch (RuntimeException e) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("node did not start: " + Files.readString(dir.resolve("node-" + port + ".log")));
                }
                Thread.sleep(50);
            }
        }
    }

    private long acknowledgedWritesSurviveKill(String fsync) throws Exception {
        int port = RealRedis.freePort();
        Process p = startProcess(dir, port, fsync);
        long acked = 0;
        // bounded load: at most 3000 writes or 3 s, then SIGKILL while a writer is still going
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException ignored) {
                // proceed
            }
            p.destroyForcibly();
        });
        killer.start();
        long t0 = System.currentTimeMillis();
        try (Jedis j = new Jedis("127.0.0.1", port, 2000)) {
            for (int i = 0; i < 3000 && System.currentTimeMillis() - t0 < 3000; i++) {
                j.set("key:" + i, "value:" + i);
                acked = i + 1;
            }
        } catch (RuntimeException e) {
            // the kill cut us off: everything before this was acknowledged
        }
        killer.join();
        p.waitFor(10, TimeUnit.SECONDS);
        Process again = startProcess(dir, port, fsync);
        try (Jedis j = new Jedis("127.0.0.1", port, 5000)) {
            long missing = 0;
            for (int i = 0; i < acked; i++) {
                if (!("value:" + i).equals(j.get("key:" + i))) {
                    missing++;
                }
            }
            assertTrue(acked > 10, "the load ran (" + acked + " writes)");
            return missing;
        } finally {
            again.destroy();
            again.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNineWithAppendfsyncAlways() throws Exception {
        assertEquals(0, acknowledgedWritesSurviveKill("always"));
    }

    @Test
    void everysecLosesNoAcknowledgedWriteOnAProcessKill() throws Exception {
        // the write() reaches the OS before the reply; only a machine crash could lose up to ~1 s
        assertEquals(0, acknowledgedWritesSurviveKill("everysec"));
    }

    @Test
    void rewriteWhileWritingLosesNothingAndRealRedisLoadsTheResult() throws Exception {
        try (Node n = new Node(dir); Jedis j = n.client()) {
            for (int i = 0; i < 3000; i++) {
                j.set("a" + i, "v" + i);
            }
            assertEquals("Background append only file rewriting started", j.bgrewriteaof());
            for (int i = 0; i < 1000; i++) {
                j.incr("during");
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (!j.info("persistence").contains("aof_rewrite_in_progress:0")) {
                assertTrue(System.currentTimeMillis() < deadline);
                Thread.sleep(20);
            }
            j.set("after", "1");
        }
        String manifest = Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest"));
        assertTrue(manifest.contains("appendonly.aof.2.base.rdb") && !manifest.contains("type h"), manifest);
        try (Stream<Path> files = Files.list(dir.resolve("appendonlydir"))) {
            assertEquals(3, files.count(), "base, one incr, manifest");
        }
        try (Node n = new Node(dir); Jedis j = n.client()) {
            assertEquals(3002, j.dbSize());
            assertEquals("1000", j.get("during"));
        }
        assumeTrue(RealRedis.available());
        try (RealRedis r = RealRedis.start(dir, "--appendonly", "yes"); Jedis j = r.client()) {
            assertEquals(3002, j.dbSize());
            assertEquals("1000", j.get("during"));
            assertEquals("v2999", j.get("a2999"));
        }
    }

    @Test
    void aofWrittenByRealRedisLoadsInOurServer() throws Exception {
        assumeTrue(RealRedis.available());
        try (RealRedis r = RealRedis.start(dir, "--appendonly", "yes", "--appendfsync", "always"); Jedis j = r.client()) {
            for (int i = 0; i < 100; i++) {
                j.set("r" + i, "x" + i);
            }
            j.incrBy("n", 42);
        }
        try (Node n = new Node(dir); Jedis j = n.client()) {
            assertEquals(101, j.dbSize());
            assertEquals("42", j.get("n"));
        }
    }

    @Test
    void truncatedTailIsDroppedAtStartAndCorruptionRefusesToStart() throws Exception {
        try (Node n = new Node(dir); Jedis j = n.client()) {
            j.set("a", "1");
            j.set("b", "2");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        byte[] good = Files.readAllBytes(incr);
        Files.write(incr, "*3\r\n$3\r\nset\r\n$1\r\nc\r\n$3\r\nab".getBytes(), java.nio.file.StandardOpenOption.APPEND);
        try (Node n = new Node(dir); Jedis j = n.client()) {
            assertEquals(2, j.dbSize());
        }
        assertEquals(good.length, Files.size(incr));

        byte[] bad = good.clone();
        bad[good.length / 2] = 'X';
        Files.write(incr, bad);
        Exception e = assertThrows(Exception.class, () -> new Node(dir).close());
        assertTrue(e.getMessage().contains("appendonly.aof.1.incr.aof at offset"), e.getMessage());
    }
}
