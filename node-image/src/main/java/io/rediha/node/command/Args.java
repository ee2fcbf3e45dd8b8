package io.rediha.node.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Argument parsing with Redis's rules and error texts: integers as strict as {@code string2ll}
 * (no sign but '-', no leading zeros or blanks), doubles that accept {@code inf}, and
 * case-insensitive option words.
 */
public final class Args {
    private Args() {
    }

    /** The argument as text. */
    public static String str(byte[] a) {
        return new String(a, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** True when the argument is the option word {@code word} (lower case), in any case. */
    public static boolean is(byte[] a, String word) {
        if (a.length != word.length()) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int c = a[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public static String lower(byte[] a) {
        return str(a).toLowerCase(Locale.ROOT);
    }

    /** The integer in {@code a}, or throws {@code ERR value is not an integer or out of range}. */
    public static long parseLong(byte[] a) {
        return parseLong(a, ErrorReplies.NOT_INTEGER);
    }

    /** The integer in {@code a}, or throws with {@code error}. */
    public static long parseLong(byte[] a, String error) {
        long v = parseLongOrMin(a);
        if (v == Long.MIN_VALUE && !isMinLong(a)) {
            throw new CommandException(error);
        }
        return v;
    }

    private static boolean isMinLong(byte[] a) {
        return a.length == 20 && str(a).equals("-9223372036854775808");
    }

    /** Like {@link #parseLong} but returns {@code Long.MIN_VALUE} instead of throwing. */
    public static long parseLongOrMin(byte[] a) {
        return io.rediha.node.store.Numbers.parseStrict(a);
    }

    /** An int index or count; out of int range is the integer error. */
    public static int parseInt(byte[] a) {
        long v = parseLong(a);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandException(ErrorReplies.NOT_INTEGER);
        }
        return (int) v;
    }

    /** A double as Redis reads it ({@code inf}, {@code -inf}, {@code +inf}); NaN is refused. */
    public static double parseDouble(byte[] a) {
        return parseDouble(a, ErrorReplies.NOT_FLOAT);
    }

    public static double parseDouble(byte[] a, String error) {
        String s = str(a);
        if (s.isEmpty() || s.length() > 5000 || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1))) {
            throw new CommandException(error);
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || s.startsWith("0x") || s.startsWith("0X")) {
            throw new CommandException(error);
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d)) {
                throw new CommandException(error);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new CommandException(error);
        }
    }

    /** A blocking timeout in seconds (decimals allowed) as milliseconds; 0 means for ever. */
    public static long parseTimeoutMillis(byte[] a) {
        double secs = parseDouble(a, ErrorReplies.TIMEOUT_NOT_FLOAT);
        if (secs < 0) {
            throw new CommandException(ErrorReplies.TIMEOUT_NEGATIVE);
        }
        if (Double.isInfinite(secs) || secs * 1000 > Long.MAX_VALUE / 2) {
            throw new CommandException(ErrorReplies.TIMEOUT_NOT_FLOAT);
        }
        long ms = (long) Math.ceil(secs * 1000);
        return secs > 0 && ms == 0 ? 1 : ms;
    }

    /** The bytes of the decimal text of {@code n}. */
    public static byte[] decimal(long n) {
        return io.rediha.node.store.Numbers.decimal(n);
    }
}
