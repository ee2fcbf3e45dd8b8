package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rediha.node.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One in-process server per test class, a Jedis connection to it, and helpers to send any command
 * and compare replies as plain Java values (strings, longs, lists).
 */
public abstract class ServerTestBase {
    static TestServer server;
    static Jedis jedis;

    @BeforeAll
    static void startServer() {
        server = TestServer.start("--enable-debug-command", "yes");
        jedis = server.jedis();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyDataset() {
        jedis.flushAll();
    }

    /** Sends {@code args} (command first) and returns the reply as String/Long/List/null. */
    public static Object call(Jedis j, String... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        ProtocolCommand cmd = () -> args[0].getBytes(StandardCharsets.UTF_8);
        return plain(j.sendCommand(cmd, rest));
    }

    static Object call(String... args) {
        return call(jedis, args);
    }

    public static Object plain(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(plain(x));
            }
            return out;
        }
        return o;
    }

    /** Asserts the command fails with exactly {@code error} (code included, no leading '-'). */
    static void assertError(String error, String... args) {
        JedisDataException e = assertThrows(JedisDataException.class, () -> call(args),
                "expected an error for " + String.join(" ", args));
        assertEquals(error, e.getMessage(), "error text of " + String.join(" ", args));
    }
}
