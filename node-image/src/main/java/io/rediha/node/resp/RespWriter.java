package io.rediha.node.resp;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 and RESP3 replies straight into a {@link ByteBuf}: one small method per type, no
 * message objects. The caller picks the protocol version; methods named {@code ...3} exist only in
 * RESP3, and {@link #writeNull(ByteBuf, int)} and friends pick the right form for either.
 *
 * <p>Strings passed as simple strings or errors must not contain CR or LF; {@link #writeError}
 * replaces them with spaces, so no message can break the stream.
 */
public final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHED = 1024;
    private static final byte[][] BULK_HEADERS = headers('$');
    private static final byte[][] ARRAY_HEADERS = headers('*');
    private static final byte[][] INTEGERS = headers(':');

    private RespWriter() {
    }

    private static byte[][] headers(char prefix) {
        byte[][] h = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            h[i] = (prefix + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return h;
    }

    /** {@code +text\r\n}. */
    public static void writeSimple(ByteBuf out, String text) {
        out.writeByte('+');
        writeAsciiSafe(out, text);
        out.writeBytes(CRLF);
    }

    /**
     * {@code -text\r\n}. The text starts with its code ({@code ERR}, {@code WRONGTYPE}...); CR and LF
     * inside it become spaces.
     */
    public static void writeError(ByteBuf out, String text) {
        out.writeByte('-');
        writeAsciiSafe(out, text);
        out.writeBytes(CRLF);
    }

    private static void writeAsciiSafe(ByteBuf out, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                b[i] = ' ';
            }
        }
        out.writeBytes(b);
    }

    /** {@code :n\r\n}. */
    public static void writeInteger(ByteBuf out, long n) {
        if (n >= 0 && n < CACHED) {
            out.writeBytes(INTEGERS[(int) n]);
            return;
        }
        out.writeByte(':');
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    /** {@code $len\r\ndata\r\n}. */
    public static void writeBulk(ByteBuf out, byte[] data) {
        writeBulk(out, data, 0, data.length);
    }

    /** A bulk string of {@code len} bytes of {@code data} from {@code offset}. */
    public static void writeBulk(ByteBuf out, byte[] data, int offset, int len) {
        writeLengthHeader(out, BULK_HEADERS, '$', len);
        out.writeBytes(data, offset, len);
        out.writeBytes(CRLF);
    }

    /** A bulk string of the UTF-8 bytes of {@code text}. */
    public static void writeBulk(ByteBuf out, String text) {
        writeBulk(out, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The decimal text of {@code n} as a bulk string (what GET returns for a counter). */
    public static void writeBulkDecimal(ByteBuf out, long n) {
        int len = decimalLength(n);
        writeLengthHeader(out, BULK_HEADERS, '$', len);
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    /** {@code *n\r\n}, followed by n replies the caller writes. */
    public static void writeArrayHeader(ByteBuf out, long n) {
        writeLengthHeader(out, ARRAY_HEADERS, '*', n);
    }

    /** A map of n pairs: {@code %n} in RESP3, an array of 2n elements in RESP2. */
    public static void writeMapHeader(ByteBuf out, int protocol, long pairs) {
        if (protocol >= 3) {
            writeHeader(out, '%', pairs);
        } else {
            writeArrayHeader(out, pairs * 2);
        }
    }

    /** A set: {@code ~n} in RESP3, an array in RESP2. */
    public static void writeSetHeader(ByteBuf out, int protocol, long n) {
        if (protocol >= 3) {
            writeHeader(out, '~', n);
        } else {
            writeArrayHeader(out, n);
        }
    }

    /** An out-of-band push: {@code >n} in RESP3, an array in RESP2 (pub/sub messages). */
    public static void writePushHeader(ByteBuf out, int protocol, long n) {
        if (protocol >= 3) {
            writeHeader(out, '>', n);
        } else {
            writeArrayHeader(out, n);
        }
    }

    /** The null reply: {@code _} in RESP3, the null bulk string in RESP2. */
    public static void writeNull(ByteBuf out, int protocol) {
        out.writeBytes(protocol >= 3 ? NULL3 : NULL_BULK);
    }

    /** The null array: {@code _} in RESP3, {@code *-1} in RESP2. */
    public static void writeNullArray(ByteBuf out, int protocol) {
        out.writeBytes(protocol >= 3 ? NULL3 : NULL_ARRAY);
    }

    /** A double: {@code ,d} in RESP3, its shortest text as a bulk string in RESP2. */
    public static void writeDouble(ByteBuf out, int protocol, double d) {
        if (protocol >= 3) {
            out.writeByte(',');
            out.writeBytes(formatDouble3(d).getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(CRLF);
        } else {
            writeBulk(out, formatDouble(d));
        }
    }

    /** A boolean: {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
    public static void writeBoolean(ByteBuf out, int protocol, boolean b) {
        if (protocol >= 3) {
            out.writeBytes((b ? "#t\r\n" : "#f\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
            writeInteger(out, b ? 1 : 0);
        }
    }

    /**
     * A verbatim string ({@code =len\r\ntxt:...}) in RESP3, a plain bulk string in RESP2. INFO and
     * CLIENT LIST answer this way.
     */
    public static void writeVerbatim(ByteBuf out, int protocol, String format, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 3) {
            writeHeader(out, '=', b.length + 4);
            out.writeBytes(format.getBytes(StandardCharsets.US_ASCII), 0, 3);
            out.writeByte(':');
            out.writeBytes(b);
            out.writeBytes(CRLF);
        } else {
            writeBulk(out, b);
        }
    }

    /**
     * The text Redis 7.0 gives a double (sorted-set scores, RESP2 and RESP3 doubles): integral
     * values below 2^52 as integers, everything else as C's {@code %.17g}, so 1.1 reads
     * {@code 1.1000000000000001} exactly as redis-server 7.0 prints it; {@code inf}, {@code -inf}.
     */
    public static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (d == 0) {
            return "0"; // redis-server 7.0 shows a score of -0 as 0 too
        }
        if (d > -4503599627370495.0 && d < 4503599627370496.0 && d == (long) d) {
            return Long.toString((long) d);
        }
        return formatG17(d);
    }

    /** C's {@code %.17g}: 17 significant digits, trailing zeros removed, exponent form outside [1e-4, 1e17). */
    public static String formatG17(double d) {
        BigDecimal bd = new BigDecimal(d).round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN));
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = bd.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String e = Integer.toString(Math.abs(exponent));
            return m + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        String plain = bd.toPlainString();
        if (plain.indexOf('.') >= 0) {
            plain = plain.replaceAll("0+$", "");
            if (plain.endsWith(".")) {
                plain = plain.substring(0, plain.length() - 1);
            }
        }
        return plain;
    }

    private static String formatDouble3(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        return formatDouble(d);
    }

    private static void writeLengthHeader(ByteBuf out, byte[][] cache, char prefix, long n) {
        if (n >= 0 && n < CACHED) {
            out.writeBytes(cache[(int) n]);
        } else {
            writeHeader(out, prefix, n);
        }
    }

    private static void writeHeader(ByteBuf out, char prefix, long n) {
        out.writeByte(prefix);
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    /** Writes the decimal digits of {@code n}, without allocating. */
    public static void writeDecimal(ByteBuf out, long n) {
        if (n == Long.MIN_VALUE) {
            out.writeBytes("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int len = decimalLength(n);
        out.ensureWritable(len);
        int end = out.writerIndex() + len;
        int pos = end;
        long v = n < 0 ? -n : n;
        do {
            out.setByte(--pos, (int) ('0' + v % 10));
            v /= 10;
        } while (v != 0);
        if (n < 0) {
            out.setByte(--pos, '-');
        }
        out.writerIndex(end);
    }

    /** Number of characters in the decimal text of {@code n}. */
    public static int decimalLength(long n) {
        if (n == Long.MIN_VALUE) {
            return 20;
        }
        int len = 1;
        if (n < 0) {
            len++;
            n = -n;
        }
        while (n >= 10) {
            n /= 10;
            len++;
        }
        return len;
    }
}
