package io.rediha.node.resp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespCommandDecoderTest {

    private static EmbeddedChannel channel(RespLimits limits) {
        return new EmbeddedChannel(new RespCommandDecoder(limits));
    }

    private static List<String> words(byte[][] argv) {
        List<String> out = new ArrayList<>();
        for (byte[] a : argv) {
            out.add(new String(a, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void write(EmbeddedChannel ch, String s) {
        ch.writeInbound(Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void decodesMultibulkFedOneByteAtATime() {
        EmbeddedChannel ch = channel(RespLimits.DEFAULT);
        for (char c : "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n".toCharArray()) {
            assertNull(ch.readInbound(), "no command before the last byte");
            write(ch, String.valueOf(c));
        }
        assertEquals(List.of("GET", "key"), words(ch.readInbound()));
        assertFalse(ch.finish(), "nothing left unread");
    }

    @Test
    void decodesInlineCommandWithQuotesAndSplitCrlf() {
        EmbeddedChannel ch = channel(RespLimits.DEFAULT);
        write(ch, "SET \"a b\" 'c\\'d' \"\\x41\\n\"\r");
        assertNull(ch.readInbound(), "the line is not complete before LF");
        write(ch, "\n");
        assertEquals(List.of("SET", "a b", "c'd", "A\n"), words(ch.readInbound()));
        assertFalse(ch.finish());
    }

    @Test
    void decodesPipelinedCommandsInOrderAndSkipsEmptyOnes() {
        EmbeddedChannel ch = channel(RespLimits.DEFAULT);
        write(ch, "PING\r\n\r\n*0\r\n*1\r\n$4\r\nPING\r\n*-1\r\nECHO x\n");
        assertEquals(List.of("PING"), words(ch.readInbound()));
        assertEquals(List.of("PING"), words(ch.readInbound()));
        assertEquals(List.of("ECHO", "x"), words(ch.readInbound()));
        assertNull(ch.readInbound());
    }

    @Test
    void decodesBinarySafeBulkWithCrlfInside() {
        EmbeddedChannel ch = channel(RespLimits.DEFAULT);
        write(ch, "*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n");
        byte[][] argv = ch.readInbound();
        assertArrayEquals("a\r\nb".getBytes(StandardCharsets.UTF_8), argv[1]);
    }

    private static String protocolError(EmbeddedChannel ch, String input) {
        DecoderException e = assertThrows(DecoderException.class, () -> write(ch, input));
        assertInstanceOf(RespProtocolException.class, e.getCause());
        return e.getCause().getMessage();
    }

    @Test
    void refusesMalformedFramesWithRedisMessages() {
        assertEquals("invalid multibulk length", protocolError(channel(RespLimits.DEFAULT), "*x\r\n"));
        assertEquals("invalid bulk length", protocolError(channel(RespLimits.DEFAULT), "*1\r\n$-5\r\n"));
        assertEquals("expected '$', got 'x'", protocolError(channel(RespLimits.DEFAULT), "*1\r\nx3\r\n"));
        assertEquals("unbalanced quotes in request", protocolError(channel(RespLimits.DEFAULT), "SET \"a\r\n"));
        assertEquals("too big inline request",
                protocolError(channel(RespLimits.DEFAULT), "x".repeat(RespCommandDecoder.MAX_INLINE_SIZE + 1)));
        assertEquals("too big mbulk count string",
                protocolError(channel(RespLimits.DEFAULT), "*" + "1".repeat(RespCommandDecoder.MAX_INLINE_SIZE + 1)));
    }

    @Test
    void refusesBulkLongerThanProtoMaxBulkLenBeforeBuffering() {
        RespLimits small = limits(1024, 1L << 30, true);
        assertEquals("invalid bulk length", protocolError(channel(small), "*1\r\n$1025\r\n"));
    }

    @Test
    void refusesBigFramesBeforeAuthentication() {
        RespLimits anonymous = limits(1L << 29, 1L << 30, false);
        assertEquals("unauthenticated multibulk length", protocolError(channel(anonymous), "*11\r\n"));
        assertEquals("unauthenticated bulk length", protocolError(channel(anonymous), "*1\r\n$16385\r\n"));
    }

    @Test
    void refusesInputBeyondQueryBufferLimit() {
        EmbeddedChannel ch = channel(limits(1L << 29, 64, true));
        DecoderException e = assertThrows(DecoderException.class, () -> write(ch, "*1\r\n$100\r\n" + "x".repeat(80)));
        assertInstanceOf(QueryBufferLimitException.class, e.getCause());
    }

    @Test
    void discardsEverythingAfterAProtocolError() {
        EmbeddedChannel ch = channel(RespLimits.DEFAULT);
        protocolError(ch, "*x\r\n");
        write(ch, "PING\r\n");
        assertNull(ch.readInbound(), "a broken stream is not read further");
    }

    static RespLimits limits(long bulk, long query, boolean auth) {
        return new RespLimits() {
            @Override
            public long maxBulkLength() {
                return bulk;
            }

            @Override
            public long maxQueryBuffer() {
                return query;
            }

            @Override
            public boolean authenticated() {
                return auth;
            }
        };
    }
}
