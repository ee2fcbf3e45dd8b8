package io.rediha.node.persistence.rdb;

/**
 * The 64-bit CRC that Redis puts after an RDB file and a DUMP payload: the "Jones" polynomial
 * 0xad93d23594c935a9, reflected input and output, initial value 0, no final xor.
 * Check value: crc64("123456789") = 0xe9c6d914c4b8d9ca.
 * Slicing-by-8 tables: a full sync of a large dataset checksums every byte, twice.
 */
public final class Crc64 {
    private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
    private static final long[][] TABLES = new long[8][256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
            }
            TABLES[0][i] = crc;
        }
        for (int i = 0; i < 256; i++) {
            long crc = TABLES[0][i];
            for (int t = 1; t < 8; t++) {
                crc = TABLES[0][(int) (crc & 0xff)] ^ (crc >>> 8);
                TABLES[t][i] = crc;
            }
        }
    }

    private Crc64() {
    }

    /** Continues {@code crc} over {@code len} bytes of {@code buf} from {@code off}. */
    public static long update(long crc, byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        while (end - i >= 8) {
            long v = crc
                    ^ ((buf[i] & 0xffL)
                    | (buf[i + 1] & 0xffL) << 8
                    | (buf[i + 2] & 0xffL) << 16
                    | (buf[i + 3] & 0xffL) << 24
                    | (buf[i + 4] & 0xffL) << 32
                    | (buf[i + 5] & 0xffL) << 40
                    | (buf[i + 6] & 0xffL) << 48
                    | (buf[i + 7] & 0xffL) << 56);
            crc = t7[(int) (v & 0xff)] ^ t6[(int) ((v >>> 8) & 0xff)]
                    ^ t5[(int) ((v >>> 16) & 0xff)] ^ t4[(int) ((v >>> 24) & 0xff)]
                    ^ t3[(int) ((v >>> 32) & 0xff)] ^ t2[(int) ((v >>> 40) & 0xff)]
                    ^ t1[(int) ((v >>> 48) & 0xff)] ^ t0[(int) (v >>> 56)];
            i += 8;
        }
        while (i < end) {
            crc = t0[(int) ((crc ^ buf[i]) & 0xff)] ^ (crc >>> 8);
            i++;
        }
        return crc;
    }

    public static long of(byte[] buf) {
        return update(0, buf, 0, buf.length);
    }
}
