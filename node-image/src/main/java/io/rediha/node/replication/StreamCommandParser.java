package io.rediha.node.replication;

import java.util.List;

/**
 * Splits the replication stream (RESP multibulk commands, as a master sends them) into commands,
 * each with its exact byte length, because the replica's offset counts bytes, not commands.
 * Works on a byte array the caller fills; stops at the first incomplete command.
 */
public final class StreamCommandParser {
    /** One command and how many stream bytes it took. */
    public record Command(byte[][] argv, int length) {
    }

    static final long MAX_BULK = 512L * 1024 * 1024;

    private StreamCommandParser() {
    }

    /**
     * Parses whole commands from {@code buf[off, off+len)} into {@code out}; returns the number of
     * bytes consumed. Throws {@link IllegalStateException} on bytes that are not RESP multibulk.
     */
    public static int parse(byte[] buf, int off, int len, List<Command> out) {
        int p = off;
        int end = off + len;
        while (p < end) {
            int start = p;
            if (buf[p] != '*') {
                throw new IllegalStateException("expected '*' in replication stream, got byte " + (buf[p] & 0xff));
            }
            long[] num = new long[1];
            int q = readNumber(buf, p + 1, end, num);
            if (q < 0) {
                break;
            }
            long argc = num[0];
            if (argc < 1 || argc > 1024 * 1024) {
                throw new IllegalStateException("bad multibulk length " + argc + " in replication stream");
            }
            byte[][] argv = new byte[(int) argc][];
            boolean complete = true;
            for (int i = 0; i < argc; i++) {
                if (q >= end) {
                    complete = false;
                    break;
                }
                if (buf[q] != '$') {
                    throw new IllegalStateException("expected '$' in replication stream, got byte " + (buf[q] & 0xff));
                }
                q = readNumber(buf, q + 1, end, num);
                if (q < 0) {
                    complete = false;
                    break;
                }
                long blen = num[0];
                if (blen < 0 || blen > MAX_BULK) {
                    throw new IllegalStateException("bad bulk length " + blen + " in replication stream");
                }
                if (end - q < blen + 2) {
                    complete = false;
                    break;
                }
                argv[i] = java.util.Arrays.copyOfRange(buf, q, q + (int) blen);
                q += (int) blen;
                if (buf[q] != '\r' || buf[q + 1] != '\n') {
                    throw new IllegalStateException("missing CRLF after bulk in replication stream");
                }
                q += 2;
            }
            if (!complete) {
                break;
            }
            out.add(new Command(argv, q - start));
            p = q;
        }
        return p - off;
    }

    /** Reads digits and CRLF from p; returns the index after CRLF, or -1 if incomplete. */
    private static int readNumber(byte[] buf, int p, int end, long[] out) {
        long v = 0;
        boolean neg = false;
        int digits = 0;
        while (p < end) {
            byte c = buf[p];
            if (c == '\r') {
                if (p + 1 >= end) {
                    return -1;
                }
                if (buf[p + 1] != '\n' || digits == 0) {
                    throw new IllegalStateException("bad number line in replication stream");
                }
                out[0] = neg ? -v : v;
                return p + 2;
            }
            if (c == '-' && digits == 0 && !neg) {
                neg = true;
            } else if (c >= '0' && c <= '9' && digits < 18) {
                v = v * 10 + (c - '0');
                digits++;
            } else {
                throw new IllegalStateException("bad number character in replication stream");
            }
            p++;
        }
        return -1;
    }
}
