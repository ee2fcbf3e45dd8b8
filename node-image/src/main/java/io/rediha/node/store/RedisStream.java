package io.rediha.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A stream: entries ordered by ID, plus consumer groups.
 *
 * <p>Design: entries live in nodes the way Redis lays them out in its radix tree of listpacks. A
 * node is keyed by its master ID (the ID of its first entry), remembers the field names of its
 * first entry (the master fields, which later entries with the same fields do not repeat), and
 * holds its entries in ID order. Deleting an entry only flags it, and a node goes away when its
 * last live entry does. This looks like more machinery than a sorted map needs, but the layout is
 * observable: approximate trimming ({@code MAXLEN ~}) removes whole nodes only, XINFO reports the
 * node count, and the RDB format stores the nodes as they are. To cut nodes where Redis cuts
 * them, each node keeps the exact byte size its listpack would have ({@link ListpackSize}).
 *
 * <p>IDs are two unsigned 64-bit numbers; {@link Id} compares them unsigned.
 */
public final class RedisStream extends RedisValue {
    /** A stream ID {@code ms-seq}; both parts unsigned 64-bit. */
    public record Id(long ms, long seq) implements Comparable<Id> {
        public static final Id MIN = new Id(0, 0);
        public static final Id MAX = new Id(-1, -1);

        @Override
        public int compareTo(Id o) {
            int c = Long.compareUnsigned(ms, o.ms);
            return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
        }

        /** The following ID, or null when this is the largest one. */
        public Id next() {
            if (seq != -1) {
                return new Id(ms, seq + 1);
            }
            return ms == -1 ? null : new Id(ms + 1, 0);
        }

        /** The preceding ID, or null when this is 0-0. */
        public Id previous() {
            if (seq != 0) {
                return new Id(ms, seq - 1);
            }
            return ms == 0 ? null : new Id(ms - 1, -1);
        }

        public boolean isZero() {
            return ms == 0 && seq == 0;
        }

        @Override
        public String toString() {
            return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
        }

        public byte[] bytes() {
            return toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** One entry: fields and values alternating. Deleted entries stay in their node as tombstones. */
    public static final class Entry {
        public final Id id;
        public final byte[][] fieldsAndValues;
        /** True when its field names are the node's master fields (the listpack leaves them out). */
        public final boolean sameFields;
        boolean deleted;
        final int listpackBytes;

        Entry(Id id, byte[][] fieldsAndValues, boolean sameFields, boolean deleted, Id master) {
            this.id = id;
            this.fieldsAndValues = fieldsAndValues;
            this.sameFields = sameFields;
            this.deleted = deleted;
            this.listpackBytes = ListpackSize.streamEntry(this, master);
        }

        public boolean deleted() {
            return deleted;
        }

        public int fieldCount() {
            return fieldsAndValues.length / 2;
        }
    }

    /** A node: the master ID and fields, and its entries (tombstones included) in ID order. */
    public static final class Node {
        public final Id master;
        public final byte[][] masterFields;
        final ArrayList<Entry> entries = new ArrayList<>();
        int live;
        int deleted;
        /** Listpack bytes without the live and deleted counters, whose width varies. */
        long fixedBytes;

        Node(Id master, byte[][] masterFields) {
            this.master = master;
            this.masterFields = masterFields;
            this.fixedBytes = ListpackSize.streamMasterEntry(masterFields);
        }

        /** Entries in ID order, deleted ones included. */
        public List<Entry> entries() {
            return Collections.unmodifiableList(entries);
        }

        public int liveCount() {
            return live;
        }

        public int deletedCount() {
            return deleted;
        }

        /** The size the node's listpack has. */
        long listpackBytes() {
            return fixedBytes + ListpackSize.integer(live) + ListpackSize.integer(deleted);
        }

        boolean fieldsMatchMaster(byte[][] fv) {
            if (fv.length / 2 != masterFields.length) {
                return false;
            }
            for (int i = 0; i < masterFields.length; i++) {
                if (!Arrays.equals(masterFields[i], fv[2 * i])) {
                    return false;
                }
            }
            return true;
        }

        void add(Entry e) {
            entries.add(e);
            fixedBytes += e.listpackBytes;
            if (e.deleted) {
                deleted++;
            } else {
                live++;
            }
        }

        int indexOf(Id id) {
            int lo = 0;
            int hi = entries.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = entries.get(mid).id.compareTo(id);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }
    }

    /** A pending entry: delivered to a consumer, not acknowledged yet. */
    public static final class Nack {
        public long deliveryTime;
        public long deliveryCount;
        public Consumer consumer;

        public Nack(Consumer consumer, long deliveryTime, long deliveryCount) {
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }
    }

    /** A consumer of a group, with its own view of the group's pending entries. */
    public static final class Consumer {
        public final byte[] name;
        public long seenTime;
        public final TreeMap<Id, Nack> pending = new TreeMap<>();

        Consumer(byte[] name, long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }
    }

    /** A consumer group. {@code entriesRead} is -1 when unknown. */
    public static final class Group {
        public final byte[] name;
        public Id lastId;
        public long entriesRead;
        public final TreeMap<Id, Nack> pending = new TreeMap<>();
        public final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

        Group(byte[] name, Id lastId, long entriesRead) {
            this.name = name;
            this.lastId = lastId;
            this.entriesRead = entriesRead;
        }

        public Consumer consumer(byte[] consumerName) {
            return consumers.get(consumerName);
        }
    }

    private static final long ENTRY_OVERHEAD = 48;
    private static final long NODE_OVERHEAD = 96;
    private static final long NACK_OVERHEAD = 96;

    private final TreeMap<Id, Node> nodes = new TreeMap<>();
    private final TreeMap<byte[], Group> groups = new TreeMap<>(Arrays::compareUnsigned);
    private long length;
    private Id lastId = Id.MIN;
    private Id firstId = Id.MIN;
    private Id maxDeletedId = Id.MIN;
    private long entriesAdded;

    public RedisStream() {
        grow(128);
    }

    @Override
    public String typeName() {
        return "stream";
    }

    @Override
    public String encoding() {
        return "stream";
    }

    /** Number of live entries (XLEN). */
    @Override
    public int size() {
        return (int) Math.min(Integer.MAX_VALUE, length);
    }

    public long length() {
        return length;
    }

    public Id lastId() {
        return lastId;
    }

    /** The recorded first live entry ID, 0-0 when empty. */
    public Id firstId() {
        return firstId;
    }

    public Id maxDeletedId() {
        return maxDeletedId;
    }

    public long entriesAdded() {
        return entriesAdded;
    }

    /** XSETID: sets the metadata as given (the caller has checked it). */
    public void setLastId(Id id) {
        lastId = id;
    }

    public void setEntriesAdded(long n) {
        entriesAdded = n;
    }

    public void setMaxDeletedId(Id id) {
        maxDeletedId = id;
    }

    /** RDB loading: restores the metadata saved with the nodes. */
    public void restoreMetadata(long len, Id last, Id first, Id maxDeleted, long added) {
        this.length = len;
        this.lastId = last;
        this.firstId = first;
        this.maxDeletedId = maxDeleted;
        this.entriesAdded = added;
    }

    /** Number of nodes (XINFO's radix-tree-keys). */
    public int nodeCount() {
        return nodes.size();
    }

    /** The nodes in ID order, for the RDB writer. */
    public java.util.Collection<Node> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    // ------------------------------------------------------------------ appending

    /** The ID {@code XADD *} would give at {@code nowMs}; null when the stream is exhausted. */
    public Id nextAutoId(long nowMs) {
        if (Long.compareUnsigned(nowMs, lastId.ms) > 0) {
            return new Id(nowMs, 0);
        }
        return lastId.next();
    }

    /**
     * Appends an entry with {@code id} (greater than {@link #lastId}, checked by the caller), starting
     * a new node when the tail one reached {@code nodeMaxBytes} or {@code nodeMaxEntries}.
     */
    public void append(Id id, byte[][] fieldsAndValues, long nodeMaxBytes, long nodeMaxEntries) {
        Map.Entry<Id, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        if (node != null) {
            long maxBytes = nodeMaxBytes <= 0 || nodeMaxBytes > Integer.MAX_VALUE ? Integer.MAX_VALUE : nodeMaxBytes;
            long valueBytes = 0;
            for (byte[] b : fieldsAndValues) {
                valueBytes += b.length;
            }
            if (node.listpackBytes() + valueBytes >= maxBytes
                    || nodeMaxEntries > 0 && node.live + node.deleted >= nodeMaxEntries) {
                node = null;
            }
        }
        boolean same;
        if (node == null) {
            byte[][] masterFields = new byte[fieldsAndValues.length / 2][];
            for (int i = 0; i < masterFields.length; i++) {
                masterFields[i] = fieldsAndValues[2 * i];
            }
            node = new Node(id, masterFields);
            nodes.put(id, node);
            grow(NODE_OVERHEAD);
            same = true;
        } else {
            same = node.fieldsMatchMaster(fieldsAndValues);
        }
        node.add(new Entry(id, fieldsAndValues, same, false, node.master));
        grow(entryBytes(fieldsAndValues));
        length++;
        entriesAdded++;
        lastId = id;
        if (length == 1) {
            firstId = id;
        }
    }

    /** RDB loading: adds a node as it was saved (entries already in order, tombstones included). */
    public Node addLoadedNode(Id master, byte[][] masterFields) {
        Node n = new Node(master, masterFields);
        nodes.put(master, n);
        grow(NODE_OVERHEAD);
        return n;
    }

    /** RDB loading: adds an entry to a node made by {@link #addLoadedNode}. */
    public void addLoadedEntry(Node node, Id id, byte[][] fieldsAndValues, boolean sameFields, boolean deleted) {
        node.add(new Entry(id, fieldsAndValues, sameFields, deleted, node.master));
        grow(entryBytes(fieldsAndValues));
    }

    private static long entryBytes(byte[][] fv) {
        long b = ENTRY_OVERHEAD + 16L + 8L * fv.length;
        for (byte[] x : fv) {
            b += MemoryMeter.arrayBytes(x.length);
        }
        return b;
    }

    // ------------------------------------------------------------------ reading

    /** The live entry with {@code id}, or null. */
    public Entry get(Id id) {
        Map.Entry<Id, Node> f = nodes.floorEntry(id);
        if (f == null) {
            return null;
        }
        Node n = f.getValue();
        int i = n.indexOf(id);
        if (i < 0) {
            return null;
        }
        Entry e = n.entries.get(i);
        return e.deleted ? null : e;
    }

    /** Live entries with {@code start <= id <= end}, forwards or backwards. */
    public Iterator<Entry> range(Id start, Id end, boolean reverse) {
        return new RangeIterator(start, end, reverse, true);
    }

    /** The first (or last) entry, tombstones counted when {@code skipTombstones} is false; null when none. */
    public Id edgeId(boolean first, boolean skipTombstones) {
        Iterator<Entry> it = new RangeIterator(Id.MIN, Id.MAX, !first, skipTombstones);
        return it.hasNext() ? it.next().id : null;
    }

    /** The ID of the last live entry; {@link Id#MIN} when empty. */
    public Id lastLiveId() {
        Id id = edgeId(false, true);
        return id == null ? Id.MIN : id;
    }

    private final class RangeIterator implements Iterator<Entry> {
        private final Id start;
        private final Id end;
        private final boolean reverse;
        private final boolean skipTombstones;
        private Iterator<Node> nodeIt;
        private Node node;
        private int index;
        private Entry nextEntry;

        RangeIterator(Id start, Id end, boolean reverse, boolean skipTombstones) {
            this.start = start;
            this.end = end;
            this.reverse = reverse;
            this.skipTombstones = skipTombstones;
            if (start.compareTo(end) > 0) {
                nodeIt = Collections.emptyIterator();
                return;
            }
            if (reverse) {
                NavigableMap<Id, Node> head = nodes.headMap(end, true);
                nodeIt = head.descendingMap().values().iterator();
            } else {
                Id from = nodes.floorKey(start);
                nodeIt = (from == null ? nodes : nodes.tailMap(from, true)).values().iterator();
            }
            advance();
        }

        private void advance() {
            nextEntry = null;
            while (true) {
                if (node == null) {
                    if (!nodeIt.hasNext()) {
                        return;
                    }
                    node = nodeIt.next();
                    if (reverse) {
                        int i = node.indexOf(end);
                        index = i >= 0 ? i : -i - 2;
                    } else {
                        int i = node.indexOf(start);
                        index = i >= 0 ? i : -i - 1;
                    }
                }
                if (index < 0 || index >= node.entries.size()) {
                    node = null;
                    continue;
                }
                Entry e = node.entries.get(index);
                index += reverse ? -1 : 1;
                if (reverse ? e.id.compareTo(start) < 0 : e.id.compareTo(end) > 0) {
                    nodeIt = Collections.emptyIterator();
                    node = null;
                    return;
                }
                if (skipTombstones && e.deleted) {
                    continue;
                }
                nextEntry = e;
                return;
            }
        }

        @Override
        public boolean hasNext() {
            return nextEntry != null;
        }

        @Override
        public Entry next() {
            if (nextEntry == null) {
                throw new NoSuchElementException();
            }
            Entry e = nextEntry;
            advance();
            return e;
        }
    }

    // ------------------------------------------------------------------ deleting

    /** XDEL of one ID: true when a live entry was deleted. Updates the first ID and max deleted ID. */
    public boolean delete(Id id) {
        Map.Entry<Id, Node> f = nodes.floorEntry(id);
        if (f == null) {
            return false;
        }
        Node n = f.getValue();
        int i = n.indexOf(id);
        if (i < 0 || n.entries.get(i).deleted) {
            return false;
        }
        markDeleted(n, n.entries.get(i));
        if (n.live == 0) {
            removeNode(n);
        }
        length--;
        if (id.compareTo(maxDeletedId) > 0) {
            maxDeletedId = id;
        }
        if (length == 0) {
            firstId = Id.MIN;
        } else if (id.equals(firstId)) {
            firstId = edgeId(true, true);
        }
        return true;
    }

    private void markDeleted(Node n, Entry e) {
        e.deleted = true;
        n.live--;
        n.deleted++;
    }

    private void removeNode(Node n) {
        nodes.remove(n.master);
        long freed = NODE_OVERHEAD;
        for (Entry e : n.entries) {
            freed += entryBytes(e.fieldsAndValues);
        }
        grow(-freed);
    }

    /**
     * XTRIM / XADD trimming: removes entries from the head until at most {@code maxLen} remain
     * ({@code minId} null) or none is below {@code minId}. Approximate trimming removes whole
     * nodes only; {@code limit} (0: none) caps the entries removed, counted in whole nodes.
     * Returns the number removed.
     */
    public long trim(long maxLen, Id minId, boolean approx, long limit) {
        long removed = 0;
        Iterator<Node> it = nodes.values().iterator();
        while (it.hasNext()) {
            if (minId == null && length <= maxLen) {
                break;
            }
            Node n = it.next();
            long entries = n.live;
            if (limit > 0 && removed + entries > limit) {
                break;
            }
            boolean wholeNode = minId == null ? length - entries >= maxLen
                    : n.entries.get(n.entries.size() - 1).id.compareTo(minId) < 0;
            if (wholeNode) {
                it.remove();
                long freed = NODE_OVERHEAD;
                for (Entry e : n.entries) {
                    freed += entryBytes(e.fieldsAndValues);
                }
                grow(-freed);
                length -= entries;
                removed += entries;
                continue;
            }
            if (approx) {
                break;
            }
            for (Entry e : n.entries) {
                boolean stop = minId == null ? length <= maxLen : e.id.compareTo(minId) >= 0;
                if (stop) {
                    break;
                }
                if (!e.deleted) {
                    markDeleted(n, e);
                    length--;
                    removed++;
                }
            }
            break;
        }
        if (length == 0) {
            firstId = Id.MIN;
        } else if (removed > 0) {
            firstId = edgeId(true, true);
        }
        return removed;
    }

    // ------------------------------------------------------------------ consumer groups

    public Group group(byte[] name) {
        return groups.get(name);
    }

    /** The groups in name order (byte-wise, as Redis's radix tree orders them). */
    public java.util.Collection<Group> groups() {
        return Collections.unmodifiableCollection(groups.values());
    }

    public int groupCount() {
        return groups.size();
    }

    /** Creates a group; null when one with that name exists. */
    public Group createGroup(byte[] name, Id lastDelivered, long entriesRead) {
        if (groups.containsKey(name)) {
            return null;
        }
        Group g = new Group(name, lastDelivered, entriesRead);
        groups.put(name, g);
        grow(NODE_OVERHEAD + MemoryMeter.arrayBytes(name.length));
        return g;
    }

    public boolean destroyGroup(byte[] name) {
        Group g = groups.remove(name);
        if (g == null) {
            return false;
        }
        long freed = NODE_OVERHEAD + MemoryMeter.arrayBytes(name.length) + NACK_OVERHEAD * g.pending.size();
        for (Consumer c : g.consumers.values()) {
            freed += NODE_OVERHEAD + MemoryMeter.arrayBytes(c.name.length);
        }
        grow(-freed);
        return true;
    }

    /** Creates a consumer; null when it exists. */
    public Consumer createConsumer(Group g, byte[] name, long nowMs) {
        if (g.consumers.containsKey(name)) {
            return null;
        }
        Consumer c = new Consumer(name, nowMs);
        g.consumers.put(name, c);
        grow(NODE_OVERHEAD + MemoryMeter.arrayBytes(name.length));
        return c;
    }

    /** Deletes a consumer and its pending entries; returns how many it had. */
    public int deleteConsumer(Group g, Consumer c) {
        int pending = c.pending.size();
        for (Id id : c.pending.keySet()) {
            g.pending.remove(id);
        }
        g.consumers.remove(c.name);
        grow(-(NODE_OVERHEAD + MemoryMeter.arrayBytes(c.name.length) + NACK_OVERHEAD * pending));
        return pending;
    }

    /** Adds a pending entry to the group and, when it has one, its consumer. */
    public void addPending(Group g, Id id, Nack nack) {
        g.pending.put(id, nack);
        if (nack.consumer != null) {
            nack.consumer.pending.put(id, nack);
        }
        grow(NACK_OVERHEAD);
    }

    /** Removes a pending entry from the group and its consumer (XACK). */
    public void removePending(Group g, Id id) {
        Nack n = g.pending.remove(id);
        if (n != null) {
            if (n.consumer != null) {
                n.consumer.pending.remove(id);
            }
            grow(-NACK_OVERHEAD);
        }
    }

    /** Moves a pending entry to {@code to}. */
    public static void reassign(Id id, Nack nack, Consumer to) {
        if (nack.consumer == to) {
            return;
        }
        if (nack.consumer != null) {
            nack.consumer.pending.remove(id);
        }
        nack.consumer = to;
        to.pending.put(id, nack);
    }

    // ------------------------------------------------------------------ lag and counters

    /**
     * True when a deleted entry lies between {@code start} and the end of the stream, which makes
     * the read counters of groups unreliable beyond it.
     */
    public boolean hasTombstonesFrom(Id start) {
        if (length == 0 || maxDeletedId.isZero()) {
            return false;
        }
        if (firstId.compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }

    /**
     * How many entries were added up to and including {@code id}, when that can be known without
     * counting; -1 otherwise.
     */
    public long entriesUpTo(Id id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (length == 0 && id.compareTo(lastId) < 1) {
            return entriesAdded;
        }
        int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return -1;
        }
        if (maxDeletedId.isZero() || maxDeletedId.compareTo(firstId) < 0) {
            int cmpFirst = id.compareTo(firstId);
            if (cmpFirst < 0) {
                return entriesAdded - length;
            } else if (cmpFirst == 0) {
                return entriesAdded - length + 1;
            }
        }
        return -1;
    }

    /** Entries the group has not been delivered yet; -1 when that cannot be known. */
    public long lag(Group g) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (g.entriesRead != -1 && !hasTombstonesFrom(g.lastId)) {
            return entriesAdded - g.entriesRead;
        }
        long read = entriesUpTo(g.lastId);
        return read == -1 ? -1 : entriesAdded - read;
    }

    /** Advances the group's last delivered ID to {@code id}, keeping its read counter right. */
    public void markDelivered(Group g, Id id) {
        if (g.entriesRead != -1 && !hasTombstonesFrom(id)) {
            g.entriesRead++;
        } else if (entriesAdded != 0) {
            g.entriesRead = entriesUpTo(id);
        }
        g.lastId = id;
    }

    // ------------------------------------------------------------------ copy

    @Override
    public RedisValue copy() {
        RedisStream s = new RedisStream();
        for (Node n : nodes.values()) {
            Node c = s.addLoadedNode(n.master, n.masterFields.clone());
            for (Entry e : n.entries) {
                s.addLoadedEntry(c, e.id, e.fieldsAndValues.clone(), e.sameFields, e.deleted);
            }
        }
        s.restoreMetadata(length, lastId, firstId, maxDeletedId, entriesAdded);
        for (Group g : groups.values()) {
            Group cg = s.createGroup(g.name, g.lastId, g.entriesRead);
            for (Consumer c : g.consumers.values()) {
                s.createConsumer(cg, c.name, c.seenTime);
            }
            for (Map.Entry<Id, Nack> p : g.pending.entrySet()) {
                Nack n = p.getValue();
                Consumer owner = n.consumer == null ? null : cg.consumers.get(n.consumer.name);
                s.addPending(cg, p.getKey(), new Nack(owner, n.deliveryTime, n.deliveryCount));
            }
        }
        return s;
    }

    /** Every live entry's fields and values, for DEBUG DIGEST and similar whole-value views. */
    public List<Entry> liveEntries() {
        List<Entry> out = new ArrayList<>();
        range(Id.MIN, Id.MAX, false).forEachRemaining(out::add);
        return out;
    }
}
