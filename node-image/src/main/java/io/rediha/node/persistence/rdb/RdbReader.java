package io.rediha.node.persistence.rdb;

import static io.rediha.node.persistence.rdb.RdbConstants.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an RDB file or stream (versions 1 to 10, plus the value types of 11 that Redis 7.2 adds
 * for sets) and hands each key to a {@link RdbVisitor}. Every compact encoding is expanded into
 * a plain {@link RdbValue}. Streams and module types are refused with a clear error: the store
 * has no such types, and silently dropping keys would make a "complete" dataset incomplete.
 */
public final class RdbReader {
    /** Highest RDB version we read (Redis 7.2 writes 11; its new encodings are handled). */
    public static final int MAX_VERSION = 11;

    private final RdbInput in;
    private int version;

    private RdbReader(InputStream in) {
        this.in = new RdbInput(in);
    }

    /** Summary of what was read. */
    public record Result(int version, long keys, boolean checksumVerified, long length) {
    }

    /** Reads a whole RDB: header, aux fields, databases, EOF and checksum. */
    public static Result read(InputStream stream, RdbVisitor visitor) throws IOException {
        return new RdbReader(stream).readAll(visitor);
    }

    private Result readAll(RdbVisitor visitor) throws IOException {
        byte[] magic = new byte[9];
        in.readFully(magic, 0, 9);
        String header = new String(magic, StandardCharsets.US_ASCII);
        if (!header.startsWith("REDIS")) {
            throw new RdbFormatException("wrong signature, not an RDB file", 0);
        }
        try {
            version = Integer.parseInt(header.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("bad version in header '" + header + "'", 5);
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new RdbFormatException("can't handle RDB format version " + version, 5);
        }
        int db = 0;
        long expireAt = -1;
        long keys = 0;
        while (true) {
            long opAt = in.position();
            int type = in.readByte();
            switch (type) {
                case OPCODE_EXPIRETIME_MS -> expireAt = in.readLe(8);
                case OPCODE_EXPIRETIME -> expireAt = in.readLe(4) * 1000L;
                case OPCODE_IDLE -> in.readLength();
                case OPCODE_FREQ -> in.readByte();
                case OPCODE_SELECTDB -> {
                    long d = in.readLength();
                    if (d > Integer.MAX_VALUE) {
                        throw new RdbFormatException("bad db number " + d, opAt);
                    }
                    db = (int) d;
                    visitor.selectDb(db);
                }
                case OPCODE_RESIZEDB -> visitor.resizeDb(in.readLength(), in.readLength());
                case OPCODE_AUX -> {
                    String key = new String(in.readString(), StandardCharsets.UTF_8);
                    visitor.aux(key, in.readString());
                }
                case OPCODE_FUNCTION2 -> visitor.functionLibrary(in.readString());
                case OPCODE_FUNCTION -> throw new RdbFormatException(
                        "pre-release function format (Redis 7.0 release candidates) is not supported", opAt);
                case OPCODE_MODULE_AUX -> throw new RdbFormatException("module data is not supported", opAt);
                case OPCODE_EOF -> {
                    boolean verified = false;
                    if (version >= 5) {
                        long computed = in.crc();
                        long stored = in.readLe(8);
                        if (stored != 0) {
                            if (stored != computed) {
                                throw new RdbFormatException("wrong RDB checksum: expected "
                                        + Long.toHexString(stored) + ", computed " + Long.toHexString(computed),
                                        in.position() - 8);
                            }
                            verified = true;
                        }
                    }
                    return new Result(version, keys, verified, in.position());
                }
                default -> {
                    byte[] key = in.readString();
                    RdbValue value = readValue(type, opAt);
                    visitor.entry(db, key, value, expireAt);
                    keys++;
                    expireAt = -1;
                }
            }
        }
    }

    private RdbValue readValue(int type, long at) throws IOException {
        try {
            return switch (type) {
                case TYPE_STRING -> new RdbValue.Str(in.readString());
                case TYPE_LIST -> new RdbValue.ListValue(readStrings(in.readIntLength("list length")));
                case TYPE_SET -> new RdbValue.SetValue(readStrings(in.readIntLength("set size")));
                case TYPE_ZSET, TYPE_ZSET_2 -> readPlainZset(type == TYPE_ZSET_2);
                case TYPE_HASH -> new RdbValue.HashValue(readStrings(2 * in.readIntLength("hash size")));
                case TYPE_HASH_ZIPMAP -> new RdbValue.HashValue(Zipmap.decode(in.readString()));
                case TYPE_LIST_ZIPLIST -> new RdbValue.ListValue(Ziplist.decode(in.readString()));
                case TYPE_SET_INTSET -> new RdbValue.SetValue(Intset.decode(in.readString()));
                case TYPE_SET_LISTPACK -> new RdbValue.SetValue(Listpack.decode(in.readString()));
                case TYPE_ZSET_ZIPLIST -> zsetFromPairs(Ziplist.decode(in.readString()));
                case TYPE_ZSET_LISTPACK -> zsetFromPairs(Listpack.decode(in.readString()));
                case TYPE_HASH_ZIPLIST -> new RdbValue.HashValue(evenCount(Ziplist.decode(in.readString())));
                case TYPE_HASH_LISTPACK -> new RdbValue.HashValue(evenCount(Listpack.decode(in.readString())));
                case TYPE_LIST_QUICKLIST -> readQuicklist(false);
                case TYPE_LIST_QUICKLIST_2 -> readQuicklist(true);
                case TYPE_STREAM_LISTPACKS, TYPE_STREAM_LISTPACKS_2, TYPE_STREAM_LISTPACKS_3 -> RdbStreams.read(in, type);
                case TYPE_MODULE, TYPE_MODULE_2 -> throw new RdbFormatException("module keys are not supported", at);
                default -> throw new RdbFormatException("unknown value type " + type, at);
            };
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RdbFormatException("corrupt value of type " + type + ": " + e.getMessage(), at, e);
        }
    }

    private List<byte[]> readStrings(int n) throws IOException {
        List<byte[]> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            out.add(in.readString());
        }
        return out;
    }

    private RdbValue readPlainZset(boolean binaryScores) throws IOException {
        int n = in.readIntLength("zset size");
        List<RdbValue.ScoredMember> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            byte[] member = in.readString();
            double score = binaryScores ? in.readBinaryDouble() : in.readStringDouble();
            out.add(new RdbValue.ScoredMember(member, score));
        }
        return new RdbValue.ZSetValue(out);
    }

    private RdbValue readQuicklist(boolean v2) throws IOException {
        int nodes = in.readIntLength("quicklist node count");
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int container = v2 ? (int) in.readLength() : QUICKLIST_NODE_PACKED;
            byte[] node = in.readString();
            if (container == QUICKLIST_NODE_PLAIN) {
                out.add(node);
            } else if (container == QUICKLIST_NODE_PACKED) {
                out.addAll(v2 ? Listpack.decode(node) : Ziplist.decode(node));
            } else {
                throw new IllegalArgumentException("quicklist: bad container " + container);
            }
        }
        return new RdbValue.ListValue(out);
    }

    private static List<byte[]> evenCount(List<byte[]> items) {
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of entries in a field/value encoding");
        }
        return items;
    }

    private static RdbValue zsetFromPairs(List<byte[]> items) {
        evenCount(items);
        List<RdbValue.ScoredMember> out = new ArrayList<>(items.size() / 2);
        for (int i = 0; i < items.size(); i += 2) {
            out.add(new RdbValue.ScoredMember(items.get(i), Strings.parseDouble(items.get(i + 1))));
        }
        return new RdbValue.ZSetValue(out);
    }

    /** Reads one value in DUMP form: type byte then the value body (no key). */
    static RdbValue readDumpBody(InputStream stream, int version, long expectedLength) throws IOException {
        RdbReader r = new RdbReader(stream);
        r.version = version;
        int type = r.in.readByte();
        RdbValue v = r.readValue(type, 0);
        if (r.in.position() != expectedLength) {
            throw new RdbFormatException("trailing bytes after the value", r.in.position());
        }
        return v;
    }
}
