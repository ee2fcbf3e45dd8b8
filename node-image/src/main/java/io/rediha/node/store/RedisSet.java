package io.rediha.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A set. While every member is a canonical integer and there are at most
 * {@code set-max-intset-entries} of them, members are a sorted {@code long[]} ("intset"), which is
 * why Redis returns such sets in ascending order; otherwise a {@link Dict} ("hashtable"). The
 * conversion is one way, as in Redis.
 */
public final class RedisSet extends RedisValue {
    private long[] ints = new long[4];
    private int count;
    private Dict table;

    public RedisSet() {
        grow(48);
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String encoding() {
        return table == null ? "intset" : "hashtable";
    }

    @Override
    public int size() {
        return table == null ? count : table.size();
    }

    public Dict table() {
        return table;
    }

    public boolean contains(byte[] member) {
        if (table != null) {
            return table.containsKey(member);
        }
        long v = Numbers.parseStrict(member);
        if (v == Long.MIN_VALUE && !isMin(member)) {
            return false;
        }
        return Arrays.binarySearch(ints, 0, count, v) >= 0;
    }

    private static boolean isMin(byte[] m) {
        return m.length == 20 && new String(m).equals("-9223372036854775808");
    }

    /** Adds a member; true when it was new. */
    public boolean add(byte[] member) {
        if (table == null) {
            long v = Numbers.parseStrict(member);
            if (v != Long.MIN_VALUE || isMin(member)) {
                int pos = Arrays.binarySearch(ints, 0, count, v);
                if (pos >= 0) {
                    return false;
                }
                if (count + 1 <= EncodingLimits.setMaxIntsetEntries) {
                    int at = -pos - 1;
                    if (count == ints.length) {
                        ints = Arrays.copyOf(ints, count * 2);
                        grow(8L * count);
                    }
                    System.arraycopy(ints, at, ints, at + 1, count - at);
                    ints[at] = v;
                    count++;
                    return true;
                }
            }
            convert();
        }
        if (table.containsKey(member)) {
            return false;
        }
        table.put(member, null);
        grow(MemoryMeter.NODE + MemoryMeter.arrayBytes(member.length) + 4);
        return true;
    }

    /** Removes a member; true when it was there. */
    public boolean remove(byte[] member) {
        if (table != null) {
            Dict.Node n = table.remove(member);
            if (n == null) {
                return false;
            }
            grow(-(MemoryMeter.NODE + MemoryMeter.arrayBytes(member.length) + 4));
            return true;
        }
        long v = Numbers.parseStrict(member);
        if (v == Long.MIN_VALUE && !isMin(member)) {
            return false;
        }
        int pos = Arrays.binarySearch(ints, 0, count, v);
        if (pos < 0) {
            return false;
        }
        System.arraycopy(ints, pos + 1, ints, pos, count - pos - 1);
        count--;
        return true;
    }

    private void convert() {
        Dict t = new Dict();
        for (int i = 0; i < count; i++) {
            byte[] m = Numbers.decimal(ints[i]);
            t.put(m, null);
            grow(MemoryMeter.NODE + MemoryMeter.arrayBytes(m.length) + 4);
        }
        grow(-8L * ints.length);
        table = t;
        ints = null;
        count = 0;
    }

    /** Every member: ascending while an intset, table order otherwise. */
    public void forEach(Consumer<byte[]> visitor) {
        if (table != null) {
            table.forEach(n -> visitor.accept(n.key));
            return;
        }
        for (int i = 0; i < count; i++) {
            visitor.accept(Numbers.decimal(ints[i]));
        }
    }

    public List<byte[]> members() {
        List<byte[]> out = new ArrayList<>(size());
        forEach(out::add);
        return out;
    }

    /** A member chosen at random, or null when empty. */
    public byte[] random() {
        if (size() == 0) {
            return null;
        }
        if (table != null) {
            return table.randomNode().key;
        }
        return Numbers.decimal(ints[ThreadLocalRandom.current().nextInt(count)]);
    }

    @Override
    public RedisValue copy() {
        RedisSet s = new RedisSet();
        forEach(m -> s.add(m.clone()));
        return s;
    }
}
