package io.rediha.node.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a command (a list of arguments) as a RESP array of bulk strings. */
public final class CommandEncoder extends MessageToByteEncoder<CommandEncoder.Command> {

    /** The arguments of one command, already as bytes. */
    public record Command(List<byte[]> args) {
        public static Command of(String... args) {
            return new Command(java.util.Arrays.stream(args)
                    .map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Command command, ByteBuf out) {
        write(command, out);
    }

    public static void write(Command command, ByteBuf out) {
        out.writeByte('*');
        writeDecimal(out, command.args().size());
        for (byte[] arg : command.args()) {
            out.writeByte('$');
            writeDecimal(out, arg.length);
            out.writeBytes(arg);
            out.writeByte('\r').writeByte('\n');
        }
    }

    private static void writeDecimal(ByteBuf out, int n) {
        out.writeCharSequence(Integer.toString(n), StandardCharsets.US_ASCII);
        out.writeByte('\r').writeByte('\n');
    }
}
