package io.rediha.node.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Ziplist, the compact encoding before listpack (RDB files of Redis up to 6.2 and the nodes of
 * a v1 quicklist). Read only: we never write it. Layout: 4-byte total, 4-byte tail offset,
 * 2-byte count, entries, 0xFF. An entry is the previous entry's length (1 byte, or 0xFE and 4
 * bytes), an encoding header, and the data.
 */
public final class Ziplist {
    private Ziplist() {
    }

    public static List<byte[]> decode(byte[] zl) {
        if (zl.length < 11) {
            throw new IllegalArgumentException("ziplist too short: " + zl.length + " bytes");
        }
        long total = Listpack.le32(zl, 0);
        if (total != zl.length) {
            throw new IllegalArgumentException("ziplist header says " + total + " bytes, have " + zl.length);
        }
        int count = (zl[8] & 0xff) | (zl[9] & 0xff) << 8;
        List<byte[]> out = new ArrayList<>(count == 65535 ? 16 : count);
        int p = 10;
        while (true) {
            if (p >= zl.length) {
                throw new IllegalArgumentException("ziplist has no terminator");
            }
            if ((zl[p] & 0xff) == 0xff) {
                break;
            }
            p += (zl[p] & 0xff) == 0xfe ? 5 : 1;
            int b = zl[p] & 0xff;
            switch (b >>> 6) {
                case 0 -> {
                    int len = b & 0x3f;
                    out.add(Listpack.slice(zl, p + 1, len));
                    p += 1 + len;
                }
                case 1 -> {
                    int len = ((b & 0x3f) << 8) | (zl[p + 1] & 0xff);
                    out.add(Listpack.slice(zl, p + 2, len));
                    p += 2 + len;
                }
                case 2 -> {
                    int len = (zl[p + 1] & 0xff) << 24 | (zl[p + 2] & 0xff) << 16
                            | (zl[p + 3] & 0xff) << 8 | (zl[p + 4] & 0xff);
                    out.add(Listpack.slice(zl, p + 5, len));
                    p += 5 + len;
                }
                default -> {
                    p += 1;
                    long v;
                    int n;
                    switch (b) {
                        case 0xc0 -> {
                            v = (short) leN(zl, p, 2);
                            n = 2;
                        }
                        case 0xd0 -> {
                            v = (int) leN(zl, p, 4);
                            n = 4;
                        }
                        case 0xe0 -> {
                            v = leN(zl, p, 8);
                            n = 8;
                        }
                        case 0xf0 -> {
                            v = ((int) leN(zl, p, 3) << 8) >> 8;
                            n = 3;
                        }
                        case 0xfe -> {
                            v = zl[p];
                            n = 1;
                        }
                        default -> {
                            if (b >= 0xf1 && b <= 0xfd) {
                                v = (b & 0x0f) - 1;
                                n = 0;
                            } else {
                                throw new IllegalArgumentException(
                                        "ziplist: bad entry encoding 0x" + Integer.toHexString(b) + " at " + (p - 1));
                            }
                        }
                    }
                    out.add(Listpack.ascii(v));
                    p += n;
                }
            }
        }
        return out;
    }

    static long leN(byte[] b, int p, int n) {
        if (p + n > b.length) {
            throw new IllegalArgumentException("integer runs past the end at " + p);
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[p + i] & 0xff);
        }
        return v;
    }
}
