package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** The limits that keep one bad client from hurting the server. Each test runs its own server. */
class ProtectionLimitsTest {

    @Test
    void bulkLongerThanProtoMaxBulkLenIsRefusedAndTheConnectionClosed() throws Exception {
        try (TestServer s = TestServer.start("--proto-max-bulk-len", "1mb");
             RawConnection raw = new RawConnection(s.port())) {
            raw.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", raw.readUntilClosed());
            assertEquals("PONG", s.jedis().ping());
        }
    }

    @Test
    void queryBufferBeyondTheLimitClosesTheConnectionSilently() throws Exception {
        try (TestServer s = TestServer.start("--client-query-buffer-limit", "1mb");
             RawConnection raw = new RawConnection(s.port())) {
            raw.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5000000\r\n");
            byte[] chunk = new byte[64 * 1024];
            try {
                for (int i = 0; i < 40; i++) {
                    raw.send(chunk);
                }
            } catch (IOException closedWhileWriting) {
                // the server may close before we finish
            }
            String seen = raw.readUntilClosed();
            assertTrue(seen.isEmpty() || seen.equals("<reset>"), "no reply, just a close: " + seen);
            assertEquals("PONG", s.jedis().ping());
            assertTrue(s.jedis().info("stats").contains("client_query_buffer_limit_disconnections:1"));
        }
    }

    @Test
    void connectionsBeyondMaxclientsAreRefused() throws Exception {
        try (TestServer s = TestServer.start("--maxclients", "2")) {
            s.jedis().ping();
            s.jedis().ping();
            try (RawConnection third = new RawConnection(s.port())) {
                assertEquals("-ERR max number of clients reached\r\n", third.readUntilClosed());
            }
        }
    }

    @Test
    void slowSubscriberIsDisconnectedInsteadOfGrowingTheServer() throws Exception {
        try (TestServer s = TestServer.start("--client-output-buffer-limit", "pubsub 256kb 0 0");
             Socket sub = new Socket()) {
            sub.setReceiveBufferSize(4096);
            sub.connect(new java.net.InetSocketAddress("127.0.0.1", s.port()));
            sub.getOutputStream().write("*2\r\n$9\r\nSUBSCRIBE\r\n$2\r\nch\r\n".getBytes(StandardCharsets.UTF_8));
            sub.getOutputStream().flush();
            Jedis pub = s.jedis();
            long deadline = System.currentTimeMillis() + 10_000;
            while (pub.pubsubNumSub("ch").get("ch") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            String message = "x".repeat(100_000);
            long delivered = 1;
            for (int i = 0; i < 500 && delivered > 0 && System.currentTimeMillis() < deadline; i++) {
                delivered = pub.publish("ch", message);
            }
            assertEquals(0L, pub.pubsubNumSub("ch").get("ch"), "the subscriber that never reads was cut off");
            assertTrue(pub.info("stats").contains("client_output_buffer_limit_disconnections:1"));
            assertEquals("PONG", pub.ping());
        }
    }

    @Test
    void idleClientsAreClosedAfterTimeout() throws Exception {
        try (TestServer s = TestServer.start("--timeout", "1");
             RawConnection idle = new RawConnection(s.port())) {
            idle.command("PING");
            idle.read();
            idle.setTimeoutMillis(5000);
            long t0 = System.currentTimeMillis();
            assertTrue(idle.isClosedByServer(), "an idle client is disconnected");
            assertTrue(System.currentTimeMillis() - t0 >= 500, "not before the timeout");
        }
    }

    @Test
    void maxmemoryWithNoevictionRefusesWritesWithRedisError() {
        try (TestServer s = TestServer.start("--maxmemory", "2mb")) {
            Jedis j = s.jedis();
            String value = "v".repeat(1000);
            JedisDataException e = assertThrows(JedisDataException.class, () -> {
                for (int i = 0; i < 5000; i++) {
                    j.set("k" + i, value);
                }
            });
            assertEquals("OOM command not allowed when used memory > 'maxmemory'.", e.getMessage());
            assertEquals(1, j.del("k0"), "deletes still run");
            assertTrue(j.info("memory").contains("maxmemory:2097152"));
        }
    }

    @Test
    void allkeysLruEvictsOldKeysToStayUnderMaxmemory() {
        try (TestServer s = TestServer.start("--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru")) {
            Jedis j = s.jedis();
            String value = "v".repeat(1000);
            for (int i = 0; i < 5000; i++) {
                j.set("k" + i, value);
            }
            assertTrue(j.dbSize() < 5000, "some keys were evicted");
            assertTrue(j.dbSize() > 500, "but not all: " + j.dbSize());
            String info = j.info();
            long used = Long.parseLong(info.replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            assertTrue(used <= 2 * 1024 * 1024 + 4096, "used_memory stays near maxmemory: " + used);
            assertTrue(!info.contains("evicted_keys:0\r"), "INFO counts evictions");
        }
    }

    @Test
    void volatileTtlEvictsOnlyKeysWithATtl() {
        try (TestServer s = TestServer.start("--maxmemory", "2mb", "--maxmemory-policy", "volatile-ttl")) {
            Jedis j = s.jedis();
            String value = "v".repeat(1000);
            for (int i = 0; i < 300; i++) {
                j.set("keep" + i, value);
            }
            for (int i = 0; i < 3000; i++) {
                j.setex("tmp" + i, 1000 + i, value);
            }
            for (int i = 0; i < 300; i++) {
                assertTrue(j.exists("keep" + i), "keys without a ttl are never evicted by volatile-ttl");
            }
        }
    }
}
