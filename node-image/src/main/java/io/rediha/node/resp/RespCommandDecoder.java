package io.rediha.node.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a client's request stream into argument vectors ({@code byte[][]}), accepting both
 * forms redis-server accepts: multibulk arrays of bulk strings, and inline lines ({@code PING}
 * typed into a raw socket).
 *
 * <p>A state machine over the cumulated input: {@code argv == null} means "between requests";
 * otherwise {@code argc} arguments are filled and {@code bulkLength} is the length of the bulk
 * being waited for ({@code -1} while its {@code $<len>} header is still missing). Each step returns
 * without consuming when it needs more bytes.
 *
 * <p>Limits are checked before waiting for more bytes: a header line or inline request longer than
 * 64 KB, a bulk longer than {@code proto-max-bulk-len}, and unprocessed input above
 * {@code client-query-buffer-limit} are refused at once. After a {@link RespProtocolException} the
 * decoder discards everything; the server answers the error and closes the connection.
 */
public final class RespCommandDecoder extends ByteToMessageDecoder {
    /** Longest inline request or {@code *<n>} / {@code $<n>} header line Redis accepts. */
    public static final int MAX_INLINE_SIZE = 64 * 1024;
    private static final int MAX_UNAUTHENTICATED_ARGS = 10;
    private static final int MAX_UNAUTHENTICATED_BULK = 16384;

    private final RespLimits limits;
    private byte[][] argv;
    private int argc;
    private int expectedArgs;
    private long bulkLength = -1;
    private boolean broken;

    public RespCommandDecoder(RespLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeAvailable(in, out);
        } catch (RespProtocolException | QueryBufferLimitException e) {
            broken = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeAvailable(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (argv == null) {
                byte first = in.getByte(in.readerIndex());
                boolean complete = first == '*' ? readMultibulkHeader(in) : readInline(in, out);
                if (!complete) {
                    break;
                }
                if (argv == null) {
                    continue; // empty request (blank line or *0)
                }
            }
            if (!readBulks(in)) {
                break;
            }
            out.add(argc == argv.length ? argv : Arrays.copyOf(argv, argc));
            argv = null;
        }
        if (in.readableBytes() > limits.maxQueryBuffer()) {
            throw new QueryBufferLimitException(in.readableBytes());
        }
    }

    /** {@code <here>*<n>\r\n}: reads the argument count; false when the line is incomplete. */
    private boolean readMultibulkHeader(ByteBuf in) {
        int start = in.readerIndex();
        int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > MAX_INLINE_SIZE) {
                throw new RespProtocolException("too big mbulk count string");
            }
            return false;
        }
        long n = parseLong(in, start + 1, cr);
        if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new RespProtocolException("invalid multibulk length");
        }
        if (n > MAX_UNAUTHENTICATED_ARGS && !limits.authenticated()) {
            throw new RespProtocolException("unauthenticated multibulk length");
        }
        in.readerIndex(cr + 2);
        if (n > 0) {
            // Grow as arguments arrive: a header alone must not make us allocate 2^31 slots.
            argv = new byte[(int) Math.min(n, 1024)][];
            argc = 0;
            expectedArgs = (int) n;
            bulkLength = -1;
        }
        return true;
    }

    /** {@code <here>$<len>\r\n<data>\r\n} repeated; false when more bytes are needed. */
    private boolean readBulks(ByteBuf in) {
        while (argc < expectedArgs) {
            if (bulkLength < 0) {
                int start = in.readerIndex();
                if (start >= in.writerIndex()) {
                    return false;
                }
                int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
                if (cr < 0 || cr + 1 >= in.writerIndex()) {
                    if (in.readableBytes() > MAX_INLINE_SIZE) {
                        throw new RespProtocolException("too big bulk count string");
                    }
                    return false;
                }
                byte dollar = in.getByte(start);
                if (dollar != '$') {
                    throw new RespProtocolException("expected '$', got '" + (char) (dollar & 0xff) + "'");
                }
                long len = parseLong(in, start + 1, cr);
                if (len == Long.MIN_VALUE || len < 0 || len > limits.maxBulkLength()) {
                    throw new RespProtocolException("invalid bulk length");
                }
                if (len > MAX_UNAUTHENTICATED_BULK && !limits.authenticated()) {
                    throw new RespProtocolException("unauthenticated bulk length");
                }
                in.readerIndex(cr + 2);
                bulkLength = len;
            }
            // $<len>\r\n <here> {data}\r\n
            if (in.readableBytes() < bulkLength + 2) {
                if (in.readableBytes() > limits.maxQueryBuffer()) {
                    throw new QueryBufferLimitException(in.readableBytes());
                }
                return false;
            }
            byte[] arg = new byte[(int) bulkLength];
            in.readBytes(arg);
            in.skipBytes(2);
            if (argc == argv.length) {
                argv = Arrays.copyOf(argv, (int) Math.min((long) argv.length * 2, expectedArgs));
            }
            argv[argc++] = arg;
            bulkLength = -1;
        }
        return true;
    }

    /** An inline request up to {@code \n}; false when the line is incomplete. */
    private boolean readInline(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_INLINE_SIZE) {
                throw new RespProtocolException("too big inline request");
            }
            return false;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(lf + 1);
        List<byte[]> args = ArgSplitter.split(line, 0, line.length);
        if (args == null) {
            throw new RespProtocolException("unbalanced quotes in request");
        }
        if (!args.isEmpty()) {
            out.add(args.toArray(new byte[0][]));
        }
        return true;
    }

    /** The decimal number in {@code [from, to)}, or {@code Long.MIN_VALUE} when it is not one. */
    static long parseLong(ByteBuf in, int from, int to) {
        if (from >= to || to - from > 20) {
            return Long.MIN_VALUE;
        }
        boolean negative = false;
        int i = from;
        if (in.getByte(i) == '-') {
            negative = true;
            i++;
            if (i == to) {
                return Long.MIN_VALUE;
            }
        }
        long v = 0;
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
