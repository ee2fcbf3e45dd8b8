package io.rediha.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that RESP replies are written into — the server's per-client reply
 * buffer. Replies are small and many (a pipeline of sixteen GETs is dozens of tiny writes), so
 * they go into a plain array with no per-write reference-count or bounds bookkeeping, and the
 * whole round is handed to the socket in one copy ({@link #array()}, {@link #size()}).
 *
 * <p>Not thread-safe: one owner, the command thread.
 */
public final class RespOutput {
    private static final int CACHED = 1024;
    private static final byte[][] BULK_HEADERS = headers('$');
    private static final byte[][] ARRAY_HEADERS = headers('*');
    private static final byte[][] INTEGERS = headers(':');
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE3 = "#t\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE3 = "#f\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int initialCapacity;
    private byte[] buf;
    private int size;

    public RespOutput(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    private static byte[][] headers(char prefix) {
        byte[][] h = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            h[i] = (prefix + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return h;
    }

    /** The bytes written so far are {@code array()[0 .. size())}. */
    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Forgets the content; a buffer that grew large for one big reply is given back. */
    public void reset() {
        size = 0;
        if (buf.length > 64 * 1024) {
            buf = new byte[initialCapacity];
        }
    }

    private void ensure(int extra) {
        int need = size + extra;
        if (need > buf.length) {
            if (need < 0) {
                throw new IllegalStateException("reply larger than 2 GB");
            }
            buf = Arrays.copyOf(buf, Math.max(need, Math.min(Integer.MAX_VALUE - 8, buf.length * 2)));
        }
    }

    public void writeRaw(byte[] b) {
        writeRaw(b, 0, b.length);
    }

    public void writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** The readable bytes of {@code b} (not consumed, not released: the caller still owns it). */
    public void writeRaw(io.netty.buffer.ByteBuf b) {
        int len = b.readableBytes();
        ensure(len);
        b.getBytes(b.readerIndex(), buf, size, len);
        size += len;
    }

    private void put(byte b) {
        buf[size++] = b;
    }

    private void crlf() {
        buf[size++] = '\r';
        buf[size++] = '\n';
    }

    /** {@code +text}; CR/LF in the text become spaces. */
    public void writeSimple(String text) {
        writeLine('+', text);
    }

    /** {@code -text}; the text starts with its code. CR/LF become spaces. */
    public void writeError(String text) {
        writeLine('-', text);
    }

    private void writeLine(char type, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 3);
        put((byte) type);
        for (byte x : b) {
            put(x == '\r' || x == '\n' ? (byte) ' ' : x);
        }
        crlf();
    }

    public void writeInteger(long n) {
        if (n >= 0 && n < CACHED) {
            writeRaw(INTEGERS[(int) n]);
            return;
        }
        writeHeader(':', n);
    }

    public void writeBulk(byte[] data) {
        writeBulk(data, 0, data.length);
    }

    public void writeBulk(byte[] data, int off, int len) {
        byte[] header = len < CACHED ? BULK_HEADERS[len] : null;
        int headerLen = header != null ? header.length : 3 + RespWriter.decimalLength(len);
        ensure(headerLen + len + 2);
        if (header != null) {
            System.arraycopy(header, 0, buf, size, header.length);
            size += header.length;
        } else {
            put((byte) '$');
            writeDecimalUnchecked(len);
            crlf();
        }
        System.arraycopy(data, off, buf, size, len);
        size += len;
        crlf();
    }

    /** The decimal text of {@code n} as a bulk string. */
    public void writeBulkDecimal(long n) {
        int len = RespWriter.decimalLength(n);
        ensure(len + 8 + RespWriter.decimalLength(len));
        if (len < CACHED) {
            byte[] h = BULK_HEADERS[len];
            System.arraycopy(h, 0, buf, size, h.length);
            size += h.length;
        }
        writeDecimalUnchecked(n);
        crlf();
    }

    public void writeArrayHeader(long n) {
        if (n >= 0 && n < CACHED) {
            writeRaw(ARRAY_HEADERS[(int) n]);
        } else {
            writeHeader('*', n);
        }
    }

    public void writeMapHeader(int protocol, long pairs) {
        if (protocol >= 3) {
            writeHeader('%', pairs);
        } else {
            writeArrayHeader(pairs * 2);
        }
    }

    public void writeSetHeader(int protocol, long n) {
        if (protocol >= 3) {
            writeHeader('~', n);
        } else {
            writeArrayHeader(n);
        }
    }

    public void writePushHeader(int protocol, long n) {
        if (protocol >= 3) {
            writeHeader('>', n);
        } else {
            writeArrayHeader(n);
        }
    }

    public void writeNull(int protocol) {
        writeRaw(protocol >= 3 ? NULL3 : NULL_BULK);
    }

    public void writeNullArray(int protocol) {
        writeRaw(protocol >= 3 ? NULL3 : NULL_ARRAY);
    }

    public void writeDouble(int protocol, double d) {
        if (protocol >= 3) {
            writeLine(',', RespWriter.formatDouble(d));
        } else {
            writeBulk(RespWriter.formatDouble(d).getBytes(StandardCharsets.US_ASCII));
        }
    }

    public void writeBoolean(int protocol, boolean b) {
        if (protocol >= 3) {
            writeRaw(b ? TRUE3 : FALSE3);
        } else {
            writeInteger(b ? 1 : 0);
        }
    }

    /** Verbatim text in RESP3 ({@code =len txt:...}), a bulk string in RESP2. */
    public void writeVerbatim(int protocol, String format, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 3) {
            writeHeader('=', b.length + 4);
            writeRaw(format.getBytes(StandardCharsets.US_ASCII), 0, 3);
            ensure(1);
            put((byte) ':');
            writeRaw(b);
            ensure(2);
            crlf();
        } else {
            writeBulk(b);
        }
    }

    private void writeHeader(char type, long n) {
        ensure(23);
        put((byte) type);
        writeDecimalUnchecked(n);
        crlf();
    }

    /** Digits of {@code n}; the caller made room (at most 20 bytes). */
    private void writeDecimalUnchecked(long n) {
        if (n == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, buf, size, min.length);
            size += min.length;
            return;
        }
        int len = RespWriter.decimalLength(n);
        int pos = size + len;
        long v = n < 0 ? -n : n;
        do {
            buf[--pos] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (n < 0) {
            buf[--pos] = '-';
        }
        size += len;
    }
}
