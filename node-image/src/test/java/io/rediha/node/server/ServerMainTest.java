package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class ServerMainTest {
    @TempDir
    Path dir;

    @Test
    void refusesToStartWithABadConfigFileNamingTheLine() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "port 7000\nmaxmemory lots\n");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = ServerMain.run(conf.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(1, code);
        String text = err.toString();
        assertTrue(text.contains(conf.toAbsolutePath() + ", at line 2"), text);
        assertTrue(text.contains("argument must be a memory value"), text);
    }

    @Test
    void startsFromTheCommandLineAndStopsOnShutdown() throws Exception {
        int port = TestServer.freePort();
        int[] code = {-1};
        Thread t = new Thread(() -> code[0] = ServerMain.run("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--loglevel", "warning"));
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        String pong = null;
        while (pong == null && System.currentTimeMillis() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                pong = j.ping();
            } catch (RuntimeException notYet) {
                Thread.sleep(50);
            }
        }
        assertEquals("PONG", pong);
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            j.shutdown();
        } catch (RuntimeException closed) {
            // SHUTDOWN closes the connection without a reply
        }
        t.join(10_000);
        assertEquals(0, code[0], "run returns 0 after SHUTDOWN");
    }
}
