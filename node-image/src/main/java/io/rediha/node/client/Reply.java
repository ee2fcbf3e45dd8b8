package io.rediha.node.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One decoded RESP2 or RESP3 reply. RESP3 sets come back as {@link Array}, verbatim strings and
 * big numbers as {@link Bulk}; that is all a client of this package has needed so far.
 */
public sealed interface Reply {

    /** The reply as text: simple strings, bulk strings, errors and numbers; null for anything else. */
    default String asText() {
        return null;
    }

    /** {@code +OK} style status reply. */
    record Status(String value) implements Reply {
        @Override
        public String asText() {
            return value;
        }
    }

    /** {@code -ERR ...} style error reply; {@code message} is the text after the dash. */
    record Error(String message) implements Reply {
        @Override
        public String asText() {
            return message;
        }

        /** The error code: the first word, e.g. {@code ERR}, {@code NOAUTH}, {@code LOADING}. */
        public String code() {
            int space = message.indexOf(' ');
            return space < 0 ? message : message.substring(0, space);
        }
    }

    record Int(long value) implements Reply {
        @Override
        public String asText() {
            return Long.toString(value);
        }
    }

    record Bulk(byte[] bytes) implements Reply {
        @Override
        public String asText() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Bulk[" + asText() + "]";
        }
    }

    record Array(List<Reply> items) implements Reply {
    }

    /** RESP3 map, kept as a flat key, value, key, value list in wire order. */
    record Map(List<Reply> keysAndValues) implements Reply {
    }

    /** RESP3 out-of-band push (pub/sub messages, invalidations). */
    record Push(List<Reply> items) implements Reply {
    }

    record Double(double value) implements Reply {
        @Override
        public String asText() {
            return java.lang.Double.toString(value);
        }
    }

    record Bool(boolean value) implements Reply {
    }

    /** Null bulk string, null array or RESP3 null: clients rarely need to tell them apart. */
    enum Null implements Reply {
        INSTANCE
    }

    static Status status(String s) {
        return new Status(s);
    }

    static Bulk bulk(String s) {
        return new Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    /** True for {@code +PONG}, and for the {@code ["pong", ""]} array a subscribed RESP2 link answers. */
    static boolean isPong(Reply reply) {
        if (reply instanceof Array a && !a.items().isEmpty()) {
            return "pong".equals(a.items().get(0).asText());
        }
        return !(reply instanceof Error) && "PONG".equalsIgnoreCase(reply.asText());
    }
}
