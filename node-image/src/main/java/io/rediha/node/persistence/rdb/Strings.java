package io.rediha.node.persistence.rdb;

import java.nio.charset.StandardCharsets;

/** Number formatting and parsing with Redis's rules for when a string "is" an integer or double. */
public final class Strings {
    private Strings() {
    }

    /**
     * True when {@code s} is the canonical decimal form of a 64-bit integer (no sign on zero,
     * no leading zeros, no '+', no spaces), i.e. converting back gives the same bytes.
     * Only such strings may be stored as integers without changing what a client reads back.
     */
    public static boolean parseCanonicalLong(byte[] s, long[] out) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return false;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return false;
            }
        }
        if (s[i] == '0') {
            if (len == 1) {
                out[0] = 0;
                return true;
            }
            return false;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // accumulate negatively so Long.MIN_VALUE parses
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        out[0] = v;
        return true;
    }

    /** Redis's reply form of a score: integral values without ".0", infinities as "inf"/"-inf". */
    public static byte[] formatDouble(double d) {
        return formatDoubleString(d).getBytes(StandardCharsets.US_ASCII);
    }

    public static String formatDoubleString(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        return s;
    }

    /** Parses a score as stored in ziplists/listpacks and old RDB zsets ("inf", "-inf", "nan" included). */
    public static double parseDouble(byte[] s) {
        String t = new String(s, StandardCharsets.US_ASCII);
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                return Double.parseDouble(t);
            }
        }
    }
}
