package io.rediha.node.persistence.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Listpack, the compact encoding Redis 7 uses for small hashes, sorted sets and the nodes of a
 * list: a 4-byte total size, a 2-byte count, entries, and a 0xFF terminator. Each entry is an
 * encoding byte (small ints, ints of 13/16/24/32/64 bits, strings with 6/12/32-bit lengths),
 * its data, and a 1-5 byte "back length" that lets Redis walk the list backwards.
 * Integers come out as their decimal strings, which is how the store sees them.
 */
public final class Listpack {
    private Listpack() {
    }

    public static List<byte[]> decode(byte[] lp) {
        if (lp.length < 7) {
            throw new IllegalArgumentException("listpack too short: " + lp.length + " bytes");
        }
        long total = le32(lp, 0);
        if (total != lp.length) {
            throw new IllegalArgumentException("listpack header says " + total + " bytes, have " + lp.length);
        }
        int count = (lp[4] & 0xff) | (lp[5] & 0xff) << 8;
        List<byte[]> out = new ArrayList<>(count == 65535 ? 16 : count);
        int p = 6;
        while (true) {
            if (p >= lp.length) {
                throw new IllegalArgumentException("listpack has no terminator");
            }
            int b = lp[p] & 0xff;
            if (b == 0xff) {
                break;
            }
            int start = p;
            byte[] value;
            if ((b & 0x80) == 0) {
                value = ascii(b);
                p += 1;
            } else if ((b & 0xc0) == 0x80) {
                int len = b & 0x3f;
                value = slice(lp, p + 1, len);
                p += 1 + len;
            } else if ((b & 0xe0) == 0xc0) {
                int v = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                if (v >= 1 << 12) {
                    v -= 1 << 13;
                }
                value = ascii(v);
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {
                int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                value = slice(lp, p + 2, len);
                p += 2 + len;
            } else {
                switch (b) {
                    case 0xf0 -> {
                        int len = (int) le32(lp, p + 1);
                        value = slice(lp, p + 5, len);
                        p += 5 + len;
                    }
                    case 0xf1 -> {
                        value = ascii((short) ((lp[p + 1] & 0xff) | (lp[p + 2] & 0xff) << 8));
                        p += 3;
                    }
                    case 0xf2 -> {
                        int v = (lp[p + 1] & 0xff) | (lp[p + 2] & 0xff) << 8 | (lp[p + 3] & 0xff) << 16;
                        value = ascii((v << 8) >> 8);
                        p += 4;
                    }
                    case 0xf3 -> {
                        value = ascii((int) le32(lp, p + 1));
                        p += 5;
                    }
                    case 0xf4 -> {
                        long v = 0;
                        for (int i = 7; i >= 0; i--) {
                            v = (v << 8) | (lp[p + 1 + i] & 0xff);
                        }
                        value = ascii(v);
                        p += 9;
                    }
                    default -> throw new IllegalArgumentException(
                            "listpack: bad entry encoding 0x" + Integer.toHexString(b) + " at " + p);
                }
            }
            p += io.rediha.node.store.ListpackSize.backlen(p - start);
            out.add(value);
        }
        if (count != 65535 && count != out.size()) {
            throw new IllegalArgumentException("listpack header says " + count + " entries, found " + out.size());
        }
        return out;
    }

    /** Encodes the entries; strings that are canonical integers are stored as integers. */
    public static byte[] encode(List<byte[]> entries) {
        Builder b = new Builder();
        for (byte[] e : entries) {
            b.add(e);
        }
        return b.finish();
    }

    /** Incremental encoder, for list nodes that are cut at a size limit. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int count;

        public Builder() {
            out.write(new byte[6], 0, 6);
        }

        public int count() {
            return count;
        }

        /** Bytes so far including header and terminator. */
        public int size() {
            return out.size() + 1;
        }

        public void add(byte[] e) {
            int before = out.size();
            long[] parsed = new long[1];
            if (Strings.parseCanonicalLong(e, parsed)) {
                writeInt(parsed[0]);
            } else {
                writeString(e);
            }
            writeBacklen(out.size() - before);
            count++;
        }

        private void writeInt(long v) {
            if (v >= 0 && v <= 127) {
                out.write((int) v);
            } else if (v >= -4096 && v <= 4095) {
                int u = (int) v & 0x1fff;
                out.write(0xc0 | (u >>> 8));
                out.write(u & 0xff);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                out.write(0xf1);
                writeLe(v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                out.write(0xf2);
                writeLe(v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write(0xf3);
                writeLe(v, 4);
            } else {
                out.write(0xf4);
                writeLe(v, 8);
            }
        }

        private void writeString(byte[] s) {
            int len = s.length;
            if (len < 64) {
                out.write(0x80 | len);
            } else if (len < 4096) {
                out.write(0xe0 | (len >>> 8));
                out.write(len & 0xff);
            } else {
                out.write(0xf0);
                writeLe(len, 4);
            }
            out.write(s, 0, len);
        }

        private void writeBacklen(int l) {
            if (l <= 127) {
                out.write(l);
            } else if (l < 16383) {
                out.write(l >>> 7);
                out.write((l & 127) | 128);
            } else if (l < 2097151) {
                out.write(l >>> 14);
                out.write(((l >>> 7) & 127) | 128);
                out.write((l & 127) | 128);
            } else if (l < 268435455) {
                out.write(l >>> 21);
                out.write(((l >>> 14) & 127) | 128);
                out.write(((l >>> 7) & 127) | 128);
                out.write((l & 127) | 128);
            } else {
                out.write(l >>> 28);
                out.write(((l >>> 21) & 127) | 128);
                out.write(((l >>> 14) & 127) | 128);
                out.write(((l >>> 7) & 127) | 128);
                out.write((l & 127) | 128);
            }
        }

        private void writeLe(long v, int n) {
            for (int i = 0; i < n; i++) {
                out.write((int) (v >>> (8 * i)) & 0xff);
            }
        }

        public byte[] finish() {
            out.write(0xff);
            byte[] lp = out.toByteArray();
            int total = lp.length;
            lp[0] = (byte) total;
            lp[1] = (byte) (total >>> 8);
            lp[2] = (byte) (total >>> 16);
            lp[3] = (byte) (total >>> 24);
            int c = Math.min(count, 65535);
            lp[4] = (byte) c;
            lp[5] = (byte) (c >>> 8);
            return lp;
        }
    }

    static long le32(byte[] b, int p) {
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
    }

    static byte[] slice(byte[] b, int from, int len) {
        if (from + len > b.length || len < 0) {
            throw new IllegalArgumentException("entry of " + len + " bytes at " + from + " runs past the end");
        }
        return java.util.Arrays.copyOfRange(b, from, from + len);
    }

    static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
