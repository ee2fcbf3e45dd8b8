package io.rediha.cli.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compose's variable substitution in string values: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?message}} / {@code ${VAR?message}} (required), and {@code $$} for a literal
 * {@code $}. Like Compose, an unset variable without a default becomes an empty string; the
 * names are collected so the caller can warn, or refuse when the password is among them.
 */
public final class Interpolation {
    private final Function<String, String> lookup;
    private final Set<String> missing = new LinkedHashSet<>();

    public Interpolation(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** Variables that were referenced but set nowhere, in order of first use. */
    public Set<String> missing() {
        return missing;
    }

    /** Substitutes every string value in a YAML tree (maps, lists, scalars); keys are left alone. */
    public Object apply(Object node) {
        if (node instanceof String s) {
            return substitute(s);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, apply(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(apply(v)));
            return out;
        }
        return node;
    }

    public String substitute(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 == s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = s.indexOf('}', i + 2);
                if (close < 0) {
                    throw new ComposeException("invalid interpolation format in \"" + s + "\": missing '}'",
                            "Write $$ for a literal dollar sign.");
                }
                out.append(braced(s.substring(i + 2, close), s));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < s.length() && isNamePart(s.charAt(end))) {
                    end++;
                }
                out.append(valueOf(s.substring(i + 1, end)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String braced(String expr, String whole) {
        int op = 0;
        while (op < expr.length() && isNamePart(expr.charAt(op))) {
            op++;
        }
        String name = expr.substring(0, op);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new ComposeException("invalid interpolation format in \"" + whole + "\": ${" + expr + "}");
        }
        String rest = expr.substring(op);
        String value = lookup.apply(name);
        if (rest.isEmpty()) {
            return valueOf(name);
        }
        boolean colon = rest.startsWith(":");
        String tail = colon ? rest.substring(1) : rest;
        boolean unsetOrEmpty = value == null || (colon && value.isEmpty());
        if (tail.startsWith("-")) {
            return unsetOrEmpty ? substitute(tail.substring(1)) : value;
        }
        if (tail.startsWith("?")) {
            if (unsetOrEmpty) {
                String why = tail.substring(1);
                throw new ComposeException("required variable " + name + " is not set"
                        + (why.isEmpty() ? "" : ": " + why),
                        "Set it in the environment or in the .env file next to the compose file.");
            }
            return value;
        }
        throw new ComposeException("invalid interpolation format in \"" + whole + "\": ${" + expr + "}");
    }

    private String valueOf(String name) {
        String value = lookup.apply(name);
        if (value == null) {
            missing.add(name);
            return "";
        }
        return value;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
