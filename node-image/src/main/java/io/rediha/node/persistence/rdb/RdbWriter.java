package io.rediha.node.persistence.rdb;

import static io.rediha.node.persistence.rdb.RdbConstants.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RDB version 10 the way Redis 7.0 does, so that redis-check-rdb accepts our files and a
 * real redis-server loads them: small hashes and sorted sets as listpacks, small integer sets as
 * intsets, lists as quicklist of listpacks, integer-looking strings int-encoded, strings over
 * 20 bytes LZF-compressed when that saves space, and a CRC64 trailer.
 * Not thread-safe; one writer per output.
 */
public final class RdbWriter {
    /** Redis's defaults for choosing the compact encodings. */
    static final int HASH_MAX_LISTPACK_ENTRIES = 128;
    static final int HASH_MAX_LISTPACK_VALUE = 64;
    static final int ZSET_MAX_LISTPACK_ENTRIES = 128;
    static final int ZSET_MAX_LISTPACK_VALUE = 64;
    /** list-max-listpack-size -2: each list node at most 8 KB. */
    static final int LIST_NODE_MAX_BYTES = 8192;

    private final OutputStream out;
    private final boolean compress;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long crc;
    private long written;
    /** Scratch for integer parsing, so writing a string allocates nothing. */
    private final long[] parsed = new long[1];

    public RdbWriter(OutputStream out, boolean compress) {
        this.out = out;
        this.compress = compress;
    }

    public RdbWriter(OutputStream out) {
        this(out, true);
    }

    /** Bytes produced so far (buffered or not). */
    public long bytesWritten() {
        return written + pos;
    }

    public void writeHeader() throws IOException {
        writeRaw(("REDIS" + String.format("%04d", RDB_VERSION)).getBytes(StandardCharsets.US_ASCII));
    }

    public void writeAux(String key, String value) throws IOException {
        writeByte(OPCODE_AUX);
        writeString(key.getBytes(StandardCharsets.UTF_8));
        writeString(value.getBytes(StandardCharsets.UTF_8));
    }

    public void writeAux(String key, long value) throws IOException {
        writeAux(key, Long.toString(value));
    }

    public void writeSelectDb(int db) throws IOException {
        writeByte(OPCODE_SELECTDB);
        writeLength(db);
    }

    public void writeResizeDb(long size, long expiresSize) throws IOException {
        writeByte(OPCODE_RESIZEDB);
        writeLength(size);
        writeLength(expiresSize);
    }

    /** One key with its value; {@code expireAtMs} -1 means no expiry. */
    public void writeEntry(byte[] key, RdbValue value, long expireAtMs) throws IOException {
        writeExpiry(expireAtMs);
        writeValueType(value);
        writeString(key);
        writeValueBody(value);
    }

    /** One string key, without wrapping the value (the common case of a snapshot). */
    public void writeStringEntry(byte[] key, byte[] value, long expireAtMs) throws IOException {
        writeExpiry(expireAtMs);
        writeByte(TYPE_STRING);
        writeString(key);
        writeString(value);
    }

    /** One key whose value {@link #encodeValue} encoded earlier. */
    public void writeEncodedEntry(byte[] key, byte[] encodedValue, long expireAtMs) throws IOException {
        writeExpiry(expireAtMs);
        writeByte(encodedValue[0] & 0xff);
        writeString(key);
        writeRaw(encodedValue, 1, encodedValue.length - 1);
    }

    /**
     * The type byte and body of a value, exactly as {@link #writeEntry} would write them: a
     * snapshot encodes its aggregates when it is taken, since they change in place afterwards.
     */
    public static byte[] encodeValue(RdbValue value, boolean compress) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            RdbWriter w = new RdbWriter(bytes, compress);
            w.writeValueType(value);
            w.writeValueBody(value);
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void writeExpiry(long expireAtMs) throws IOException {
        if (expireAtMs >= 0) {
            writeByte(OPCODE_EXPIRETIME_MS);
            writeLe(expireAtMs, 8);
        }
    }

    /** EOF opcode and checksum; flushes. */
    public void writeEnd() throws IOException {
        writeByte(OPCODE_EOF);
        drain();
        long sum = crc;
        byte[] trailer = new byte[8];
        for (int i = 0; i < 8; i++) {
            trailer[i] = (byte) (sum >>> (8 * i));
        }
        out.write(trailer);
        written += 8;
        out.flush();
    }

    public void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            crc = Crc64.update(crc, buf, 0, pos);
            out.write(buf, 0, pos);
            written += pos;
            pos = 0;
        }
    }

    // ---- values ----

    void writeValueType(RdbValue value) throws IOException {
        writeByte(typeOf(value));
    }

    private int typeOf(RdbValue value) {
        if (value instanceof RdbValue.Str) {
            return TYPE_STRING;
        } else if (value instanceof RdbValue.ListValue) {
            return TYPE_LIST_QUICKLIST_2;
        } else if (value instanceof RdbValue.SetValue s) {
            return s.members().size() <= Intset.MAX_ENTRIES && allIntegers(s.members()) ? TYPE_SET_INTSET : TYPE_SET;
        } else if (value instanceof RdbValue.HashValue h) {
            return hashFitsListpack(h) ? TYPE_HASH_LISTPACK : TYPE_HASH;
        } else if (value instanceof RdbValue.StreamValue) {
            return TYPE_STREAM_LISTPACKS_2;
        } else {
            return zsetFitsListpack((RdbValue.ZSetValue) value) ? TYPE_ZSET_LISTPACK : TYPE_ZSET_2;
        }
    }

    void writeValueBody(RdbValue value) throws IOException {
        if (value instanceof RdbValue.StreamValue sv) {
            RdbStreams.write(this, sv.stream());
        } else if (value instanceof RdbValue.Str s) {
            writeString(s.value());
        } else if (value instanceof RdbValue.ListValue l) {
            writeQuicklist(l.elements());
        } else if (value instanceof RdbValue.SetValue s) {
                byte[] intset = s.members().size() <= Intset.MAX_ENTRIES ? Intset.encodeIfIntegers(s.members()) : null;
                if (intset != null) {
                    writeString(intset);
                } else {
                    writeLength(s.members().size());
                    for (byte[] m : s.members()) {
                        writeString(m);
                    }
                }
        } else if (value instanceof RdbValue.HashValue h) {
                if (hashFitsListpack(h)) {
                    writeString(Listpack.encode(h.fieldsAndValues()));
                } else {
                    writeLength(h.size());
                    for (byte[] fv : h.fieldsAndValues()) {
                        writeString(fv);
                    }
                }
        } else {
                RdbValue.ZSetValue z = (RdbValue.ZSetValue) value;
                if (zsetFitsListpack(z)) {
                    writeString(Listpack.encode(sortedZsetEntries(z)));
                } else {
                    writeLength(z.members().size());
                    for (RdbValue.ScoredMember m : z.members()) {
                        writeString(m.member());
                        writeLe(Double.doubleToRawLongBits(m.score()), 8);
                    }
                }
        }
    }

    private void writeQuicklist(List<byte[]> elements) throws IOException {
        List<byte[]> nodes = new ArrayList<>();
        Listpack.Builder node = new Listpack.Builder();
        for (byte[] e : elements) {
            if (node.count() > 0 && node.size() + e.length + 11 > LIST_NODE_MAX_BYTES) {
                nodes.add(node.finish());
                node = new Listpack.Builder();
            }
            node.add(e);
        }
        if (node.count() > 0) {
            nodes.add(node.finish());
        }
        writeLength(nodes.size());
        for (byte[] lp : nodes) {
            writeLength(QUICKLIST_NODE_PACKED);
            writeString(lp);
        }
    }

    private static boolean allIntegers(List<byte[]> members) {
        long[] tmp = new long[1];
        for (byte[] m : members) {
            if (!Strings.parseCanonicalLong(m, tmp)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hashFitsListpack(RdbValue.HashValue h) {
        if (h.size() > HASH_MAX_LISTPACK_ENTRIES) {
            return false;
        }
        for (byte[] fv : h.fieldsAndValues()) {
            if (fv.length > HASH_MAX_LISTPACK_VALUE) {
                return false;
            }
        }
        return true;
    }

    private static boolean zsetFitsListpack(RdbValue.ZSetValue z) {
        if (z.members().size() > ZSET_MAX_LISTPACK_ENTRIES) {
            return false;
        }
        for (RdbValue.ScoredMember m : z.members()) {
            if (m.member().length > ZSET_MAX_LISTPACK_VALUE || Double.isNaN(m.score())) {
                return false;
            }
        }
        return true;
    }

    /** A listpack zset must be ordered by score, then member bytes, as Redis keeps it. */
    private static List<byte[]> sortedZsetEntries(RdbValue.ZSetValue z) {
        List<RdbValue.ScoredMember> sorted = new ArrayList<>(z.members());
        sorted.sort((a, b) -> {
            int c = Double.compare(a.score(), b.score());
            return c != 0 ? c : Arrays.compareUnsigned(a.member(), b.member());
        });
        List<byte[]> out = new ArrayList<>(sorted.size() * 2);
        for (RdbValue.ScoredMember m : sorted) {
            out.add(m.member());
            out.add(Strings.formatDouble(m.score()));
        }
        return out;
    }

    // ---- primitives ----

    void writeString(byte[] s) throws IOException {
        int len = s.length;
        if (len <= 11 && len > 0 && writeIntEncoded(s)) {
            return;
        }
        if (compress && len > 20) {
            byte[] c = Lzf.compress(s, len - 4);
            if (c != null) {
                writeByte(0xc0 | ENC_LZF);
                writeLength(c.length);
                writeLength(len);
                writeRaw(c);
                return;
            }
        }
        writeLength(len);
        writeRaw(s);
    }

    private boolean writeIntEncoded(byte[] s) throws IOException {
        if (!Strings.parseCanonicalLong(s, parsed)) {
            return false;
        }
        long n = parsed[0];
        if (n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE) {
            writeByte(0xc0 | ENC_INT8);
            writeByte((int) n & 0xff);
        } else if (n >= Short.MIN_VALUE && n <= Short.MAX_VALUE) {
            writeByte(0xc0 | ENC_INT16);
            writeLe(n, 2);
        } else if (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            writeByte(0xc0 | ENC_INT32);
            writeLe(n, 4);
        } else {
            return false;
        }
        return true;
    }

    void writeLength(long len) throws IOException {
        if (len < 64) {
            writeByte((int) len);
        } else if (len < 16384) {
            writeByte(0x40 | (int) (len >>> 8));
            writeByte((int) len & 0xff);
        } else if (len <= 0xffffffffL) {
            writeByte(0x80);
            writeBe(len, 4);
        } else {
            writeByte(0x81);
            writeBe(len, 8);
        }
    }

    void writeByte(int b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = (byte) b;
    }

    void writeRaw(byte[] b) throws IOException {
        writeRaw(b, 0, b.length);
    }

    void writeRaw(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == buf.length) {
                drain();
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void writeLe(long v, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            writeByte((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private void writeBe(long v, int n) throws IOException {
        for (int i = n - 1; i >= 0; i--) {
            writeByte((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
