package io.rediha.node.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP2 and RESP3 replies into {@link Reply} values.
 *
 * <p>Each call tries to read one whole reply from the reader index; when the bytes end early it
 * rewinds and waits for more, so frames may be split anywhere. Replies on a client link are small
 * (the largest is an INFO text of a few KiB), so re-reading a partial frame from its start is
 * cheaper than keeping a resumable state machine; bulk lengths are checked against the readable
 * bytes before anything is copied, so a large value costs one scan, not one per packet.
 */
public final class ReplyDecoder extends ByteToMessageDecoder {
    /** Redis's own proto-max-bulk-len default; a reply larger than this is a broken peer. */
    static final long MAX_BULK_LENGTH = 512L * 1024 * 1024;
    static final int MAX_DEPTH = 64;

    /** Marker for "not enough bytes yet". */
    private static final Reply INCOMPLETE = new Reply.Status("<incomplete>");

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            Reply reply = read(in, 0);
            if (reply == INCOMPLETE) {
                in.readerIndex(start);
                return;
            }
            out.add(reply);
        }
    }

    /** Decodes every complete reply in {@code in}; used by tests and by callers without a pipeline. */
    public static List<Reply> decodeAll(ByteBuf in) {
        List<Reply> out = new ArrayList<>();
        while (in.isReadable()) {
            int start = in.readerIndex();
            Reply reply = read(in, 0);
            if (reply == INCOMPLETE) {
                in.readerIndex(start);
                break;
            }
            out.add(reply);
        }
        return out;
    }

    private static Reply read(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new DecoderException("reply nesting: " + depth + " (expected: <= " + MAX_DEPTH + ")");
        }
        if (!in.isReadable()) {
            return INCOMPLETE;
        }
        byte type = in.readByte();
        String line = readLine(in);
        if (line == null) {
            return INCOMPLETE;
        }
        // <type><line>\r\n <here> [payload]
        return switch (type) {
            case '+' -> new Reply.Status(line);
            case '-' -> new Reply.Error(line);
            case ':' -> new Reply.Int(parseLong(line));
            case '$', '=', '(' -> readBulk(in, line, type);
            case '*', '~', '>' -> readAggregate(in, line, type, depth);
            case '%', '|' -> readMap(in, line, type, depth);
            case '_' -> Reply.Null.INSTANCE;
            case '#' -> new Reply.Bool("t".equals(line));
            case ',' -> new Reply.Double(parseDouble(line));
            case '!' -> readBlobError(in, line);
            case '\n', '\r' -> throw new DecoderException("stray line ending in reply stream");
            default -> throw new DecoderException("reply type byte: " + (char) type
                    + " (expected one of + - : $ * _ # , ( = ! % ~ > |)");
        };
    }

    private static Reply readBulk(ByteBuf in, String header, byte type) {
        if (type == '(') {
            return new Reply.Bulk(header.getBytes(StandardCharsets.US_ASCII));
        }
        long length = parseLong(header);
        if (length < 0) {
            return Reply.Null.INSTANCE;
        }
        if (length > MAX_BULK_LENGTH) {
            throw new DecoderException("bulk length: " + length + " (expected: <= " + MAX_BULK_LENGTH + ")");
        }
        if (in.readableBytes() < length + 2) {
            return INCOMPLETE;
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        // {payload} <here> \r\n
        if (in.readByte() != '\r' || in.readByte() != '\n') {
            throw new DecoderException("bulk payload not followed by \\r\\n");
        }
        if (type == '=' && bytes.length >= 4 && bytes[3] == ':') {
            // Verbatim string: "txt:" or "mkd:" then the text; callers want the text.
            return new Reply.Bulk(java.util.Arrays.copyOfRange(bytes, 4, bytes.length));
        }
        return new Reply.Bulk(bytes);
    }

    private static Reply readBlobError(ByteBuf in, String header) {
        Reply body = readBulk(in, header, (byte) '$');
        if (body == INCOMPLETE) {
            return INCOMPLETE;
        }
        return new Reply.Error(body.asText());
    }

    private static Reply readAggregate(ByteBuf in, String header, byte type, int depth) {
        long count = parseLong(header);
        if (count < 0) {
            return Reply.Null.INSTANCE;
        }
        List<Reply> items = readItems(in, count, depth);
        if (items == null) {
            return INCOMPLETE;
        }
        return type == '>' ? new Reply.Push(items) : new Reply.Array(items);
    }

    private static Reply readMap(ByteBuf in, String header, byte type, int depth) {
        long count = parseLong(header);
        if (count < 0) {
            return Reply.Null.INSTANCE;
        }
        List<Reply> items = readItems(in, count * 2, depth);
        if (items == null) {
            return INCOMPLETE;
        }
        if (type == '|') {
            // Attribute: metadata for the reply that follows; skip it and return that reply.
            return read(in, depth);
        }
        return new Reply.Map(items);
    }

    private static List<Reply> readItems(ByteBuf in, long count, int depth) {
        if (count > in.readableBytes()) {
            // Every element takes at least three bytes; this also bounds the list allocation.
            return null;
        }
        List<Reply> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            Reply item = read(in, depth + 1);
            if (item == INCOMPLETE) {
                return null;
            }
            items.add(item);
        }
        return items;
    }

    /** Reads up to and consuming CRLF; returns null (nothing consumed that matters) when no CRLF yet. */
    private static String readLine(ByteBuf in) {
        int lf = in.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            return null;
        }
        int end = lf > in.readerIndex() && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(lf + 1);
        return line;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new DecoderException("integer in reply: '" + s + "'");
        }
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "inf" -> java.lang.Double.POSITIVE_INFINITY;
            case "-inf" -> java.lang.Double.NEGATIVE_INFINITY;
            case "nan" -> java.lang.Double.NaN;
            default -> {
                try {
                    yield java.lang.Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new DecoderException("double in reply: '" + s + "'");
                }
            }
        };
    }
}
