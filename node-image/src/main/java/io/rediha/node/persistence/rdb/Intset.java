package io.rediha.node.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Intset, the encoding of small all-integer sets: 4-byte element width (2, 4 or 8), 4-byte
 * count, then the integers sorted ascending, little-endian, all of the same width.
 */
public final class Intset {
    /** Redis's default set-max-intset-entries: above it a set is written as a plain set. */
    public static final int MAX_ENTRIES = 512;

    private Intset() {
    }

    public static List<byte[]> decode(byte[] is) {
        if (is.length < 8) {
            throw new IllegalArgumentException("intset too short: " + is.length + " bytes");
        }
        int width = (int) Listpack.le32(is, 0);
        long count = Listpack.le32(is, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("intset: bad width " + width);
        }
        if (8 + count * width != is.length) {
            throw new IllegalArgumentException("intset: " + count + " entries of " + width + " bytes do not fill " + is.length);
        }
        List<byte[]> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long v = Ziplist.leN(is, 8 + i * width, width);
            v = switch (width) {
                case 2 -> (short) v;
                case 4 -> (int) v;
                default -> v;
            };
            out.add(Listpack.ascii(v));
        }
        return out;
    }

    /** Returns the intset encoding of {@code members}, or null when one is not a canonical integer. */
    public static byte[] encodeIfIntegers(List<byte[]> members) {
        long[] values = new long[members.size()];
        long[] parsed = new long[1];
        long min = 0;
        long max = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Strings.parseCanonicalLong(members.get(i), parsed)) {
                return null;
            }
            values[i] = parsed[0];
            min = Math.min(min, parsed[0]);
            max = Math.max(max, parsed[0]);
        }
        java.util.Arrays.sort(values);
        int width = min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2
                : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
        byte[] out = new byte[8 + values.length * width];
        putLe(out, 0, width, 4);
        putLe(out, 4, values.length, 4);
        for (int i = 0; i < values.length; i++) {
            putLe(out, 8 + i * width, values[i], width);
        }
        return out;
    }

    private static void putLe(byte[] b, int p, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
    }
}
