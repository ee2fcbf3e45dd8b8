package io.rediha.node.persistence.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Zipmap, the small-hash encoding of Redis before 2.6 (still accepted from old RDB files).
 * Layout: a 1-byte count, then per pair: key length, key, value length, a "free" byte,
 * value and that many unused bytes; 0xFF ends it. Lengths are 1 byte, or 254 and 4 bytes.
 */
public final class Zipmap {
    private Zipmap() {
    }

    /** Fields and values alternating. */
    public static List<byte[]> decode(byte[] zm) {
        List<byte[]> out = new ArrayList<>();
        int p = 1;
        while (true) {
            if (p >= zm.length) {
                throw new IllegalArgumentException("zipmap has no terminator");
            }
            if ((zm[p] & 0xff) == 0xff) {
                break;
            }
            int[] lenAndSize = length(zm, p);
            p += lenAndSize[1];
            out.add(Listpack.slice(zm, p, lenAndSize[0]));
            p += lenAndSize[0];
            lenAndSize = length(zm, p);
            p += lenAndSize[1];
            int free = zm[p] & 0xff;
            p += 1;
            out.add(Listpack.slice(zm, p, lenAndSize[0]));
            p += lenAndSize[0] + free;
        }
        return out;
    }

    private static int[] length(byte[] zm, int p) {
        int b = zm[p] & 0xff;
        if (b < 254) {
            return new int[] {b, 1};
        }
        if (b == 254) {
            return new int[] {(int) Listpack.le32(zm, p + 1), 5};
        }
        throw new IllegalArgumentException("zipmap: bad length byte at " + p);
    }
}
