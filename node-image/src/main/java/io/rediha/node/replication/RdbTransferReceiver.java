package io.rediha.node.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Receives the RDB payload of a full resync from the master, in either framing:
 * {@code $<len>\r\n} followed by exactly len bytes (disk-based), or {@code $EOF:<40-byte mark>\r\n}
 * followed by the RDB and the same mark (diskless). Lone {@code \n} keep-alives before the header
 * are skipped; a header starting with {@code -} means the master gave up. Bytes may arrive split
 * anywhere. The payload is copied to {@code out} (loaded once it is whole), or read as it arrives
 * through {@link #eofMarked} (parsed while it is received).
 */
public final class RdbTransferReceiver {
    public static final int EOF_MARK_LENGTH = 40;

    /** Progress callback so the caller can refresh its I/O timer and INFO fields. */
    public interface Progress {
        void bytesReceived(long total, long expected);
    }

    private RdbTransferReceiver() {
    }

    /** Reads the header line, skipping keep-alive newlines; returns the line without CRLF. */
    public static String readHeader(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.isEmpty()) {
                continue;
            }
            return line;
        }
    }

    /** Copies the payload; returns its size. Throws if the stream ends first or the header is bad. */
    public static long receive(String header, InputStream in, OutputStream out, Progress progress) throws IOException {
        if (header.startsWith("-")) {
            throw new IOException("master aborted the transfer: " + header);
        }
        if (!header.startsWith("$")) {
            throw new IOException("bad bulk payload header from master: '" + printable(header) + "'");
        }
        if (header.startsWith("$EOF:")) {
            byte[] mark = header.substring(5).getBytes(StandardCharsets.ISO_8859_1);
            if (mark.length != EOF_MARK_LENGTH) {
                throw new IOException("bad EOF mark length " + mark.length + " in '" + printable(header) + "'");
            }
            return receiveUntilMark(in, out, mark, progress);
        }
        long len;
        try {
            len = Long.parseLong(header.substring(1));
        } catch (NumberFormatException e) {
            throw new IOException("bad bulk payload length in '" + printable(header) + "'");
        }
        if (len < 0) {
            throw new IOException("negative payload length " + len);
        }
        byte[] buf = new byte[1 << 16];
        long got = 0;
        while (got < len) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, len - got));
            if (n < 0) {
                throw new IOException("master closed the connection after " + got + " of " + len + " payload bytes");
            }
            out.write(buf, 0, n);
            got += n;
            progress.bytesReceived(got, len);
        }
        return len;
    }

    private static long receiveUntilMark(InputStream in, OutputStream out, byte[] mark, Progress progress) throws IOException {
        byte[] buf = new byte[(1 << 16) + EOF_MARK_LENGTH];
        int held = 0; // bytes at the start of buf that might be the beginning of the mark
        long written = 0;
        while (true) {
            int n = in.read(buf, held, buf.length - held);
            if (n < 0) {
                throw new IOException("master closed the connection after " + (written + held) + " payload bytes, before the EOF mark");
            }
            int total = held + n;
            if (total >= EOF_MARK_LENGTH
                    && Arrays.equals(buf, total - EOF_MARK_LENGTH, total, mark, 0, EOF_MARK_LENGTH)) {
                out.write(buf, 0, total - EOF_MARK_LENGTH);
                written += total - EOF_MARK_LENGTH;
                progress.bytesReceived(written, -1);
                return written;
            }
            int flush = Math.max(0, total - EOF_MARK_LENGTH);
            out.write(buf, 0, flush);
            written += flush;
            System.arraycopy(buf, flush, buf, 0, total - flush);
            held = total - flush;
            progress.bytesReceived(written, -1);
        }
    }

    /**
     * The payload of an {@code $EOF:<mark>} header as a stream that ends where the mark starts, so
     * the replica can parse the RDB while it arrives. The master sends nothing after the mark
     * until the replica acknowledges, so the mark is the last thing a read returns; the last
     * {@value #EOF_MARK_LENGTH} bytes read are held back until more bytes show they are not it.
     */
    public static EofMarkedInput eofMarked(String header, InputStream in, Progress progress) throws IOException {
        byte[] mark = header.substring(5).getBytes(StandardCharsets.ISO_8859_1);
        if (!header.startsWith("$EOF:") || mark.length != EOF_MARK_LENGTH) {
            throw new IOException("bad EOF-marked payload header '" + printable(header) + "'");
        }
        return new EofMarkedInput(in, mark, progress);
    }

    /** See {@link #eofMarked}. */
    public static final class EofMarkedInput extends InputStream {
        private final InputStream in;
        private final byte[] mark;
        private final Progress progress;
        private byte[] buf = new byte[1 << 16];
        private int start;
        private int end;
        private long received;
        private boolean ended;

        private EofMarkedInput(InputStream in, byte[] mark, Progress progress) {
            this.in = in;
            this.mark = mark;
            this.progress = progress;
        }

        /** Bytes that are surely payload: all once the mark was seen, else all but the last mark's length. */
        private int deliverable() {
            return ended ? end - start : Math.max(0, end - start - EOF_MARK_LENGTH);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (deliverable() == 0) {
                if (ended) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, deliverable());
            System.arraycopy(buf, start, b, off, n);
            start += n;
            return n;
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                throw new IOException("master closed the connection after " + received + " payload bytes, before the EOF mark");
            }
            end += n;
            received += n;
            if (end - start >= EOF_MARK_LENGTH && Arrays.equals(buf, end - EOF_MARK_LENGTH, end, mark, 0, EOF_MARK_LENGTH)) {
                ended = true;
                end -= EOF_MARK_LENGTH;
            }
            progress.bytesReceived(received, -1);
        }

        /**
         * After the RDB was parsed: checks that the mark follows it and nothing else, reading the
         * mark if it has not arrived yet.
         */
        public void finish() throws IOException {
            while (!ended) {
                if (end - start > EOF_MARK_LENGTH) {
                    break;
                }
                fill();
            }
            if (end - start != 0) {
                throw new IOException((end - start) + " bytes after the RDB payload, before the EOF mark");
            }
        }
    }

    /** Reads one line ending in LF (CR stripped), byte by byte so nothing after it is consumed. */
    public static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by master");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() > 64 * 1024) {
                throw new IOException("line from master too long");
            }
            sb.append((char) b);
        }
    }

    static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }
}
