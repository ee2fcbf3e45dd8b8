package io.rediha.node.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespReplyParserTest {
    private final RespReplyParser parser = new RespReplyParser();

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void parsesEveryResp3Type() {
        ByteBuf b = buf("+OK\r\n-ERR x\r\n:42\r\n$3\r\nabc\r\n$-1\r\n_\r\n,1.5\r\n#t\r\n(123\r\n=8\r\ntxt:info\r\n"
                + "%1\r\n+k\r\n:1\r\n~1\r\n+m\r\n>2\r\n+message\r\n+x\r\n|1\r\n+a\r\n+b\r\n:7\r\n!3\r\nERR\r\n");
        assertEquals(new RespValue.SimpleString("OK"), parser.parse(b));
        assertEquals(new RespValue.Error("ERR x"), parser.parse(b));
        assertEquals(new RespValue.Integer(42), parser.parse(b));
        assertEquals("abc", parser.parse(b).asText());
        assertInstanceOf(RespValue.Null.class, parser.parse(b));
        assertInstanceOf(RespValue.Null.class, parser.parse(b));
        assertEquals(1.5, ((RespValue.Double) parser.parse(b)).value());
        assertEquals(new RespValue.Boolean(true), parser.parse(b));
        assertEquals("123", parser.parse(b).asText());
        assertEquals(new RespValue.Verbatim("txt", "info"), parser.parse(b));
        assertEquals(2, ((RespValue.Map) parser.parse(b)).items().size());
        assertEquals(1, ((RespValue.Set) parser.parse(b)).items().size());
        assertEquals(2, ((RespValue.Push) parser.parse(b)).items().size());
        assertEquals(new RespValue.Integer(7), parser.parse(b), "an attribute is skipped");
        assertEquals(new RespValue.Error("ERR"), parser.parse(b));
        assertEquals(0, b.readableBytes());
    }

    @Test
    void leavesAPartialReplyUnconsumed() {
        ByteBuf b = buf("*2\r\n$3\r\nabc\r\n$2\r\nd");
        assertNull(parser.parse(b));
        assertEquals(0, b.readerIndex(), "nothing consumed");
        b.writeBytes("e\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, ((RespValue.Array) parser.parse(b)).items().size());
    }

    @Test
    void refusesAnUnknownTypeByte() {
        assertThrows(RespProtocolException.class, () -> parser.parse(buf("?x\r\n")));
    }
}
