package io.rediha.node.persistence.rdb;

/**
 * LZF, the compression Redis applies to RDB strings longer than 20 bytes. The format: a control
 * byte below 32 starts a literal run of (ctrl + 1) bytes; otherwise its top 3 bits are a match
 * length (7 means "add the next byte") and the low 5 bits with the following byte are the
 * back-reference distance minus one. A match copies (length + 2) bytes.
 */
public final class Lzf {
    private static final int HLOG = 14;
    private static final int MAX_LIT = 32;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    private Lzf() {
    }

    /** Decompresses {@code in} into exactly {@code outLen} bytes, or throws if the data is inconsistent. */
    public static byte[] decompress(byte[] in, int outLen) {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int run = ctrl + 1;
                if (op + run > outLen || ip + run > in.length) {
                    throw new IllegalArgumentException("LZF literal run overflows (at input " + ip + ")");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else {
                int len = ctrl >>> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF truncated match length");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF truncated match offset");
                }
                ref -= in[ip++] & 0xff;
                len += 2;
                if (ref < 0 || op + len > outLen) {
                    throw new IllegalArgumentException("LZF back reference out of range (at output " + op + ")");
                }
                for (int k = 0; k < len; k++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLen) {
            throw new IllegalArgumentException("LZF produced " + op + " bytes, expected " + outLen);
        }
        return out;
    }

    /**
     * Compresses {@code in}; returns null when the result would be longer than {@code maxOut}
     * bytes (the caller then stores the string uncompressed, as Redis does).
     */
    public static byte[] compress(byte[] in, int maxOut) {
        if (maxOut <= 0) {
            return null;
        }
        int inLen = in.length;
        // Worst case: every byte literal, one control byte per 32 of them.
        byte[] out = new byte[inLen + inLen / MAX_LIT + 2];
        int[] htab = new int[1 << HLOG];
        java.util.Arrays.fill(htab, -1);
        int ip = 0;
        int op = 1; // the control byte of the first literal run is reserved at 0
        int lit = 0;
        while (ip < inLen - 2) {
            int hval = hash(in, ip);
            int ref = htab[hval];
            htab[hval] = ip;
            int off = ip - ref - 1;
            if (ref >= 0 && off < MAX_OFF
                    && in[ref] == in[ip] && in[ref + 1] == in[ip + 1] && in[ref + 2] == in[ip + 2]) {
                int len = 2;
                int maxlen = Math.min(inLen - ip - len, MAX_REF);
                out[op - lit - 1] = (byte) (lit - 1); // close the literal run
                if (lit == 0) {
                    op--; // the reserved control byte was not needed
                }
                do {
                    len++;
                } while (len < maxlen && in[ref + len] == in[ip + len]);
                len -= 2;
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // reserve the next run's control byte
                ip += len + 1;
                if (ip >= inLen - 2) {
                    break;
                }
                htab[hash(in, ip - 1)] = ip - 1;
            } else {
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
            if (op > maxOut + 1) {
                return null;
            }
        }
        while (ip < inLen) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        if (lit == 0) {
            op--;
        }
        return op > maxOut ? null : java.util.Arrays.copyOf(out, op);
    }

    private static int hash(byte[] in, int p) {
        long v = ((in[p] & 0xff) << 16) | ((in[p + 1] & 0xff) << 8) | (in[p + 2] & 0xff);
        return (int) (((v * 2654435761L) & 0xffffffffL) >>> (32 - HLOG));
    }
}
