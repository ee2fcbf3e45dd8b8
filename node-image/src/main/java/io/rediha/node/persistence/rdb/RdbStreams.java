package io.rediha.node.persistence.rdb;

import static io.rediha.node.persistence.rdb.RdbConstants.TYPE_STREAM_LISTPACKS;
import static io.rediha.node.persistence.rdb.RdbConstants.TYPE_STREAM_LISTPACKS_3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams in the RDB format. Redis 7.0 writes type 19 (STREAM_LISTPACKS_2): the nodes of the
 * stream as (16-byte big-endian master ID, listpack) pairs, then length, last ID, first ID,
 * max deleted ID and entries added, then each consumer group with its last ID, read counter,
 * pending entries (raw 16-byte ID, delivery time as 8 bytes little-endian, delivery count) and
 * consumers (name, seen time, IDs of its pending entries). Type 15 (Redis 5 and 6) lacks the
 * counters; type 21 (Redis 7.2) adds each consumer's active time. The numbers are unsigned 64-bit
 * lengths: a group's unknown read counter is saved as 2^64-1 and read back as -1.
 */
public final class RdbStreams {
    private RdbStreams() {
    }

    /** A stream ID: two unsigned 64-bit numbers. */
    public record Id(long ms, long seq) {
    }

    /** One node: the master ID and the listpack exactly as Redis lays it out. */
    public record Node(Id master, byte[] listpack) {
    }

    public record Pending(Id id, long deliveryTime, long deliveryCount) {
    }

    public record Consumer(byte[] name, long seenTime, List<Id> pending) {
    }

    /** {@code entriesRead} -1 means unknown. */
    public record Group(byte[] name, Id lastId, long entriesRead, List<Pending> pending, List<Consumer> consumers) {
    }

    /** A whole stream value. */
    public record Stream(List<Node> nodes, long length, Id lastId, Id firstId, Id maxDeletedId, long entriesAdded,
            List<Group> groups) {
    }

    // ------------------------------------------------------------------ reading

    static RdbValue read(RdbInput in, int type) throws IOException {
        long nodeCount = in.readLength();
        List<Node> nodes = new ArrayList<>((int) Math.min(nodeCount, 1 << 16));
        for (long i = 0; i < nodeCount; i++) {
            byte[] key = in.readString();
            if (key.length != 16) {
                throw new IllegalArgumentException("stream node key is not the size of a stream ID");
            }
            byte[] lp = in.readString();
            if (lp.length < 7 || (lp[6] & 0xff) == 0xff) {
                throw new IllegalArgumentException("empty listpack inside stream");
            }
            nodes.add(new Node(decodeId(key), lp));
        }
        long length = readU64(in);
        Id last = new Id(readU64(in), readU64(in));
        Id first;
        Id maxDeleted;
        long added;
        if (type == TYPE_STREAM_LISTPACKS) {
            first = null; // the caller finds the first live entry
            maxDeleted = new Id(0, 0);
            added = length;
        } else {
            first = new Id(readU64(in), readU64(in));
            maxDeleted = new Id(readU64(in), readU64(in));
            added = readU64(in);
        }
        long groupCount = in.readLength();
        List<Group> groups = new ArrayList<>();
        for (long g = 0; g < groupCount; g++) {
            byte[] name = in.readString();
            Id lastId = new Id(readU64(in), readU64(in));
            long entriesRead = type == TYPE_STREAM_LISTPACKS ? Long.MIN_VALUE : readU64(in);
            long pelSize = in.readLength();
            List<Pending> pel = new ArrayList<>();
            for (long p = 0; p < pelSize; p++) {
                Id id = readRawId(in);
                long time = in.readLe(8);
                long count = in.readLength();
                pel.add(new Pending(id, time, count));
            }
            long consumerCount = in.readLength();
            List<Consumer> consumers = new ArrayList<>();
            for (long k = 0; k < consumerCount; k++) {
                byte[] cname = in.readString();
                long seen = in.readLe(8);
                if (type == TYPE_STREAM_LISTPACKS_3) {
                    in.readLe(8); // active time (Redis 7.2); 7.0 has only the seen time
                }
                long n = in.readLength();
                List<Id> ids = new ArrayList<>();
                for (long p = 0; p < n; p++) {
                    ids.add(readRawId(in));
                }
                consumers.add(new Consumer(cname, seen, ids));
            }
            groups.add(new Group(name, lastId, entriesRead, pel, consumers));
        }
        return new RdbValue.StreamValue(new Stream(nodes, length, last, first, maxDeleted, added, groups));
    }

    /** A length as an unsigned 64-bit number (IDs and counters use the whole range). */
    private static long readU64(RdbInput in) throws IOException {
        int b = in.readByte();
        switch (b >>> 6) {
            case 0:
                return b & 0x3f;
            case 1:
                return ((b & 0x3f) << 8) | in.readByte();
            case 2:
                if (b == 0x80 || b == 0x81) {
                    int n = b == 0x80 ? 4 : 8;
                    long v = 0;
                    for (int i = 0; i < n; i++) {
                        v = (v << 8) | in.readByte();
                    }
                    return v;
                }
                throw new RdbFormatException("unknown length encoding 0x" + Integer.toHexString(b), in.position() - 1);
            default:
                throw new RdbFormatException("encoded string where a length was expected", in.position() - 1);
        }
    }

    private static Id readRawId(RdbInput in) throws IOException {
        byte[] raw = new byte[16];
        in.readFully(raw, 0, 16);
        return decodeId(raw);
    }

    static Id decodeId(byte[] b) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = (ms << 8) | (b[i] & 0xff);
            seq = (seq << 8) | (b[8 + i] & 0xff);
        }
        return new Id(ms, seq);
    }

    static byte[] encodeId(Id id) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id.ms() >>> (56 - 8 * i));
            b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return b;
    }

    // ------------------------------------------------------------------ writing

    /** The body of a type-19 value. */
    static void write(RdbWriter w, Stream s) throws IOException {
        w.writeLength(s.nodes().size());
        for (Node n : s.nodes()) {
            w.writeString(encodeId(n.master()));
            w.writeString(n.listpack());
        }
        writeU64(w, s.length());
        writeId(w, s.lastId());
        writeId(w, s.firstId());
        writeId(w, s.maxDeletedId());
        writeU64(w, s.entriesAdded());
        w.writeLength(s.groups().size());
        for (Group g : s.groups()) {
            w.writeString(g.name());
            writeId(w, g.lastId());
            writeU64(w, g.entriesRead());
            w.writeLength(g.pending().size());
            for (Pending p : g.pending()) {
                w.writeRaw(encodeId(p.id()));
                writeLe64(w, p.deliveryTime());
                writeU64(w, p.deliveryCount());
            }
            w.writeLength(g.consumers().size());
            for (Consumer c : g.consumers()) {
                w.writeString(c.name());
                writeLe64(w, c.seenTime());
                w.writeLength(c.pending().size());
                for (Id id : c.pending()) {
                    w.writeRaw(encodeId(id));
                }
            }
        }
    }

    private static void writeId(RdbWriter w, Id id) throws IOException {
        writeU64(w, id.ms());
        writeU64(w, id.seq());
    }

    /** A length over the whole unsigned 64-bit range (negative longs are the upper half). */
    private static void writeU64(RdbWriter w, long v) throws IOException {
        if (v >= 0) {
            w.writeLength(v);
            return;
        }
        w.writeByte(0x81);
        for (int i = 7; i >= 0; i--) {
            w.writeByte((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void writeLe64(RdbWriter w, long v) throws IOException {
        for (int i = 0; i < 8; i++) {
            w.writeByte((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
