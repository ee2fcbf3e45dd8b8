package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.rediha.node.resp.RespValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lettuce negotiates RESP3 with HELLO, so this exercises the RESP3 shapes (maps, sets, doubles,
 * pushes) through a real client; MONITOR is checked on a raw socket.
 */
class ClientLibraryCompatibilityTest {
    static TestServer server;
    static RedisClient lettuce;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        lettuce = RedisClient.create("redis://127.0.0.1:" + server.port());
        lettuce.setOptions(io.lettuce.core.ClientOptions.builder().timeoutOptions(io.lettuce.core.TimeoutOptions.enabled(Duration.ofSeconds(5))).build());
    }

    @AfterAll
    static void stop() {
        lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        server.close();
    }

    @Test
    void lettuceSpeaksResp3ToUs() {
        try (StatefulRedisConnection<String, String> conn = lettuce.connect()) {
            RedisCommands<String, String> r = conn.sync();
            assertEquals("OK", r.set("k", "v"));
            assertEquals("v", r.get("k"));
            r.hset("h", Map.of("a", "1", "b", "2"));
            assertEquals(Map.of("a", "1", "b", "2"), r.hgetall("h"));
            r.sadd("s", "x", "y");
            assertEquals(Set.of("x", "y"), r.smembers("s"));
            r.zadd("z", 1.5, "m", 2.0, "n");
            assertEquals(List.of(ScoredValue.just(1.5, "m"), ScoredValue.just(2.0, "n")), r.zrangeWithScores("z", 0, -1));
            assertEquals(1.5, r.zscore("z", "m"));
            assertEquals(2.5, r.incrbyfloat("f", 2.5));
            assertTrue(r.info("server").contains("redis_version:"));
            assertEquals(Map.of("maxclients", "10000"), r.configGet("maxclients"));
            assertTrue(r.clientList().contains("resp=3"), "Lettuce switched to RESP3");
        }
    }

    @Test
    void lettucePubSubReceivesPushedMessages() throws Exception {
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        try (StatefulRedisPubSubConnection<String, String> sub = lettuce.connectPubSub();
             StatefulRedisConnection<String, String> pub = lettuce.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    got.add(channel + ":" + message);
                }
            });
            sub.sync().subscribe("events");
            assertEquals(1L, pub.sync().publish("events", "hello"));
            assertEquals("events:hello", got.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void monitorShowsCommandsOfOtherClients() throws Exception {
        try (RawConnection monitor = new RawConnection(server.port())) {
            monitor.command("MONITOR");
            assertEquals(new RespValue.SimpleString("OK"), monitor.read());
            server.jedis().set("watched", "value");
            String line = monitor.read().asText();
            while (!line.contains("watched")) {
                line = monitor.read().asText(); // the client's own handshake (CLIENT SETINFO) comes first
            }
            assertTrue(line.matches("\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"watched\" \"value\""), line);
        }
    }
}
