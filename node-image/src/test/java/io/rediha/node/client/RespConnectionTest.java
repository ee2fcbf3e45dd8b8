package io.rediha.node.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.rediha.node.resp.RespValue;
import io.rediha.node.sentinel.support.DataNode;
import io.rediha.node.sentinel.support.ExternalProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against Debian's redis-server: the client must read what real Redis writes. */
class RespConnectionTest {
    @TempDir
    static Path dir;
    static ExternalProcess redis;
    static EventLoopGroup group;

    @BeforeAll
    static void startRedis() {
        redis = DataNode.REDIS.start(dir, "redis", List.of());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        redis.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private static RespConnection connect() throws Exception {
        return RespConnection.connect(group, "127.0.0.1", redis.port(), Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void pipelinedRepliesMatchTheirCommandsInOrder() throws Exception {
        RespConnection c = connect();
        List<CompletableFuture<RespValue>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(c.send("SET", "k" + i, "v" + i));
            futures.add(c.send("GET", "k" + i));
        }
        futures.add(c.send("NOSUCHCMD"));
        for (int i = 0; i < 200; i++) {
            assertEquals("OK", futures.get(2 * i).get(5, TimeUnit.SECONDS).asText());
            assertEquals("v" + i, futures.get(2 * i + 1).get(5, TimeUnit.SECONDS).asText());
        }
        RespValue error = futures.get(400).get(5, TimeUnit.SECONDS);
        assertInstanceOf(RespValue.Error.class, error);
        assertTrue(error.asText().startsWith("ERR unknown command"));
        RespValue info = c.send("INFO").get(5, TimeUnit.SECONDS);
        assertTrue(info.asText().contains("run_id:"), "INFO arrives as one bulk string");
        c.close();
    }

    @Test
    void subscribedConnectionDeliversMessagesToItsListener() throws Exception {
        RespConnection sub = connect();
        LinkedBlockingQueue<PubSubMessage> received = new LinkedBlockingQueue<>();
        sub.onMessage(received::add);
        sub.subscribe("chan-a", "chan-b").get(5, TimeUnit.SECONDS);
        sub.psubscribe("pat-*").get(5, TimeUnit.SECONDS);
        assertTrue(Replies.isPong(sub.send("PING").get(5, TimeUnit.SECONDS)), "PING works while subscribed");

        RespConnection pub = connect();
        pub.send("PUBLISH", "chan-b", "hello").get(5, TimeUnit.SECONDS);
        pub.send("PUBLISH", "pat-x", "world").get(5, TimeUnit.SECONDS);

        PubSubMessage first = received.poll(5, TimeUnit.SECONDS);
        PubSubMessage second = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertNotNull(second);
        assertEquals("chan-b", first.channel());
        assertEquals("hello", first.text());
        assertEquals("pat-*", second.pattern());
        assertEquals("world", second.text());
        sub.close();
        pub.close();
    }

    @Test
    void closingFailsCommandsStillWaiting() throws Exception {
        RespConnection c = connect();
        CompletableFuture<RespValue> blocked = c.send("BLPOP", "nothing-here", "0");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        c.onClose(() -> closed.complete(null));
        c.close();
        Exception e = assertThrows(Exception.class, () -> blocked.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, e.getCause());
        closed.get(5, TimeUnit.SECONDS);
        assertInstanceOf(ConnectionClosedException.class,
                assertThrows(Exception.class, () -> c.send("PING").get(5, TimeUnit.SECONDS)).getCause());
    }
}
