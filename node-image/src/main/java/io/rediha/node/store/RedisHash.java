package io.rediha.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A hash. Small hashes (at most {@code hash-max-listpack-entries} fields, none longer than
 * {@code hash-max-listpack-value}) are kept as parallel arrays in insertion order — what Redis's
 * listpack encoding gives clients for HGETALL — and become a {@link Dict} ("hashtable") once they
 * outgrow that, never going back, as in Redis.
 */
public final class RedisHash extends RedisValue {
    private byte[][] fields = new byte[4][];
    private byte[][] values = new byte[4][];
    private int count;
    private Dict table;

    public RedisHash() {
        grow(64);
    }

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    @Override
    public int size() {
        return table == null ? count : table.size();
    }

    /** The table when the hash is in hashtable encoding, for HSCAN; null while small. */
    public Dict table() {
        return table;
    }

    private int indexOf(byte[] field) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(fields[i], field)) {
                return i;
            }
        }
        return -1;
    }

    public byte[] get(byte[] field) {
        if (table != null) {
            return (byte[]) table.get(field);
        }
        int i = indexOf(field);
        return i < 0 ? null : values[i];
    }

    public boolean contains(byte[] field) {
        return get(field) != null;
    }

    /** Sets a field; true when it was new. */
    public boolean put(byte[] field, byte[] value) {
        if (table == null && (field.length > EncodingLimits.hashMaxListpackValue
                || value.length > EncodingLimits.hashMaxListpackValue)) {
            convert();
        }
        if (table != null) {
            Dict.Node n = table.find(field);
            if (n != null) {
                grow(MemoryMeter.arrayBytes(value.length) - MemoryMeter.arrayBytes(((byte[]) n.value).length));
                n.value = value;
                return false;
            }
            table.put(field, value);
            grow(MemoryMeter.NODE + MemoryMeter.arrayBytes(field.length) + MemoryMeter.arrayBytes(value.length) + 4);
            return true;
        }
        int i = indexOf(field);
        if (i >= 0) {
            grow(MemoryMeter.arrayBytes(value.length) - MemoryMeter.arrayBytes(values[i].length));
            values[i] = value;
            return false;
        }
        if (count + 1 > EncodingLimits.hashMaxListpackEntries) {
            convert();
            return put(field, value);
        }
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
            values = Arrays.copyOf(values, count * 2);
            grow(8L * count);
        }
        fields[count] = field;
        values[count] = value;
        count++;
        grow(MemoryMeter.arrayBytes(field.length) + MemoryMeter.arrayBytes(value.length));
        return true;
    }

    /** Removes a field; true when it existed. */
    public boolean remove(byte[] field) {
        if (table != null) {
            Dict.Node n = table.remove(field);
            if (n == null) {
                return false;
            }
            grow(-(MemoryMeter.NODE + MemoryMeter.arrayBytes(field.length)
                    + MemoryMeter.arrayBytes(((byte[]) n.value).length) + 4));
            return true;
        }
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        grow(-(MemoryMeter.arrayBytes(fields[i].length) + MemoryMeter.arrayBytes(values[i].length)));
        System.arraycopy(fields, i + 1, fields, i, count - i - 1);
        System.arraycopy(values, i + 1, values, i, count - i - 1);
        count--;
        fields[count] = null;
        values[count] = null;
        return true;
    }

    private void convert() {
        Dict t = new Dict();
        for (int i = 0; i < count; i++) {
            t.put(fields[i], values[i]);
            grow(MemoryMeter.NODE + 4);
        }
        grow(-8L * fields.length);
        table = t;
        fields = null;
        values = null;
        count = 0;
    }

    /** Every field and value, in listpack (insertion) order or table order. */
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
        if (table != null) {
            table.forEach(n -> visitor.accept(n.key, (byte[]) n.value));
            return;
        }
        for (int i = 0; i < count; i++) {
            visitor.accept(fields[i], values[i]);
        }
    }

    public List<byte[]> fields() {
        List<byte[]> out = new ArrayList<>(size());
        forEach((f, v) -> out.add(f));
        return out;
    }

    @Override
    public RedisValue copy() {
        RedisHash h = new RedisHash();
        forEach((f, v) -> h.put(f.clone(), v.clone()));
        return h;
    }
}
