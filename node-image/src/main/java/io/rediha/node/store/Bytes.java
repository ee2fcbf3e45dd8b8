package io.rediha.node.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte string usable as a key of Java maps and sets (channels, watched keys), compared by
 * content. Wraps the array without copying; the owner must not change it afterwards.
 */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] data;
    private final int hash;

    public Bytes(byte[] data) {
        this.data = data;
        this.hash = Arrays.hashCode(data);
    }

    public static Bytes of(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && b.hash == hash && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
