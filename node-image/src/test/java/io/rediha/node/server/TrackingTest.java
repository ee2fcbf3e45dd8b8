package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.rediha.node.resp.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Client-side caching: a RESP3 client that read a key is told to drop it when another client
 * changes it, a flush tells it to drop everything after the reply of the command that flushed,
 * BCAST sends one message per prefix, and a RESP2 client gets them through its redirect
 * connection subscribed to __redis__:invalidate.
 */
class TrackingTest {

    @Test
    void aReaderIsToldWhenAnotherClientChangesItsKey() throws Exception {
        try (TestServer s = TestServer.start(); RawConnection reader = new RawConnection(s.port());
                Jedis writer = s.jedis()) {
            reader.command("HELLO", "3");
            reader.read();
            assertEquals("OK", text(call(reader, "CLIENT", "TRACKING", "ON")));
            writer.set("k", "1");
            assertEquals("1", text(call(reader, "GET", "k")));
            writer.set("k", "2");
            assertEquals(List.of("invalidate", List.of("k")), plain(reader.read()));
            writer.set("k", "3"); // not read again since the invalidation: nothing to say
            writer.set("other", "x");
            assertEquals("x", text(call(reader, "GET", "other")), "the next thing read is the reply, not a push");
        }
    }

    @Test
    void aFlushInsideMultiIsAnnouncedAfterExecReplied() throws Exception {
        try (TestServer s = TestServer.start(); RawConnection c = new RawConnection(s.port())) {
            c.command("HELLO", "3");
            c.read();
            call(c, "CLIENT", "TRACKING", "ON");
            call(c, "SET", "a", "1");
            call(c, "GET", "a");
            call(c, "MULTI");
            call(c, "FLUSHDB");
            assertEquals(List.of("OK"), plain(call(c, "EXEC")));
            RespValue flush = c.read();
            assertInstanceOf(RespValue.Push.class, flush);
            assertEquals(java.util.Arrays.asList("invalidate", null), plain(flush));
        }
    }

    @Test
    void broadcastSendsOneMessagePerPrefixToTheRedirectTarget() throws Exception {
        try (TestServer s = TestServer.start(); RawConnection target = new RawConnection(s.port());
                RawConnection tracker = new RawConnection(s.port())) {
            long targetId = ((RespValue.Integer) call(target, "CLIENT", "ID")).value();
            call(target, "SUBSCRIBE", "__redis__:invalidate");
            assertEquals("OK", text(call(tracker, "CLIENT", "TRACKING", "ON", "BCAST", "REDIRECT",
                    Long.toString(targetId), "PREFIX", "a:", "PREFIX", "b:")));
            call(tracker, "MSET", "a:1", "x", "a:2", "x", "b:1", "x", "c:1", "x");
            assertEquals(List.of("message", "__redis__:invalidate", List.of("a:1", "a:2")), plain(target.read()));
            assertEquals(List.of("message", "__redis__:invalidate", List.of("b:1")), plain(target.read()));
            assertEquals("ERR Prefix 'a' overlaps with an existing prefix 'a:'. Prefixes for a single client must not "
                    + "overlap.", text(call(tracker, "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "a")));
        }
    }

    @Test
    void resetTurnsTrackingAndMonitoringOff() throws Exception {
        try (TestServer s = TestServer.start(); RawConnection c = new RawConnection(s.port());
                RawConnection watcher = new RawConnection(s.port())) {
            call(c, "CLIENT", "TRACKING", "ON");
            assertEquals("OK", text(call(watcher, "MONITOR")));
            assertEquals("RESET", text(call(watcher, "RESET")), "a monitor's own RESET is not echoed to it");
            assertEquals("RESET", text(call(c, "RESET")));
            assertEquals(-1L, ((RespValue.Integer) call(c, "CLIENT", "GETREDIR")).value());
        }
    }

    private static RespValue call(RawConnection c, String... args) throws Exception {
        c.command(args);
        return c.read();
    }

    private static String text(RespValue v) {
        Object p = plain(v);
        return p == null ? null : p.toString();
    }

    /** Strings, longs, nulls and lists of them; errors as their text. */
    private static Object plain(RespValue v) {
        if (v instanceof RespValue.SimpleString s) {
            return s.text();
        }
        if (v instanceof RespValue.Error e) {
            return e.text();
        }
        if (v instanceof RespValue.Integer i) {
            return i.value();
        }
        if (v instanceof RespValue.Bulk b) {
            return new String(b.data(), StandardCharsets.UTF_8);
        }
        List<RespValue> items = v instanceof RespValue.Array a ? a.items()
                : v instanceof RespValue.Push p ? p.items() : null;
        if (items == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (RespValue x : items) {
            out.add(plain(x));
        }
        return out;
    }
}
