package io.rediha.node.store;

/**
 * Byte sizes of listpack elements, so a {@link RedisStream} node knows how large Redis's listpack
 * for it would be and starts a new node at the same point ({@code stream-node-max-bytes}).
 * An element is its encoding (an integer in the smallest width that holds it, or a string with
 * a 1, 2 or 5 byte header) plus a back-length of 1 to 5 bytes. Strings that read as canonical
 * integers are stored as integers, as listpack does.
 */
public final class ListpackSize {
    private ListpackSize() {
    }

    static final int HEADER_AND_END = 6 + 1;

    static int integer(long v) {
        int enc;
        if (v >= 0 && v <= 127) {
            enc = 1;
        } else if (v >= -4096 && v <= 4095) {
            enc = 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            enc = 3;
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            enc = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            enc = 5;
        } else {
            enc = 9;
        }
        return enc + backlen(enc);
    }

    static int string(byte[] s) {
        if (s.length > 0 && s.length < 21) {
            long v = Numbers.parseStrict(s);
            if (v != Long.MIN_VALUE || "-9223372036854775808".equals(new String(s, java.nio.charset.StandardCharsets.US_ASCII))) {
                return integer(v);
            }
        }
        int len = s.length;
        int enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
        return enc + backlen(enc);
    }

    /** Bytes of a listpack entry's back-length field for an entry of {@code l} bytes. */
    public static int backlen(int l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }

    /** Header, terminator, and the master entry without its live/deleted counters. */
    static long streamMasterEntry(byte[][] masterFields) {
        long n = HEADER_AND_END + integer(masterFields.length) + integer(0);
        for (byte[] f : masterFields) {
            n += string(f);
        }
        return n;
    }

    /** One entry: flags, ID deltas, [field count], fields and/or values, element count. */
    static int streamEntry(RedisStream.Entry e, RedisStream.Id master) {
        int fields = e.fieldCount();
        int n = integer(e.deleted() ? 1 : 0) + integer(e.id.ms() - master.ms()) + integer(e.id.seq() - master.seq());
        int elements = 3 + fields;
        if (!e.sameFields) {
            n += integer(fields);
            elements += fields + 1;
        }
        for (int i = 0; i < e.fieldsAndValues.length; i++) {
            if (e.sameFields && i % 2 == 0) {
                continue;
            }
            n += string(e.fieldsAndValues[i]);
        }
        return n + integer(elements);
    }
}
