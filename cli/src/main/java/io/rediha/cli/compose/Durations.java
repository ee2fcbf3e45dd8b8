package io.rediha.cli.compose;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's duration strings: {@code 1m30s}, {@code 500ms}, {@code 10s}, {@code 2h}, {@code 1.5s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

    private Durations() {
    }

    /** Parses a duration; a bare number is seconds, as Compose accepts for integers. */
    public static Duration parse(String field, Object value) {
        if (value instanceof Number n) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        String s = String.valueOf(value).strip();
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int pos = 0;
        while (m.lookingAt()) {
            double amount = Double.parseDouble(m.group(1));
            double unitNanos = switch (m.group(2)) {
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += Math.round(amount * unitNanos);
            pos = m.end();
            m.region(pos, s.length());
        }
        if (pos == 0 || pos != s.length()) {
            throw new ComposeException(field + ": \"" + s + "\" is not a duration (write e.g. 10s, 1m30s, 500ms)");
        }
        return Duration.ofNanos(nanos);
    }
}
