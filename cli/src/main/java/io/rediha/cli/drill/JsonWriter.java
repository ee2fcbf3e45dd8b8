package io.rediha.cli.drill;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small, strict JSON writer: objects, arrays, strings, numbers, booleans, null, indented by two
 * spaces. The drill writes one document per run; a dependency for that is not worth its weight.
 * Misuse (a value without a name inside an object, unbalanced ends) throws at once.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Per open container: true for an object; the count of members written so far lives in {@link #counts}. */
    private final Deque<Boolean> objects = new ArrayDeque<>();
    private final Deque<Integer> counts = new ArrayDeque<>();
    private boolean nameWritten;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        objects.push(true);
        counts.push(0);
        return this;
    }

    public JsonWriter endObject() {
        return end(true, '}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        objects.push(false);
        counts.push(0);
        return this;
    }

    public JsonWriter endArray() {
        return end(false, ']');
    }

    public JsonWriter name(String name) {
        if (objects.isEmpty() || !objects.peek() || nameWritten) {
            throw new IllegalStateException("a name belongs directly inside an object");
        }
        separate();
        string(name);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(Number n) {
        beforeValue();
        if (n == null) {
            out.append("null");
        } else if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            throw new IllegalArgumentException("JSON has no " + d);
        } else {
            out.append(n);
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    public JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    public JsonWriter field(String name, Number n) {
        return name(name).value(n);
    }

    public JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    /** The document; throws when a container is still open. */
    public String toJson() {
        if (!objects.isEmpty()) {
            throw new IllegalStateException("unclosed object or array");
        }
        return out.append('\n').toString();
    }

    private JsonWriter end(boolean object, char close) {
        if (objects.isEmpty() || objects.peek() != object || nameWritten) {
            throw new IllegalStateException("unbalanced " + close);
        }
        objects.pop();
        int n = counts.pop();
        if (n > 0) {
            newline();
        }
        out.append(close);
        return this;
    }

    private void beforeValue() {
        if (objects.isEmpty()) {
            if (out.length() > 0) {
                throw new IllegalStateException("one top-level value only");
            }
            return;
        }
        if (objects.peek()) {
            if (!nameWritten) {
                throw new IllegalStateException("a value inside an object needs a name");
            }
            nameWritten = false;
            return;
        }
        separate();
    }

    /** Comma (after the first member), newline and indent before a member of the current container. */
    private void separate() {
        int n = counts.pop();
        if (n > 0) {
            out.append(',');
        }
        counts.push(n + 1);
        newline();
    }

    private void newline() {
        out.append('\n');
        out.append("  ".repeat(objects.size()));
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
