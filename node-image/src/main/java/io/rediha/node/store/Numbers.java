package io.rediha.node.store;

/** Integer text as strict as Redis's {@code string2ll}: no '+', no leading zeros, no blanks. */
public final class Numbers {
    private Numbers() {
    }

    /** The value, or {@code Long.MIN_VALUE} when {@code a} is not a canonical integer. */
    public static long parseStrict(byte[] a) {
        int len = a.length;
        if (len == 0 || len > 20) {
            return Long.MIN_VALUE;
        }
        if (len == 1 && a[0] == '0') {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (a[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return Long.MIN_VALUE;
            }
        }
        if (a[i] < '1' || a[i] > '9') {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** The decimal text of {@code v} as bytes, written directly (no intermediate String). */
    public static byte[] decimal(long v) {
        if (v == Long.MIN_VALUE) {
            return "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        long abs = v < 0 ? -v : v;
        int digits = 1;
        for (long x = abs; x >= 10; x /= 10) {
            digits++;
        }
        int len = digits + (v < 0 ? 1 : 0);
        byte[] out = new byte[len];
        int pos = len;
        do {
            out[--pos] = (byte) ('0' + abs % 10);
            abs /= 10;
        } while (abs != 0);
        if (v < 0) {
            out[0] = '-';
        }
        return out;
    }
}
