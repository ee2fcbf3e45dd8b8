package io.rediha.node.persistence;

import io.rediha.node.persistence.rdb.RdbValue;

/**
 * Converts between the store's values and {@link RdbValue}. Strings are {@code byte[]} in the
 * store; the aggregate types are converted here as the store gains them.
 */
public final class StoreValues {
    private StoreValues() {
    }

    public static RdbValue toRdb(Object value) {
        if (value instanceof byte[] b) {
            return new RdbValue.Str(b);
        }
        throw new IllegalStateException("cannot serialize a value of type " + value.getClass().getSimpleName() + " yet");
    }

    public static Object fromRdb(RdbValue value) throws java.io.IOException {
        if (value instanceof RdbValue.Str s) {
            return s.value();
        }
        throw new java.io.IOException("this build of the store has no " + value.getClass().getSimpleName()
                + " type yet; cannot load it");
    }
}
