package io.rediha.node.command;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisValue;

/**
 * Key lookups with the bookkeeping Redis does around them: keyspace hits and misses, and the type
 * check that turns into WRONGTYPE.
 */
public final class Lookup {
    private Lookup() {
    }

    /** The value of {@code key} for reading, counting a hit or a miss. */
    public static Object read(Client c, byte[] key) {
        Object v = c.db().get(key);
        if (v == null) {
            c.server().stats().keyspaceMisses++;
        } else {
            c.server().stats().keyspaceHits++;
        }
        return v;
    }

    /**
     * Like {@link #read} but leaves the key's access time alone, as Redis's LOOKUP_NOTOUCH: TYPE,
     * EXISTS and TTL must not make a key look recently used to LRU eviction or OBJECT IDLETIME.
     */
    public static Object readNoTouch(Client c, byte[] key) {
        Object v = c.db().peek(key);
        if (v == null) {
            c.server().stats().keyspaceMisses++;
        } else {
            c.server().stats().keyspaceHits++;
        }
        return v;
    }

    /** The string value of {@code key}, null when absent; WRONGTYPE for other types. */
    public static byte[] readString(Client c, byte[] key) {
        Object v = read(c, key);
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        throw CommandException.wrongType();
    }

    /** The string value for a write (no hit/miss counting); WRONGTYPE for other types. */
    public static byte[] writeString(Client c, byte[] key) {
        Object v = c.db().get(key);
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        throw CommandException.wrongType();
    }

    /** The value of {@code key} as {@code type} for reading, null when absent; WRONGTYPE otherwise. */
    public static <T extends RedisValue> T read(Client c, byte[] key, Class<T> type) {
        Object v = read(c, key);
        return cast(v, type);
    }

    /** The value as {@code type} for writing (no hit/miss counting). */
    public static <T extends RedisValue> T write(Client c, byte[] key, Class<T> type) {
        return cast(c.db().get(key), type);
    }

    private static <T> T cast(Object v, Class<T> type) {
        if (v == null) {
            return null;
        }
        if (!type.isInstance(v)) {
            throw CommandException.wrongType();
        }
        return type.cast(v);
    }

    /** The name TYPE returns for a value. */
    public static String typeName(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof byte[]) {
            return "string";
        }
        return ((RedisValue) v).typeName();
    }
}
