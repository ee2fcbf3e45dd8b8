package io.rediha.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Netty decoder for the client side of a connection: emits one {@link RespValue} per reply.
 * Handlers that must switch to raw bytes mid-stream (a replica receiving an RDB payload) can
 * remove this decoder; {@link ByteToMessageDecoder} then hands them the unread bytes.
 */
public final class RespReplyDecoder extends ByteToMessageDecoder {
    private final RespReplyParser parser;

    public RespReplyDecoder() {
        this(new RespReplyParser());
    }

    public RespReplyDecoder(RespReplyParser parser) {
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        RespValue v;
        while ((v = parser.parse(in)) != null) {
            out.add(v);
        }
    }
}
