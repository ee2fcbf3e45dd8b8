package io.rediha.node.boot;

import java.util.Map;
import java.util.Optional;

/**
 * The process environment, looked up by every spelling a setting has. Rancher-style deployments
 * pass lowercase names ({@code redis_port}); the uppercase ones ({@code REDIS_PORT}) are the
 * documented form. When both are set, the first spelling listed wins, and the message for a bad
 * value names the spelling that was actually used.
 */
final class Environment {
    private final Map<String, String> vars;

    Environment(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** A value that was set (and not blank), together with the name it was found under. */
    record Value(String name, String text) {
    }

    /** The first non-blank value among {@code names}, in order. */
    Optional<Value> find(String... names) {
        for (String name : names) {
            String v = vars.get(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Value(name, v.trim()));
            }
        }
        return Optional.empty();
    }

    String text(String fallback, String... names) {
        return find(names).map(Value::text).orElse(fallback);
    }

    /** A port (1..65535) or {@code fallback} when unset. */
    int port(int fallback, String... names) throws BootException {
        Optional<Value> v = find(names);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return HostPort.parsePort(v.get().text(), v.get().name());
        } catch (IllegalArgumentException e) {
            throw bad(v.get(), "a port is a number from 1 to 65535");
        }
    }

    /** A whole number at least {@code min}, or {@code fallback} when unset. */
    long number(long fallback, long min, String... names) throws BootException {
        Optional<Value> v = find(names);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get().text());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(v.get(), "expected a whole number >= " + min);
    }

    /** yes/no (also true/false, 1/0), or {@code fallback} when unset. */
    boolean flag(boolean fallback, String... names) throws BootException {
        Optional<Value> v = find(names);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().text().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "1", "on" -> true;
            case "no", "false", "0", "off" -> false;
            default -> throw bad(v.get(), "expected yes or no");
        };
    }

    static BootException bad(Value v, String expectation) {
        return new BootException(ExitStatus.BAD_CONFIG,
                "Invalid " + v.name() + "='" + v.text() + "': " + expectation + ". Fix the environment variable " + v.name() + ".");
    }
}
