package io.rediha.node.persistence.rdb;

import java.io.IOException;

/** Receives what {@link RdbReader} finds, in file order. */
public interface RdbVisitor {
    /** An AUX field (redis-ver, repl-id, repl-offset, ...). Unknown ones are fine to ignore. */
    default void aux(String key, byte[] value) throws IOException {
    }

    default void selectDb(int db) throws IOException {
    }

    default void resizeDb(long size, long expiresSize) throws IOException {
    }

    /** A Redis 7 function library (its source code); we do not run functions, so it is reported and dropped. */
    default void functionLibrary(byte[] code) throws IOException {
    }

    /** One key; {@code expireAtMs} is absolute unix time in ms, or -1 for no expiry. */
    void entry(int db, byte[] key, RdbValue value, long expireAtMs) throws IOException;
}
