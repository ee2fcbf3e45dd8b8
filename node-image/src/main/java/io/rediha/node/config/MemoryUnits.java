package io.rediha.node.config;

import java.util.Locale;

/**
 * Memory sizes as redis.conf writes them: a plain number of bytes, or a number with {@code k},
 * {@code kb}, {@code m}, {@code mb}, {@code g}, {@code gb} (case-insensitive): {@code 1k} is 1000
 * bytes, {@code 1kb} is 1024.
 */
public final class MemoryUnits {
    private MemoryUnits() {
    }

    /** The number of bytes, or {@code Long.MIN_VALUE} when {@code text} is not a memory value. */
    public static long parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        long mul = 1;
        String digits = s;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                digits = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        if (digits.isEmpty()) {
            return Long.MIN_VALUE;
        }
        try {
            long v = Long.parseLong(digits);
            if (v != 0 && Math.abs(v) > Long.MAX_VALUE / mul) {
                return Long.MIN_VALUE;
            }
            return v * mul;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
