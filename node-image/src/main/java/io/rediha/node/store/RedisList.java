package io.rediha.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list: a growable ring buffer of byte strings, so pushes and pops at both ends are O(1) and
 * LINDEX/LSET/LRANGE are O(1) per element.
 */
public final class RedisList extends RedisValue {
    private static final int BASE = 48;
    private byte[][] items = new byte[8][];
    private int head;
    private int size;

    public RedisList() {
        grow(BASE + 8L * 4);
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    private void ensureCapacity() {
        if (size == items.length) {
            byte[][] n = new byte[items.length * 2][];
            for (int i = 0; i < size; i++) {
                n[i] = items[(head + i) & (items.length - 1)];
            }
            grow(4L * (n.length - items.length));
            items = n;
            head = 0;
        }
    }

    private void shrinkIfSparse() {
        if (items.length > 16 && size < items.length / 4) {
            byte[][] n = new byte[items.length / 2][];
            for (int i = 0; i < size; i++) {
                n[i] = items[(head + i) & (items.length - 1)];
            }
            grow(-4L * (items.length - n.length));
            items = n;
            head = 0;
        }
    }

    public void addFirst(byte[] v) {
        ensureCapacity();
        head = (head - 1) & (items.length - 1);
        items[head] = v;
        size++;
        grow(MemoryMeter.arrayBytes(v.length));
    }

    public void addLast(byte[] v) {
        ensureCapacity();
        items[(head + size) & (items.length - 1)] = v;
        size++;
        grow(MemoryMeter.arrayBytes(v.length));
    }

    public byte[] removeFirst() {
        if (size == 0) {
            return null;
        }
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        grow(-MemoryMeter.arrayBytes(v.length));
        shrinkIfSparse();
        return v;
    }

    public byte[] removeLast() {
        if (size == 0) {
            return null;
        }
        int i = (head + size - 1) & (items.length - 1);
        byte[] v = items[i];
        items[i] = null;
        size--;
        grow(-MemoryMeter.arrayBytes(v.length));
        shrinkIfSparse();
        return v;
    }

    /** Element at {@code index} (0-based from the head). */
    public byte[] get(int index) {
        return items[(head + index) & (items.length - 1)];
    }

    public void set(int index, byte[] v) {
        int i = (head + index) & (items.length - 1);
        grow(MemoryMeter.arrayBytes(v.length) - MemoryMeter.arrayBytes(items[i].length));
        items[i] = v;
    }

    /** Inserts at {@code index} (0..size), shifting later elements. */
    public void insert(int index, byte[] v) {
        if (index == 0) {
            addFirst(v);
            return;
        }
        if (index == size) {
            addLast(v);
            return;
        }
        List<byte[]> all = toList();
        all.add(index, v);
        rebuild(all);
    }

    /** Keeps only elements {@code [from, to]} (LTRIM); indices already clamped. */
    public void trim(int from, int to) {
        List<byte[]> all = toList();
        List<byte[]> kept = from > to || from >= size ? new ArrayList<>() : new ArrayList<>(all.subList(from, to + 1));
        rebuild(kept);
    }

    /**
     * Removes up to {@code count} elements equal to {@code v}: from the head when count > 0, from the
     * tail when count < 0, all when 0. Returns how many were removed.
     */
    public int remove(byte[] v, long count) {
        List<byte[]> all = toList();
        int removed = 0;
        if (count >= 0) {
            for (int i = 0; i < all.size() && (count == 0 || removed < count); i++) {
                if (Arrays.equals(all.get(i), v)) {
                    all.remove(i--);
                    removed++;
                }
            }
        } else {
            for (int i = all.size() - 1; i >= 0 && removed < -count; i--) {
                if (Arrays.equals(all.get(i), v)) {
                    all.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            rebuild(all);
        }
        return removed;
    }

    /** Index of the first element equal to {@code v}, or -1. */
    public int indexOf(byte[] v) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(get(i), v)) {
                return i;
            }
        }
        return -1;
    }

    public List<byte[]> toList() {
        List<byte[]> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    private void rebuild(List<byte[]> all) {
        while (size > 0) {
            removeLast();
        }
        for (byte[] b : all) {
            addLast(b);
        }
    }

    @Override
    public RedisValue copy() {
        RedisList l = new RedisList();
        for (int i = 0; i < size; i++) {
            l.addLast(get(i).clone());
        }
        return l;
    }
}
