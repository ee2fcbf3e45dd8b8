package io.rediha.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one complete RESP2/RESP3 reply from a buffer, for clients (replica link, Sentinel links,
 * tests). It never consumes a partial reply: when the buffer holds less than one whole reply it
 * returns null and leaves the reader index where it was, so the caller simply waits for more bytes.
 *
 * <p>Attribute frames ({@code |n}) are read and dropped, as clients that do not ask for them do.
 */
public final class RespReplyParser {
    /** Marker for "incomplete", distinct from a parsed null reply. */
    private static final Object INCOMPLETE = new Object();
    private final long maxBulkLength;
    private final int maxDepth;

    public RespReplyParser() {
        this(512L * 1024 * 1024, 64);
    }

    public RespReplyParser(long maxBulkLength, int maxDepth) {
        this.maxBulkLength = maxBulkLength;
        this.maxDepth = maxDepth;
    }

    /**
     * The next reply in {@code in}, consuming it; null when {@code in} does not yet hold a whole
     * reply (nothing consumed).
     *
     * @throws RespProtocolException when the bytes are not RESP
     */
    public RespValue parse(ByteBuf in) {
        int mark = in.readerIndex();
        Object v = read(in, 0);
        if (v == INCOMPLETE) {
            in.readerIndex(mark);
            return null;
        }
        return (RespValue) v;
    }

    private Object read(ByteBuf in, int depth) {
        if (depth > maxDepth) {
            throw new RespProtocolException("reply nested deeper than " + maxDepth);
        }
        while (true) {
            if (!in.isReadable()) {
                return INCOMPLETE;
            }
            int start = in.readerIndex();
            int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
            if (cr < 0 || cr + 1 >= in.writerIndex()) {
                return INCOMPLETE;
            }
            byte type = in.getByte(start);
            String line = in.toString(start + 1, cr - start - 1, StandardCharsets.UTF_8);
            in.readerIndex(cr + 2);
            switch (type) {
                case '+':
                    return new RespValue.SimpleString(line);
                case '-':
                    return new RespValue.Error(line);
                case ':':
                    return new RespValue.Integer(parseLong(line));
                case '_':
                    return new RespValue.Null();
                case ',':
                    return new RespValue.Double(parseDouble(line));
                case '#':
                    return new RespValue.Boolean(line.equals("t"));
                case '(':
                    return new RespValue.BigNumber(line);
                case '$':
                case '!':
                case '=': {
                    long len = parseLong(line);
                    if (len < 0) {
                        return new RespValue.Null();
                    }
                    if (len > maxBulkLength) {
                        throw new RespProtocolException("invalid bulk length");
                    }
                    if (in.readableBytes() < len + 2) {
                        return INCOMPLETE;
                    }
                    byte[] data = new byte[(int) len];
                    in.readBytes(data);
                    in.skipBytes(2);
                    if (type == '!') {
                        return new RespValue.Error(new String(data, StandardCharsets.UTF_8));
                    }
                    if (type == '=') {
                        String s = new String(data, StandardCharsets.UTF_8);
                        return s.length() >= 4 ? new RespValue.Verbatim(s.substring(0, 3), s.substring(4))
                                : new RespValue.Verbatim("txt", s);
                    }
                    return new RespValue.Bulk(data);
                }
                case '*':
                case '%':
                case '~':
                case '>':
                case '|': {
                    long n = parseLong(line);
                    if (n < 0) {
                        return new RespValue.Null();
                    }
                    long count = (type == '%' || type == '|') ? n * 2 : n;
                    if (count > Integer.MAX_VALUE - 8) {
                        throw new RespProtocolException("invalid multibulk length");
                    }
                    List<RespValue> items = new ArrayList<>((int) Math.min(count, 1024));
                    for (long i = 0; i < count; i++) {
                        Object item = read(in, depth + 1);
                        if (item == INCOMPLETE) {
                            return INCOMPLETE;
                        }
                        items.add((RespValue) item);
                    }
                    switch (type) {
                        case '%':
                            return new RespValue.Map(items);
                        case '~':
                            return new RespValue.Set(items);
                        case '>':
                            return new RespValue.Push(items);
                        case '|':
                            continue; // attribute: dropped, the reply it annotates follows
                        default:
                            return new RespValue.Array(items);
                    }
                }
                default:
                    throw new RespProtocolException("unexpected reply type byte '" + (char) (type & 0xff) + "'");
            }
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new RespProtocolException("invalid number '" + s + "'");
        }
    }

    private static double parseDouble(String s) {
        switch (s) {
            case "inf":
                return java.lang.Double.POSITIVE_INFINITY;
            case "-inf":
                return java.lang.Double.NEGATIVE_INFINITY;
            case "nan":
                return java.lang.Double.NaN;
            default:
                try {
                    return java.lang.Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new RespProtocolException("invalid double '" + s + "'");
                }
        }
    }
}
