package io.rediha.node.persistence.rdb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered reader of RDB primitives (lengths, strings in their four encodings, fixed-width
 * numbers) that keeps a running CRC64 of every byte consumed, so the trailer can be checked
 * without a second pass.
 */
final class RdbInput {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int lim;
    private int crcFrom;
    private long crc;
    private long consumedBeforeBuf;

    RdbInput(InputStream in) {
        this(in, 1 << 16);
    }

    RdbInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    long position() {
        return consumedBeforeBuf + pos;
    }

    /** CRC64 of everything consumed so far. */
    long crc() {
        crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
        crcFrom = pos;
        return crc;
    }

    private void fill() throws IOException {
        crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
        consumedBeforeBuf += pos;
        int remaining = lim - pos;
        System.arraycopy(buf, pos, buf, 0, remaining);
        pos = 0;
        crcFrom = 0;
        lim = remaining;
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            throw new EOFException("unexpected end of RDB data at byte " + position());
        }
        lim += n;
    }

    int readByte() throws IOException {
        if (pos == lim) {
            fill();
        }
        return buf[pos++] & 0xff;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == lim) {
                fill();
            }
            int n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    long readLe(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    private long readBe(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | readByte();
        }
        return v;
    }

    /** A length; for the "special encoding" form returns -(1 + encoding type). */
    long readLengthOrEncoding() throws IOException {
        int b = readByte();
        switch (b >>> 6) {
            case 0:
                return b & 0x3f;
            case 1:
                return ((b & 0x3f) << 8) | readByte();
            case 2:
                if (b == 0x80) {
                    return readBe(4);
                } else if (b == 0x81) {
                    long v = readBe(8);
                    if (v < 0) {
                        throw new RdbFormatException("length does not fit", position());
                    }
                    return v;
                }
                throw new RdbFormatException("unknown length encoding 0x" + Integer.toHexString(b), position() - 1);
            default:
                return -1 - (b & 0x3f);
        }
    }

    long readLength() throws IOException {
        long len = readLengthOrEncoding();
        if (len < 0) {
            throw new RdbFormatException("encoded string where a length was expected", position() - 1);
        }
        return len;
    }

    int readIntLength(String what) throws IOException {
        long len = readLength();
        if (len > Integer.MAX_VALUE - 16) {
            throw new RdbFormatException(what + " of " + len + " is too large", position());
        }
        return (int) len;
    }

    byte[] readString() throws IOException {
        long len = readLengthOrEncoding();
        if (len >= 0) {
            if (len > Integer.MAX_VALUE - 16) {
                throw new RdbFormatException("string of " + len + " bytes is too large", position());
            }
            byte[] s = new byte[(int) len];
            readFully(s, 0, s.length);
            return s;
        }
        int enc = (int) (-1 - len);
        switch (enc) {
            case RdbConstants.ENC_INT8:
                return Listpack.ascii((byte) readByte());
            case RdbConstants.ENC_INT16:
                return Listpack.ascii((short) readLe(2));
            case RdbConstants.ENC_INT32:
                return Listpack.ascii((int) readLe(4));
            case RdbConstants.ENC_LZF: {
                int clen = readIntLength("compressed string");
                int ulen = readIntLength("uncompressed string");
                byte[] c = new byte[clen];
                readFully(c, 0, clen);
                try {
                    return Lzf.decompress(c, ulen);
                } catch (IllegalArgumentException e) {
                    throw new RdbFormatException("bad LZF string: " + e.getMessage(), position());
                }
            }
            default:
                throw new RdbFormatException("unknown string encoding " + enc, position() - 1);
        }
    }

    double readBinaryDouble() throws IOException {
        return Double.longBitsToDouble(readLe(8));
    }

    /** The score format of RDB type 3: a length byte (253 nan, 254 +inf, 255 -inf) and ASCII. */
    double readStringDouble() throws IOException {
        int len = readByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] s = new byte[len];
                readFully(s, 0, len);
                try {
                    return Strings.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("bad score", position());
                }
        }
    }
}
