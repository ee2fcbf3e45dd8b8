package io.rediha.node.replication;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica's side of one master link, on its own thread: connect, handshake, PSYNC, receive
 * a full-resync payload or continue from the master's backlog, then read the command stream and
 * hand it, in order and in batches, to the command thread. Reconnects with a growing delay after
 * any failure; never installs a dataset it did not receive and parse completely.
 *
 * <p>Blocking sockets are used on purpose: one link, one thread, and a handshake that reads as a
 * sequence of steps.
 */
public final class ReplicaLink implements Runnable {
    /** What the link needs from the server. Methods are called on the link thread. */
    public interface Host {
        /** Port to announce with REPLCONF listening-port. */
        int announcePort();

        /** replica-announce-ip, or null. */
        String announceIp();

        /** masterauth, or null. */
        String masterAuth();

        /** masteruser, or null. */
        String masterUser();

        /** repl-timeout in seconds. */
        int replTimeoutSeconds();

        /** Directory for the temporary payload file. */
        Path workDir();

        /** The (replid, offset) to offer with PSYNC, or null for "? -1". */
        String[] psyncOffer();

        /**
         * Loads the payload and installs it as the dataset, all or nothing; adopts replid and
         * offset. Throws if the payload is not a valid RDB (the old dataset then stays).
         */
        void installFullSync(Path rdbFile, String replid, long offset, Runnable keepAlive) throws IOException;

        /**
         * Same, reading the payload straight from the socket as it arrives (length-prefixed form):
         * parsing overlaps the transfer. The stream ends exactly at the payload's last byte.
         */
        void installFullSync(InputStream payload, String replid, long offset, Runnable keepAlive) throws IOException;

        /**
         * The master answered PSYNC with {@code reply} (a +FULLRESYNC, +CONTINUE or error line), or
         * the connection failed before it answered ({@code null}).
         */
        default void psyncAnswered(String reply) {
        }

        /** Partial resync accepted; {@code newReplid} may be null (old masters). */
        void continueSync(String newReplid);

        /** Applies a batch of master commands on the command thread and waits; returns the applied offset. */
        long applyStream(List<StreamCommandParser.Command> commands, byte[] raw, int off, int len) throws IOException;

        /** Offset of the last applied byte (for REPLCONF ACK). */
        long appliedOffset();

        /** The link went down (for INFO and for disconnecting sub-replicas). */
        void linkDown();

        /** The link is up and streaming. */
        void linkUp();

        void log(String line);
    }

    private final Host host;
    private final String masterHost;
    private final int masterPort;
    private volatile boolean stopped;
    private volatile Socket socket;
    private Thread thread;
    /** Whether the current connection got its PSYNC answer (link thread only). */
    private boolean psyncAnswered;

    // INFO / ROLE, read from any thread
    private volatile ReplicaLinkState state = ReplicaLinkState.CONNECT;
    private volatile long lastIoMillis;
    private volatile long transferTotal = -1;
    private volatile long transferRead;
    private volatile long readOffset;

    public ReplicaLink(Host host, String masterHost, int masterPort) {
        this.host = host;
        this.masterHost = masterHost;
        this.masterPort = masterPort;
    }

    public String masterHost() {
        return masterHost;
    }

    public int masterPort() {
        return masterPort;
    }

    public ReplicaLinkState state() {
        return state;
    }

    public long lastIoMillis() {
        return lastIoMillis;
    }

    public long transferTotal() {
        return transferTotal;
    }

    public long transferRead() {
        return transferRead;
    }

    /** slave_read_repl_offset: bytes of stream received (applied or about to be). */
    public long readOffset() {
        return readOffset;
    }

    public synchronized void start() {
        thread = new Thread(this, "replica-link-" + masterHost + ":" + masterPort);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the link without waiting: it is called on the command thread, which the link thread
     * may be waiting for. The host ignores anything a stopped link still hands over.
     */
    public void stop() {
        stopped = true;
        closeSocket();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** Drops the current connection; the link reconnects (used by tests and CLIENT KILL TYPE master). */
    public void dropConnection() {
        closeSocket();
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void run() {
        int failures = 0;
        while (!stopped) {
            boolean reachedStream = false;
            try {
                reachedStream = connectAndReplicate();
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    host.log("Replication with MASTER " + masterHost + ":" + masterPort + " failed: " + e.getMessage());
                    if (!psyncAnswered) {
                        host.psyncAnswered(null);
                    }
                }
            } finally {
                closeSocket();
                if (state == ReplicaLinkState.CONNECTED || reachedStream) {
                    host.linkDown();
                }
                state = ReplicaLinkState.CONNECT;
                transferTotal = -1;
            }
            if (stopped) {
                break;
            }
            failures = reachedStream ? 0 : failures + 1;
            long delay = Math.min(1000, 50L << Math.min(failures, 5));
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                if (stopped) {
                    break;
                }
            }
        }
        state = ReplicaLinkState.NONE;
    }

    /** One connection's life. Returns true if it reached the streaming phase. */
    private boolean connectAndReplicate() throws IOException {
        psyncAnswered = false;
        state = ReplicaLinkState.CONNECTING;
        host.log("Connecting to MASTER " + masterHost + ":" + masterPort);
        int timeoutMs = Math.max(1, host.replTimeoutSeconds()) * 1000;
        Socket s = new Socket();
        socket = s;
        if (stopped) {
            return false;
        }
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(masterHost, masterPort), timeoutMs);
        s.setSoTimeout(timeoutMs);
        InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
        OutputStream out = new BufferedOutputStream(s.getOutputStream());
        lastIoMillis = System.currentTimeMillis();
        host.log("MASTER <-> REPLICA sync started");

        state = ReplicaLinkState.HANDSHAKE;
        send(out, "PING");
        String pong = RdbTransferReceiver.readLine(in);
        if (!(pong.startsWith("+") || pong.startsWith("-NOAUTH") || pong.startsWith("-NOPERM")
                || pong.startsWith("-ERR operation not permitted"))) {
            throw new IOException("Error reply to PING from master: '" + RdbTransferReceiver.printable(pong) + "'");
        }
        int pipelined = 0;
        boolean auth = host.masterAuth() != null && !host.masterAuth().isEmpty();
        if (auth) {
            if (host.masterUser() != null && !host.masterUser().isEmpty()) {
                send(out, "AUTH", host.masterUser(), host.masterAuth());
            } else {
                send(out, "AUTH", host.masterAuth());
            }
        }
        send(out, "REPLCONF", "listening-port", Integer.toString(host.announcePort()));
        pipelined++;
        if (host.announceIp() != null && !host.announceIp().isEmpty()) {
            send(out, "REPLCONF", "ip-address", host.announceIp());
            pipelined++;
        }
        send(out, "REPLCONF", "capa", "eof", "capa", "psync2");
        pipelined++;
        if (auth) {
            String r = RdbTransferReceiver.readLine(in);
            if (r.startsWith("-")) {
                throw new IOException("Unable to AUTH to MASTER: " + RdbTransferReceiver.printable(r));
            }
        }
        for (int i = 0; i < pipelined; i++) {
            String r = RdbTransferReceiver.readLine(in);
            if (r.startsWith("-")) {
                host.log("Master replied to REPLCONF: " + RdbTransferReceiver.printable(r) + " (ignored)");
            }
        }

        String[] offer = host.psyncOffer();
        if (offer == null) {
            send(out, "PSYNC", "?", "-1");
            host.log("Partial resynchronization not possible (no cached master)");
        } else {
            send(out, offer.length > 2 ? new String[] {"PSYNC", offer[0], offer[1], offer[2]} : new String[] {"PSYNC", offer[0], offer[1]});
            host.log("Trying a partial resynchronization (request " + offer[0] + ":" + offer[1] + ").");
        }
        String reply;
        do {
            reply = RdbTransferReceiver.readLine(in);
            lastIoMillis = System.currentTimeMillis();
        } while (reply.isEmpty());
        psyncAnswered = true;
        host.psyncAnswered(reply);

        if (reply.startsWith("+FULLRESYNC")) {
            String[] parts = reply.split(" ");
            if (parts.length < 3 || parts[1].length() != 40) {
                throw new IOException("Master replied with wrong +FULLRESYNC syntax: " + RdbTransferReceiver.printable(reply));
            }
            long offset;
            try {
                offset = Long.parseLong(parts[2]);
            } catch (NumberFormatException e) {
                throw new IOException("bad offset in +FULLRESYNC: " + RdbTransferReceiver.printable(reply));
            }
            host.log("Full resync from master: " + parts[1] + ":" + offset);
            receiveAndInstall(in, out, s, parts[1], offset);
        } else if (reply.startsWith("+CONTINUE")) {
            String newId = reply.length() > 10 ? reply.substring(10).trim() : null;
            if (newId != null && newId.length() != 40) {
                newId = null;
            }
            host.log("Successful partial resynchronization with master.");
            host.continueSync(newId);
        } else if (reply.startsWith("-NOMASTERLINK") || reply.startsWith("-LOADING")) {
            throw new IOException("Master is currently unable to PSYNC but should be in the future: " + RdbTransferReceiver.printable(reply));
        } else {
            throw new IOException("Unexpected reply to PSYNC from master: " + RdbTransferReceiver.printable(reply));
        }

        state = ReplicaLinkState.CONNECTED;
        readOffset = host.appliedOffset();
        host.linkUp();
        host.log("MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization or finished the full sync; streaming.");
        sendAck(out);
        stream(in, out, s, timeoutMs);
        return true;
    }

    private void receiveAndInstall(InputStream in, OutputStream out, Socket s, String replid, long offset) throws IOException {
        state = ReplicaLinkState.TRANSFER;
        transferRead = 0;
        transferTotal = -1;
        String header = RdbTransferReceiver.readHeader(in);
        if (header.startsWith("$") && !header.startsWith("$EOF:")) {
            long len;
            try {
                len = Long.parseLong(header.substring(1));
            } catch (NumberFormatException e) {
                throw new IOException("bad bulk payload length in '" + RdbTransferReceiver.printable(header) + "'");
            }
            transferTotal = len;
            BoundedInput payload = new BoundedInput(in, len);
            host.log("MASTER <-> REPLICA sync: receiving " + len + " bytes from master, loading while receiving");
            host.installFullSync(payload, replid, offset, new KeepAlive(out));
            if (payload.remaining() != 0) {
                throw new IOException("RDB payload ended " + payload.remaining() + " bytes before its announced length");
            }
            host.log("MASTER <-> REPLICA sync: Finished with success");
            return;
        }
        if (header.startsWith("$EOF:")) {
            receiveStreamed(header, in, out, replid, offset);
            return;
        }
        Path tmp = host.workDir().resolve("temp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".rdb");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                long size = RdbTransferReceiver.receive(header, in, file, (total, expected) -> {
                    transferRead = total;
                    transferTotal = expected;
                    lastIoMillis = System.currentTimeMillis();
                });
                host.log("MASTER <-> REPLICA sync: received " + size + " bytes of payload");
            }
            Runnable keepAlive = new KeepAlive(out);
            host.log("MASTER <-> REPLICA sync: Loading DB in memory");
            host.installFullSync(tmp, replid, offset, keepAlive);
            host.log("MASTER <-> REPLICA sync: Finished with success");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The diskless form: parsed as it arrives, then the EOF mark checked. */
    private void receiveStreamed(String header, InputStream in, OutputStream out, String replid, long offset) throws IOException {
        RdbTransferReceiver.EofMarkedInput payload = RdbTransferReceiver.eofMarked(header, in, (total, expected) -> {
            transferRead = total;
            lastIoMillis = System.currentTimeMillis();
        });
        host.log("MASTER <-> REPLICA sync: receiving streamed RDB from master, loading while receiving");
        host.installFullSync(payload, replid, offset, new KeepAlive(out));
        payload.finish();
        host.log("MASTER <-> REPLICA sync: Finished with success");
    }

    /** Exactly {@code len} bytes of the underlying stream; counts progress for INFO. */
    private final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long len) {
            this.in = in;
            this.left = len;
        }

        long remaining() {
            return left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("master closed the connection after " + (transferTotal - left) + " of "
                        + transferTotal + " payload bytes");
            }
            left -= n;
            transferRead = transferTotal - left;
            lastIoMillis = System.currentTimeMillis();
            return n;
        }
    }

    /** Sends a newline to the master at most once a second while we load, so it does not time us out. */
    private final class KeepAlive implements Runnable {
        private final OutputStream out;
        private long last;

        KeepAlive(OutputStream out) {
            this.out = out;
        }

        @Override
        public void run() {
            long now = System.currentTimeMillis();
            if (now - last >= 1000) {
                last = now;
                try {
                    out.write('\n');
                    out.flush();
                } catch (IOException ignored) {
                    // the link failure will show up on the next read
                }
            }
        }
    }

    private void stream(InputStream in, OutputStream out, Socket s, int timeoutMs) throws IOException {
        s.setSoTimeout(100);
        byte[] buf = new byte[1 << 16];
        int have = 0;
        long lastAck = System.currentTimeMillis();
        List<StreamCommandParser.Command> batch = new ArrayList<>();
        while (!stopped) {
            int n;
            try {
                n = in.read(buf, have, buf.length - have);
            } catch (SocketTimeoutException e) {
                n = 0;
            }
            long now = System.currentTimeMillis();
            if (n < 0) {
                throw new IOException("Connection with master lost.");
            }
            if (n > 0) {
                lastIoMillis = now;
                have += n;
                batch.clear();
                int used;
                try {
                    used = StreamCommandParser.parse(buf, 0, have, batch);
                } catch (IllegalStateException e) {
                    throw new IOException("Protocol error from master: " + e.getMessage());
                }
                if (used > 0) {
                    readOffset += used;
                    applyBatch(batch, buf, used, out);
                    System.arraycopy(buf, used, buf, 0, have - used);
                    have -= used;
                }
                if (have == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
            }
            if (now - lastIoMillis > timeoutMs) {
                throw new IOException("MASTER timeout: no data nor PING received...");
            }
            if (now - lastAck >= 1000) {
                sendAck(out);
                lastAck = now;
            }
        }
    }

    /** Applies a batch; answers each REPLCONF GETACK with the offset applied before it. */
    private void applyBatch(List<StreamCommandParser.Command> batch, byte[] buf, int len, OutputStream out) throws IOException {
        int start = 0;
        int pos = 0;
        int from = 0;
        for (int i = 0; i < batch.size(); i++) {
            StreamCommandParser.Command c = batch.get(i);
            if (isGetAck(c.argv())) {
                if (i > from) {
                    host.applyStream(batch.subList(from, i), buf, start, pos - start);
                    start = pos;
                }
                sendAck(out);
                from = i;
            }
            pos += c.length();
        }
        host.applyStream(batch.subList(from, batch.size()), buf, start, len - start);
        if (from > 0 || (!batch.isEmpty() && isGetAck(batch.get(0).argv()))) {
            // The answer to GETACK excludes the GETACK itself (as Redis); a second ACK with the
            // whole batch applied tells a master waiting for an exact offset (FAILOVER) at once.
            sendAck(out);
        }
    }

    private static boolean isGetAck(byte[][] argv) {
        return argv.length >= 2 && equalsIgnoreCase(argv[0], "replconf") && equalsIgnoreCase(argv[1], "getack");
    }

    static boolean equalsIgnoreCase(byte[] a, String b) {
        if (a.length != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Character.toLowerCase((char) a[i]) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void sendAck(OutputStream out) throws IOException {
        send(out, "REPLCONF", "ACK", Long.toString(host.appliedOffset()));
    }

    private static void send(OutputStream out, String... args) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append('*').append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
