package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.resp.RespValue;
import io.rediha.node.server.RawConnection;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

class PubSubAndTransactionsTest extends ServerTestBase {

    private static List<String> texts(RespValue v) {
        List<RespValue> items = v instanceof RespValue.Array a ? a.items() : ((RespValue.Push) v).items();
        return items.stream().map(x -> x instanceof RespValue.Null ? null : x.asText()).toList();
    }

    @Test
    void subscribersReceiveChannelAndPatternMessages() throws Exception {
        try (RawConnection sub = new RawConnection(server.port())) {
            sub.command("SUBSCRIBE", "news", "sport");
            assertEquals(List.of("subscribe", "news", "1"), texts(sub.read()));
            assertEquals(List.of("subscribe", "sport", "2"), texts(sub.read()));
            sub.command("PSUBSCRIBE", "n*");
            assertEquals(List.of("psubscribe", "n*", "3"), texts(sub.read()));
            assertEquals(2L, jedis.publish("news", "hello"), "one channel and one pattern subscriber");
            assertEquals(List.of("message", "news", "hello"), texts(sub.read()));
            assertEquals(List.of("pmessage", "n*", "news", "hello"), texts(sub.read()));
            assertEquals(List.of("news", "sport"), jedis.pubsubChannels().stream().sorted().toList());
            assertEquals(1L, jedis.pubsubNumSub("news").get("news"));
            assertEquals(1L, jedis.pubsubNumPat());
            sub.command("GET", "x");
            assertEquals(new RespValue.Error("ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"),
                    sub.read());
            sub.command("PING");
            assertEquals(List.of("pong", ""), texts(sub.read()));
            sub.command("UNSUBSCRIBE");
            assertEquals(List.of("unsubscribe", "news", "2"), texts(sub.read()));
            assertEquals(List.of("unsubscribe", "sport", "1"), texts(sub.read()));
            sub.command("PUNSUBSCRIBE");
            assertEquals(List.of("punsubscribe", "n*", "0"), texts(sub.read()));
            sub.command("GET", "x");
            assertEquals(new RespValue.Null(), sub.read(), "out of the pub/sub context again");
        }
    }

    @Test
    void keyspaceNotificationsFollowTheConfiguredClasses() throws Exception {
        jedis.configSet("notify-keyspace-events", "KEA");
        assertEquals("AKE", jedis.configGet("notify-keyspace-events").get("notify-keyspace-events"));
        try (RawConnection sub = new RawConnection(server.port())) {
            sub.command("PSUBSCRIBE", "__key*__:*");
            sub.read();
            jedis.set("k", "v");
            assertEquals(List.of("pmessage", "__key*__:*", "__keyspace@0__:k", "set"), texts(sub.read()));
            assertEquals(List.of("pmessage", "__key*__:*", "__keyevent@0__:set", "k"), texts(sub.read()));
            jedis.pexpire("k", 1);
            sub.read();
            sub.read();
            long deadline = System.currentTimeMillis() + 3000;
            while (jedis.exists("k") && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("pmessage", "__key*__:*", "__keyspace@0__:k", "expired"), texts(sub.read()));
        } finally {
            jedis.configSet("notify-keyspace-events", "");
        }
        assertError("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class "
                + "character. Use 'Ag$lshzxeKEtmdn'.", "CONFIG", "SET", "notify-keyspace-events", "Q");
    }

    @Test
    void multiExecRunsQueuedCommandsAtomically() {
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.incr("a");
        t.lpush("l", "x");
        List<Object> results = t.exec();
        assertEquals(List.of("OK", 2L, 1L), results);
        assertError("ERR EXEC without MULTI", "EXEC");
        assertError("ERR DISCARD without MULTI", "DISCARD");
    }

    @Test
    void queueingErrorsAbortTheTransaction() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.command("MULTI");
            raw.read();
            raw.command("SET", "a", "1");
            assertEquals(new RespValue.SimpleString("QUEUED"), raw.read());
            raw.command("GET");
            assertEquals(new RespValue.Error("ERR wrong number of arguments for 'get' command"), raw.read());
            raw.command("EXEC");
            assertEquals(new RespValue.Error("EXECABORT Transaction discarded because of previous errors."), raw.read());
        }
        assertNull(jedis.get("a"), "nothing of an aborted transaction ran");
    }

    @Test
    void runtimeErrorsInsideExecDoNotStopTheOthers() {
        jedis.lpush("l", "x");
        Transaction t = jedis.multi();
        t.incr("l");
        t.set("ok", "1");
        List<Object> results = t.exec();
        assertTrue(results.get(0).toString().startsWith("redis.clients.jedis.exceptions.JedisDataException: WRONGTYPE")
                || results.get(0) instanceof Exception, "first reply is the WRONGTYPE error");
        assertEquals("OK", results.get(1));
    }

    @Test
    void watchIsBrokenByAnotherClientsWrite() {
        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = server.jedis()) {
            other.set("w", "changed");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        assertNull(t.exec(), "EXEC fails when a watched key changed");
        assertEquals("changed", jedis.get("w"));
        jedis.watch("w");
        Transaction t2 = jedis.multi();
        t2.set("w", "mine");
        assertEquals(List.of("OK"), t2.exec(), "an untouched watch lets EXEC run");
    }

    @Test
    void watchIsBrokenByExpiry() throws Exception {
        jedis.psetex("w", 50, "v");
        jedis.watch("w");
        Thread.sleep(80);
        Transaction t = jedis.multi();
        t.set("x", "1");
        assertNull(t.exec(), "a watched key that expired breaks the transaction");
    }

    @Test
    void watchInsideMultiAndNestedMultiAreRefused() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.command("MULTI");
            raw.read();
            raw.command("WATCH", "k");
            assertEquals(new RespValue.Error("ERR WATCH inside MULTI is not allowed"), raw.read());
            raw.command("MULTI");
            assertEquals(new RespValue.Error("ERR MULTI calls can not be nested"), raw.read());
            raw.command("DISCARD");
            assertEquals(new RespValue.SimpleString("OK"), raw.read());
        }
    }
}
