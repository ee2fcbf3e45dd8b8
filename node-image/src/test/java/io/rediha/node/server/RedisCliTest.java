package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's redis-cli, run non-interactively against our server: it must not notice the difference. */
class RedisCliTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/redis-cli")), "redis-cli (Debian redis-tools) is required");
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/redis-cli", "-p", Integer.toString(server.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "redis-cli finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void commandsGiveTheOutputRedisCliPrintsForRedis() throws Exception {
        assertEquals("OK\n", cli(null, "SET", "greeting", "hello world"));
        assertEquals("\"hello world\"\n", cli(null, "--no-raw", "GET", "greeting"));
        assertEquals("(nil)\n", cli(null, "--no-raw", "GET", "missing"));
        assertEquals("(integer) 3\n", cli(null, "--no-raw", "RPUSH", "l", "a", "b", "c"));
        assertEquals("1) \"a\"\n2) \"b\"\n3) \"c\"\n", cli(null, "--no-raw", "LRANGE", "l", "0", "-1"));
        assertEquals("(error) WRONGTYPE Operation against a key holding the wrong kind of value\n",
                cli(null, "--no-raw", "GET", "l"));
        assertEquals("(error) ERR unknown command 'FOO', with args beginning with: 'bar' \n",
                cli(null, "--no-raw", "FOO", "bar"));
    }

    @Test
    void pipedCommandsAndInfoAndScanWork() throws Exception {
        String out = cli("SET a 1\nINCR a\nGET a\n");
        assertEquals("OK\n2\n2\n", out);
        assertTrue(cli(null, "INFO", "server").contains("redis_version:"));
        cli(null, "MSET", "scan:1", "x", "scan:2", "y");
        String scanned = cli(null, "--scan", "--pattern", "scan:*");
        assertEquals(List.of("scan:1", "scan:2"), scanned.lines().sorted().toList());
    }

    @Test
    void pipeModeLoadsMassInsertionFromRawProtocol() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String k = "mass:" + i;
            sb.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n$1\r\nv\r\n");
        }
        String out = cli(sb.toString(), "--pipe");
        assertTrue(out.contains("errors: 0, replies: 1000"), out);
        assertEquals(1000, server.jedis().keys("mass:*").size(), "every piped SET arrived");
    }
}
