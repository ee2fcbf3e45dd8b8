package io.rediha.node.persistence.aof;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the commands of one AOF file (RESP multibulk arrays, as Redis writes them, with
 * {@code #...} annotation lines skipped) and tells apart the three ways a file can end:
 * <ul>
 *   <li>{@link Status#COMPLETE}: the last command ended exactly at the end of the file;</li>
 *   <li>{@link Status#TRUNCATED}: the file ends inside a command, or inside MULTI without EXEC,
 *       which is what a crash in the middle of a write leaves;</li>
 *   <li>{@link Status#CORRUPT}: a byte that cannot be there (wrong prefix, bad number, missing
 *       CRLF), which a crash cannot produce and which loading must not paper over.</li>
 * </ul>
 * Commands between MULTI and EXEC are delivered only when EXEC is read, so a transaction cut
 * by a crash is never half applied.
 */
public final class AofCommandReader {
    /** Longest argument we accept from a file (Redis's proto-max-bulk-len default). */
    static final long MAX_BULK = 512L * 1024 * 1024;

    public enum Status { COMPLETE, TRUNCATED, CORRUPT }

    /** Receives whole commands; {@code endOffset} is the file offset just after the command. */
    @FunctionalInterface
    public interface Sink {
        void command(byte[][] argv, long endOffset) throws IOException;
    }

    /**
     * Result of a scan. {@code validBytes} and {@code validLines} are the prefix that holds only
     * whole commands (and whole transactions); {@code problemOffset} is where reading failed.
     */
    public record Outcome(Status status, long validBytes, long validLines, long commands, long totalBytes,
                          long problemOffset, String problem) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private long base;
    private long lines;

    private AofCommandReader(InputStream in) {
        this.in = in;
    }

    /** Reads the whole stream, delivering commands to {@code sink}. */
    public static Outcome scan(InputStream in, Sink sink) throws IOException {
        return new AofCommandReader(in).run(sink);
    }

    private long position() {
        return base + pos;
    }

    private Outcome run(Sink sink) throws IOException {
        long validBytes = 0;
        long validLines = 0;
        long commands = 0;
        List<byte[][]> transaction = null;
        long transactionStart = 0;
        long transactionStartLines = 0;
        while (true) {
            long commandStart = position();
            long commandStartLines = lines;
            int first = peek();
            if (first < 0) {
                if (transaction != null) {
                    return new Outcome(Status.TRUNCATED, transactionStart, transactionStartLines, commands,
                            position(), transactionStart, "MULTI without EXEC at the end of the file");
                }
                return new Outcome(Status.COMPLETE, validBytes, validLines, commands, position(), -1, null);
            }
            byte[][] argv;
            try {
                if (first == '#') {
                    readLine();
                    if (transaction == null) {
                        validBytes = position();
                        validLines = lines;
                    }
                    continue;
                }
                argv = readCommand();
            } catch (Truncated t) {
                long at = transaction != null ? transactionStart : commandStart;
                long atLines = transaction != null ? transactionStartLines : commandStartLines;
                drain();
                return new Outcome(Status.TRUNCATED, at, atLines, commands, position(), t.offset, t.getMessage());
            } catch (Corrupt c) {
                drain();
                return new Outcome(Status.CORRUPT, validBytes, validLines, commands, position(), c.offset, c.getMessage());
            }
            long end = position();
            if (transaction == null && isCommand(argv, "multi")) {
                transaction = new ArrayList<>();
                transaction.add(argv);
                transactionStart = commandStart;
                transactionStartLines = commandStartLines;
                continue;
            }
            if (transaction != null) {
                transaction.add(argv);
                if (!isCommand(argv, "exec")) {
                    continue;
                }
                for (byte[][] c : transaction) {
                    sink.command(c, end);
                    commands++;
                }
                transaction = null;
            } else {
                sink.command(argv, end);
                commands++;
            }
            validBytes = end;
            validLines = lines;
        }
    }

    static boolean isCommand(byte[][] argv, String lowerName) {
        if (argv.length == 0 || argv[0].length != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase((char) argv[0][i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private byte[][] readCommand() throws IOException, Truncated, Corrupt {
        long at = position();
        int b = next();
        if (b != '*') {
            throw new Corrupt("Expected prefix '*', got: '" + (char) b + "'", at);
        }
        long argc = readNumber();
        if (argc < 1 || argc > Integer.MAX_VALUE) {
            throw new Corrupt("Bad argument count " + argc, at);
        }
        byte[][] argv = new byte[(int) argc][];
        for (int i = 0; i < argc; i++) {
            long bulkAt = position();
            int p = next();
            if (p != '$') {
                throw new Corrupt("Expected prefix '$', got: '" + (char) p + "'", bulkAt);
            }
            long len = readNumber();
            if (len < 0 || len > MAX_BULK) {
                throw new Corrupt("Bad bulk length " + len, bulkAt);
            }
            byte[] arg = new byte[(int) len];
            readFully(arg);
            long crlfAt = position();
            int cr = next();
            int lf = next();
            if (cr != '\r' || lf != '\n') {
                throw new Corrupt("Expected CRLF after the argument", crlfAt);
            }
            lines++;
            argv[i] = arg;
        }
        return argv;
    }

    /** Reads digits up to CRLF. */
    private long readNumber() throws IOException, Truncated, Corrupt {
        long at = position();
        long v = 0;
        boolean negative = false;
        int digits = 0;
        while (true) {
            int c = next();
            if (c == '\r') {
                int lf = next();
                if (lf != '\n') {
                    throw new Corrupt("Expected LF after CR", position() - 1);
                }
                lines++;
                if (digits == 0) {
                    throw new Corrupt("Expected a number", at);
                }
                return negative ? -v : v;
            }
            if (c == '-' && digits == 0 && !negative) {
                negative = true;
                continue;
            }
            if (c < '0' || c > '9' || digits >= 18) {
                throw new Corrupt("Invalid number character '" + (char) c + "'", position() - 1);
            }
            v = v * 10 + (c - '0');
            digits++;
        }
    }

    private void readLine() throws IOException, Truncated {
        while (next() != '\n') {
            // skip
        }
        lines++;
    }

    private int peek() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private int next() throws IOException, Truncated {
        if (pos == lim && !fill()) {
            throw new Truncated("Unexpected end of file", position());
        }
        return buf[pos++] & 0xff;
    }

    private void readFully(byte[] dst) throws IOException, Truncated {
        int off = 0;
        while (off < dst.length) {
            if (pos == lim && !fill()) {
                throw new Truncated("Expected to read " + (dst.length + 2) + " bytes, got " + off + " bytes", position());
            }
            int n = Math.min(dst.length - off, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            off += n;
        }
    }

    private boolean fill() throws IOException {
        base += pos;
        pos = 0;
        lim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        lim = n;
        return true;
    }

    /** Consumes the rest so totalBytes reports the file size. */
    private void drain() throws IOException {
        while (fill()) {
            pos = lim;
        }
    }

    private static final class Truncated extends Exception {
        final long offset;

        Truncated(String message, long offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final class Corrupt extends Exception {
        final long offset;

        Corrupt(String message, long offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }
}
