package io.rediha.node.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyDecoderTest {

    private static List<Reply> feedByteByByte(String wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<Reply> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add((Reply) o);
        }
        assertFalse(ch.finish(), "nothing left unread");
        return out;
    }

    @Test
    void decodesEveryResp2TypeFedOneByteAtATime() {
        List<Reply> replies = feedByteByByte("+PONG\r\n-ERR no\r\n:42\r\n$3\r\nfoo\r\n$-1\r\n*-1\r\n"
                + "*2\r\n$1\r\na\r\n*1\r\n:1\r\n$0\r\n\r\n");
        assertEquals(8, replies.size());
        assertEquals("PONG", replies.get(0).asText());
        assertEquals("ERR", ((Reply.Error) replies.get(1)).code());
        assertEquals(42, ((Reply.Int) replies.get(2)).value());
        assertEquals("foo", replies.get(3).asText());
        assertEquals(Reply.Null.INSTANCE, replies.get(4));
        assertEquals(Reply.Null.INSTANCE, replies.get(5));
        Reply.Array nested = (Reply.Array) replies.get(6);
        assertEquals("a", nested.items().get(0).asText());
        assertEquals(1, ((Reply.Int) ((Reply.Array) nested.items().get(1)).items().get(0)).value());
        assertEquals("", replies.get(7).asText());
    }

    @Test
    void decodesResp3MapsPushesAndScalars() {
        List<Reply> replies = feedByteByByte("%1\r\n+k\r\n:1\r\n>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n"
                + "_\r\n#t\r\n,1.5\r\n=8\r\ntxt:info\r\n!5\r\nERR x\r\n(123\r\n~1\r\n:2\r\n");
        assertInstanceOf(Reply.Map.class, replies.get(0));
        assertInstanceOf(Reply.Push.class, replies.get(1));
        assertEquals(Reply.Null.INSTANCE, replies.get(2));
        assertTrue(((Reply.Bool) replies.get(3)).value());
        assertEquals(1.5, ((Reply.Double) replies.get(4)).value());
        assertEquals("info", replies.get(5).asText(), "verbatim strings lose their format prefix");
        assertEquals("ERR x", replies.get(6).asText());
        assertEquals("123", replies.get(7).asText());
        assertInstanceOf(Reply.Array.class, replies.get(8));
    }

    @Test
    void bulkPayloadContainingCrLfIsReadByLength() {
        List<Reply> replies = feedByteByByte("$8\r\na\r\nb\r\ncd\r\n");
        assertEquals("a\r\nb\r\ncd", replies.get(0).asText());
    }

    @Test
    void incompleteFrameLeavesBufferUntouched() {
        ByteBuf buf = Unpooled.copiedBuffer("*2\r\n$3\r\nfoo\r\n$3\r\nba", StandardCharsets.UTF_8);
        assertTrue(ReplyDecoder.decodeAll(buf).isEmpty());
        assertEquals(0, buf.readerIndex());
        buf.writeBytes("r\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, ReplyDecoder.decodeAll(buf).size());
        assertFalse(buf.isReadable());
        buf.release();
    }

    @Test
    void garbageTypeByteIsAProtocolError() {
        EmbeddedChannel ch = new EmbeddedChannel(new ReplyDecoder());
        assertThrows(DecoderException.class,
                () -> ch.writeInbound(Unpooled.copiedBuffer("?what\r\n", StandardCharsets.UTF_8)));
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }
}
