package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply of a sentinel command, built on the sentinel thread and written to the client by the
 * server front end (which knows the client's RESP version: a {@link MapOf} becomes a flat array
 * in RESP2 and a map in RESP3). Keeping replies as values makes the command family testable
 * without a socket.
 */
sealed interface SentinelReply {
    record Simple(String text) implements SentinelReply {
    }

    /** Full error text including its code, e.g. {@code ERR No such master with that name}. */
    record Error(String text) implements SentinelReply {
    }

    record Int(long value) implements SentinelReply {
    }

    /** Bulk string; null value = null bulk. */
    record Bulk(String value) implements SentinelReply {
    }

    /** Verbatim text (INFO, INFO-CACHE): a bulk string in RESP2. */
    record Verbatim(String value) implements SentinelReply {
    }

    record ArrayOf(List<SentinelReply> items) implements SentinelReply {
    }

    /** Field/value pairs in order. */
    record MapOf(List<SentinelReply> keysAndValues) implements SentinelReply {
    }

    /** Null array ({@code *-1} in RESP2, {@code _} in RESP3). */
    record NullArray() implements SentinelReply {
    }

    SentinelReply OK = new Simple("OK");

    static SentinelReply error(String text) {
        return new Error(text);
    }

    static SentinelReply bulk(String value) {
        return new Bulk(value);
    }

    static SentinelReply bulk(long value) {
        return new Bulk(Long.toString(value));
    }

    /** Accumulates a record: field names and values, all bulk strings. */
    final class Fields {
        private final List<SentinelReply> items = new ArrayList<>();

        Fields add(String name, String value) {
            items.add(new Bulk(name));
            items.add(new Bulk(value));
            return this;
        }

        Fields add(String name, long value) {
            return add(name, Long.toString(value));
        }

        MapOf build() {
            return new MapOf(items);
        }
    }
}
