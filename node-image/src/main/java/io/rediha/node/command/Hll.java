package io.rediha.node.command;

import java.util.Arrays;

/**
 * A HyperLogLog in Redis's own byte layout, so that a value made here and one made by
 * redis-server are interchangeable (DUMP/RESTORE, RDB, replication) and count the same.
 *
 * <p>Layout: a 16-byte header ({@code "HYLL"}, one encoding byte, three unused bytes, then the
 * cached cardinality as 8 little-endian bytes whose top bit set means "stale"), followed by the
 * 16384 registers in one of two encodings:
 * <ul>
 *   <li>dense: 6 bits a register, packed from the low bit of each byte upward (12288 bytes);
 *   <li>sparse: a run-length code of opcodes: {@code 00xxxxxx} ZERO (1..64 zero registers),
 *       {@code 01xxxxxx yyyyyyyy} XZERO (1..16384 zero registers), {@code 1vvvvvxx} VAL (1..4
 *       registers of value 1..32).
 * </ul>
 * A new HLL is sparse; it turns dense for good when a register needs a value above 32 or the
 * sparse form would grow past {@code hll-sparse-max-bytes}. The sparse edits follow Redis's steps
 * exactly (split the covering opcode into at most three, then merge equal neighbouring VALs) so
 * the bytes, not only the counts, come out the same.
 *
 * <p>An instance is a private working copy: values in the keyspace are never changed in place;
 * a command copies, edits, and stores the result with {@link #toBytes()}.
 */
final class Hll {
    static final int P = 14;
    static final int Q = 64 - P;
    static final int REGISTERS = 1 << P;
    static final int HEADER = 16;
    static final int REGISTER_BYTES = (REGISTERS * 6 + 7) / 8;
    static final int DENSE_SIZE = HEADER + REGISTER_BYTES;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    static final int REGISTER_MAX = 63;
    private static final int SPARSE_VAL_MAX_VALUE = 32;
    private static final int SPARSE_VAL_MAX_LEN = 4;
    private static final int SPARSE_ZERO_MAX_LEN = 64;
    private static final long SEED = 0xadc83b19L;
    /** 1 / (2 ln 2): the estimator's constant for m going to infinity. */
    private static final double ALPHA_INF = 0.721347520444481703680;

    static final String NOT_AN_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";

    /** Bytes in use; {@code buf} keeps slack after them, and {@code buf[len]} is always 0. */
    private byte[] buf;
    private int len;
    private final long sparseMaxBytes;

    private Hll(byte[] buf, int len, long sparseMaxBytes) {
        this.buf = buf;
        this.len = len;
        this.sparseMaxBytes = sparseMaxBytes;
    }

    /** An empty HLL: sparse, one XZERO covering every register, cached cardinality 0. */
    static Hll empty(long sparseMaxBytes) {
        byte[] b = new byte[HEADER + 2 + 8];
        writeMagic(b);
        b[4] = SPARSE;
        b[HEADER] = (byte) (0x40 | ((REGISTERS - 1) >> 8));
        b[HEADER + 1] = (byte) ((REGISTERS - 1) & 0xff);
        return new Hll(b, HEADER + 2, sparseMaxBytes);
    }

    /** A working copy of a value that passed {@link #isValid}. */
    static Hll copyOf(byte[] value, long sparseMaxBytes) {
        return new Hll(Arrays.copyOf(value, value.length + 8), value.length, sparseMaxBytes);
    }

    private static void writeMagic(byte[] b) {
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
    }

    /** The header checks Redis makes before treating a string as an HLL. */
    static boolean isValid(byte[] v) {
        if (v.length < HEADER || v[0] != 'H' || v[1] != 'Y' || v[2] != 'L' || v[3] != 'L') {
            return false;
        }
        int enc = v[4] & 0xff;
        return enc == SPARSE || (enc == DENSE && v.length == DENSE_SIZE);
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    int encoding() {
        return buf[4];
    }

    /** True when the cardinality cached in the header of a stored value is current. */
    static boolean cacheValid(byte[] v) {
        return (v[15] & 0x80) == 0;
    }

    static long cachedCardinality(byte[] v) {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = (card << 8) | (v[8 + i] & 0xff);
        }
        return card;
    }

    void setCachedCardinality(long card) {
        for (int i = 0; i < 8; i++) {
            buf[8 + i] = (byte) (card >>> (8 * i));
        }
    }

    void invalidateCache() {
        buf[15] |= (byte) 0x80;
    }

    // ------------------------------------------------------------------ hashing

    /** MurmurHash64A, little-endian, with the seed Redis uses for HLL elements. */
    static long murmurHash64A(byte[] data) {
        final long m = 0xc6a4a7935bd1e995L;
        final int r = 47;
        int length = data.length;
        long h = SEED ^ ((long) length * m);
        int blocks = length - (length & 7);
        for (int i = 0; i < blocks; i += 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) {
                k = (k << 8) | (data[i + j] & 0xff);
            }
            k *= m;
            k ^= k >>> r;
            k *= m;
            h ^= k;
            h *= m;
        }
        int tail = length & 7;
        if (tail > 0) {
            for (int j = tail - 1; j >= 0; j--) {
                h ^= (long) (data[blocks + j] & 0xff) << (8 * j);
            }
            h *= m;
        }
        h ^= h >>> r;
        h *= m;
        h ^= h >>> r;
        return h;
    }

    /** Register index (low 32 bits) and run length of the element's hash pattern (high 32 bits). */
    static long patternOf(byte[] element) {
        long hash = murmurHash64A(element);
        long index = hash & (REGISTERS - 1);
        long rest = (hash >>> P) | (1L << Q);
        long count = Long.numberOfTrailingZeros(rest) + 1;
        return (count << 32) | index;
    }

    // ------------------------------------------------------------------ dense registers

    static int denseGet(byte[] b, int reg) {
        int bit = reg * 6;
        int at = HEADER + (bit >> 3);
        int fb = bit & 7;
        int v = (b[at] & 0xff) >>> fb;
        if (fb > 2) {
            v |= (b[at + 1] & 0xff) << (8 - fb);
        }
        return v & REGISTER_MAX;
    }

    static void denseSetRegister(byte[] b, int reg, int val) {
        int bit = reg * 6;
        int at = HEADER + (bit >> 3);
        int fb = bit & 7;
        b[at] = (byte) ((b[at] & ~(REGISTER_MAX << fb)) | (val << fb));
        if (fb > 2) {
            int fb8 = 8 - fb;
            b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >>> fb8)) | (val >>> fb8));
        }
    }

    /** Raises register {@code reg} to {@code count}; 1 when it changed, 0 when it was already as high. */
    static int denseSet(byte[] b, int reg, int count) {
        if (count > denseGet(b, reg)) {
            denseSetRegister(b, reg, count);
            return 1;
        }
        return 0;
    }

    // ------------------------------------------------------------------ sparse opcodes

    private int at(int i) {
        return i < buf.length ? buf[i] & 0xff : 0;
    }

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXzero(int op) {
        return (op & 0xc0) == 0x40;
    }

    private static int valValue(int op) {
        return ((op >> 2) & 0x1f) + 1;
    }

    private static int valLen(int op) {
        return (op & 3) + 1;
    }

    private static byte valOp(int value, int runLength) {
        return (byte) (0x80 | ((value - 1) << 2) | (runLength - 1));
    }

    /** Appends a ZERO or XZERO opcode for {@code run} registers at {@code n}; returns the new end. */
    private static int putZeros(byte[] seq, int n, int run) {
        if (run > SPARSE_ZERO_MAX_LEN) {
            seq[n] = (byte) (0x40 | ((run - 1) >> 8));
            seq[n + 1] = (byte) ((run - 1) & 0xff);
            return n + 2;
        }
        seq[n] = (byte) (run - 1);
        return n + 1;
    }

    // ------------------------------------------------------------------ adding

    /** Adds one element: 1 when a register changed, 0 when none did, -1 when the HLL is corrupt. */
    int add(byte[] element) {
        long pattern = patternOf(element);
        return set((int) pattern, (int) (pattern >>> 32));
    }

    /** Raises register {@code index} to {@code count} in either encoding (same result codes as add). */
    int set(int index, int count) {
        if (encoding() == DENSE) {
            return denseSet(buf, index, count);
        }
        if (encoding() == SPARSE) {
            return sparseSet(index, count);
        }
        return -1;
    }

    private void ensureCapacity(int needed) {
        if (buf.length < needed) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length + buf.length / 2));
        }
    }

    private int sparseSet(int index, int count) {
        if (count > SPARSE_VAL_MAX_VALUE) {
            return promoteAndSet(index, count);
        }
        ensureCapacity(len + 4);
        int end = len;
        // Find the opcode that covers register 'index'.
        int p = HEADER;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            int op = at(p);
            int opLen = 1;
            if (isZero(op)) {
                span = (op & 0x3f) + 1;
            } else if (!isXzero(op)) {
                span = valLen(op);
            } else {
                span = (((op & 0x3f) << 8) | at(p + 1)) + 1;
                opLen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += opLen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = at(p);
        boolean zero = isZero(op);
        boolean xzero = isXzero(op);
        boolean val = !zero && !xzero;
        int next = xzero ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        int runLength = zero ? (op & 0x3f) + 1 : xzero ? (((op & 0x3f) << 8) | at(p + 1)) + 1 : valLen(op);

        if (val) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (runLength == 1) {
                buf[p] = valOp(count, 1);
                return mergeNeighbours(prev, end);
            }
        }
        if (zero && runLength == 1) {
            buf[p] = valOp(count, 1);
            return mergeNeighbours(prev, end);
        }

        // General case: replace the opcode by up to three: before, the register, after.
        byte[] seq = new byte[5];
        int n = 0;
        int last = first + span - 1;
        if (zero || xzero) {
            if (index != first) {
                n = putZeros(seq, n, index - first);
            }
            seq[n++] = valOp(count, 1);
            if (index != last) {
                n = putZeros(seq, n, last - index);
            }
        } else {
            int current = valValue(op);
            if (index != first) {
                seq[n++] = valOp(current, index - first);
            }
            seq[n++] = valOp(count, 1);
            if (index != last) {
                seq[n++] = valOp(current, last - index);
            }
        }
        int delta = n - (xzero ? 2 : 1);
        if (delta > 0 && len + delta > sparseMaxBytes) {
            return promoteAndSet(index, count);
        }
        if (delta != 0 && next >= 0) {
            System.arraycopy(buf, next, buf, next + delta, end - next);
        }
        len += delta;
        buf[len] = 0;
        System.arraycopy(seq, 0, buf, p, n);
        end += delta;
        return mergeNeighbours(prev, end);
    }

    /** Merges equal adjacent VAL opcodes in the five opcodes from {@code prev}; always returns 1. */
    private int mergeNeighbours(int prev, int end) {
        int p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = at(p);
            if (isXzero(op)) {
                p += 2;
                continue;
            }
            if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && (at(p + 1) & 0x80) != 0) {
                int v1 = valValue(op);
                int v2 = valValue(at(p + 1));
                int merged = valLen(op) + valLen(at(p + 1));
                if (v1 == v2 && merged <= SPARSE_VAL_MAX_LEN) {
                    buf[p + 1] = valOp(v1, merged);
                    System.arraycopy(buf, p + 1, buf, p, end - p);
                    len--;
                    buf[len] = 0;
                    end--;
                    continue;
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private int promoteAndSet(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        return denseSet(buf, index, count);
    }

    /** Converts to dense (no-op when dense already); false when the sparse form is corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER);
        dense[4] = DENSE;
        int idx = 0;
        int p = HEADER;
        while (p < len) {
            int op = at(p);
            if (isZero(op)) {
                idx += (op & 0x3f) + 1;
                p++;
            } else if (isXzero(op)) {
                idx += (((op & 0x3f) << 8) | at(p + 1)) + 1;
                p += 2;
            } else {
                int run = valLen(op);
                if (run + idx > REGISTERS) {
                    break;
                }
                int v = valValue(op);
                for (int k = 0; k < run; k++) {
                    denseSetRegister(dense, idx++, v);
                }
                p++;
            }
        }
        if (idx != REGISTERS) {
            return false;
        }
        buf = Arrays.copyOf(dense, DENSE_SIZE + 1);
        len = DENSE_SIZE;
        return true;
    }

    // ------------------------------------------------------------------ reading a stored value

    /**
     * The register histogram of a stored HLL value (64 slots); null when a sparse value does not
     * cover exactly 16384 registers.
     */
    static int[] histogram(byte[] v) {
        int[] h = new int[64];
        if (v[4] == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                h[denseGet(v, i)]++;
            }
            return h;
        }
        int idx = 0;
        int p = HEADER;
        while (p < v.length) {
            int op = v[p] & 0xff;
            int run;
            if (isZero(op)) {
                run = (op & 0x3f) + 1;
                h[0] += run;
                p++;
            } else if (isXzero(op)) {
                run = (((op & 0x3f) << 8) | (p + 1 < v.length ? v[p + 1] & 0xff : 0)) + 1;
                h[0] += run;
                p += 2;
            } else {
                run = valLen(op);
                h[valValue(op)] += run;
                p++;
            }
            idx += run;
        }
        return idx == REGISTERS ? h : null;
    }

    /** Raises {@code max[i]} to each register of the stored value; false when it is corrupt. */
    static boolean mergeInto(byte[] v, byte[] max) {
        if (v[4] == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                int r = denseGet(v, i);
                if (r > max[i]) {
                    max[i] = (byte) r;
                }
            }
            return true;
        }
        int i = 0;
        int p = HEADER;
        while (p < v.length) {
            int op = v[p] & 0xff;
            if (isZero(op)) {
                i += (op & 0x3f) + 1;
                p++;
            } else if (isXzero(op)) {
                i += (((op & 0x3f) << 8) | (p + 1 < v.length ? v[p + 1] & 0xff : 0)) + 1;
                p += 2;
            } else {
                int run = valLen(op);
                int r = valValue(op);
                if (run + i > REGISTERS) {
                    break;
                }
                for (int k = 0; k < run; k++, i++) {
                    if (r > max[i]) {
                        max[i] = (byte) r;
                    }
                }
                p++;
            }
        }
        return i == REGISTERS;
    }

    /** The histogram of plain one-byte registers (the union PFCOUNT builds over several keys). */
    static int[] rawHistogram(byte[] registers) {
        int[] h = new int[64];
        for (byte r : registers) {
            h[r & 0x3f]++;
        }
        return h;
    }

    /** The sparse opcodes as PFDEBUG DECODE shows them: {@code z:len Z:len v:value,len}. */
    static String decodeSparse(byte[] v) {
        StringBuilder sb = new StringBuilder();
        int p = HEADER;
        while (p < v.length) {
            int op = v[p] & 0xff;
            if (isZero(op)) {
                sb.append("z:").append((op & 0x3f) + 1).append(' ');
                p++;
            } else if (isXzero(op)) {
                sb.append("Z:").append((((op & 0x3f) << 8) | (p + 1 < v.length ? v[p + 1] & 0xff : 0)) + 1).append(' ');
                p += 2;
            } else {
                sb.append("v:").append(valValue(op)).append(',').append(valLen(op)).append(' ');
                p++;
            }
        }
        return sb.toString().trim();
    }

    // ------------------------------------------------------------------ estimating

    /**
     * The cardinality from a register histogram, with the estimator Redis uses since 5.0 (Ertl,
     * "New cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284).
     */
    static long estimate(int[] histogram) {
        double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return roundHalfAway(ALPHA_INF * m * m / z);
    }

    private static long roundHalfAway(double e) {
        double f = Math.floor(e);
        return (long) f + (e - f >= 0.5 ? 1 : 0);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
    }
}
