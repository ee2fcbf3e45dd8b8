package io.rediha.node.replication;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.rediha.node.persistence.Snapshots;
import io.rediha.node.server.RedisServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The RDB payloads a master sends for full resyncs. A replica that announced {@code capa eof}
 * gets the diskless form: an {@link Snapshots.Image} is captured on the command thread (one walk
 * of the keyspace, no serialization), then a transfer thread serializes it straight into the
 * replica's socket between {@code $EOF:<mark>} and the mark, so serializing, sending and the
 * replica's loading overlap, and the command thread is blocked only for the capture. Other
 * replicas, and all with {@code repl-diskless-sync no}, get the whole payload with its length,
 * serialized on the command thread. (The transfer starts at once: {@code repl-diskless-sync-delay}
 * is not applied here.)
 *
 * <p>The transfer is paced by the socket: at most {@link #CHUNKS_IN_FLIGHT} chunks wait in the
 * channel, so a slow replica holds back the serializer, not the heap.
 */
final class FullSyncSnapshots implements ReplicationState.SnapshotSource {
    static final int CHUNK = 1 << 20;
    static final int CHUNKS_IN_FLIGHT = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisServer server;

    FullSyncSnapshots(RedisServer server) {
        this.server = server;
    }

    private static Map<String, String> aux(String replid, long offset) {
        Map<String, String> aux = new LinkedHashMap<>();
        aux.put("repl-stream-db", "0");
        aux.put("repl-id", replid);
        aux.put("repl-offset", Long.toString(offset));
        aux.put("aof-base", "0");
        return aux;
    }

    @Override
    public byte[] rdbPayload(String replid, long offset) {
        return Snapshots.toRdb(server.keyspace(), aux(replid, offset), false);
    }

    @Override
    public boolean canStream(ReplicaPeer peer) {
        return peer.capaEof && peer.channel().socket() != null && server.config().getBool("repl-diskless-sync");
    }

    @Override
    public void streamPayload(ReplicaPeer peer, String replid, long offset) {
        Channel ch = peer.channel().socket();
        long t0 = System.nanoTime();
        Snapshots.Image image = Snapshots.capture(server.keyspace(), false);
        long captureMs = (System.nanoTime() - t0) / 1_000_000;
        byte[] mark = newMark();
        peer.channel().write(("$EOF:" + new String(mark, StandardCharsets.US_ASCII) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Map<String, String> aux = aux(replid, offset);
        long timeoutMillis = server.config().getInt("repl-timeout") * 1000L;
        String name = peer.ip() + ":" + peer.listeningPort();
        Thread t = new Thread(() -> transfer(image, aux, mark, ch, timeoutMillis, name, captureMs), "rdb-transfer-" + name);
        t.setDaemon(true);
        // started after this round's replies (+FULLRESYNC, the header) are flushed, so they come first
        server.executor().execute(t::start);
    }

    private void transfer(Snapshots.Image image, Map<String, String> aux, byte[] mark, Channel ch, long timeoutMillis,
            String name, long captureMs) {
        long t0 = System.nanoTime();
        ChannelOutput out = new ChannelOutput(ch, timeoutMillis);
        try {
            image.write(aux, out);
            out.write(mark);
            out.close();
            server.log().notice("Streamed the RDB to replica " + name + ": " + out.total + " bytes in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms (" + captureMs + " ms on the command thread)");
        } catch (IOException e) {
            server.log().warning("Diskless transfer to replica " + name + " stopped: " + e.getMessage());
            ch.close();
        } finally {
            try {
                server.executor().execute(image::release);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the server is stopping; nothing will change a string any more
            }
        }
    }

    private static byte[] newMark() {
        byte[] mark = new byte[RdbTransferReceiver.EOF_MARK_LENGTH];
        String hex = "0123456789abcdef";
        for (int i = 0; i < mark.length; i++) {
            mark[i] = (byte) hex.charAt(RANDOM.nextInt(16));
        }
        return mark;
    }

    /**
     * Bytes to the channel in chunks, with at most {@link #CHUNKS_IN_FLIGHT} not yet written to the
     * socket; a replica that takes nothing for {@code repl-timeout} is dropped, so a stalled one
     * cannot hold the image (and this thread) forever.
     */
    private static final class ChannelOutput extends OutputStream {
        private final Channel ch;
        private final long timeoutMillis;
        private final Semaphore inFlight = new Semaphore(CHUNKS_IN_FLIGHT);
        private byte[] buf = new byte[CHUNK];
        private int pos;
        private long total;
        private volatile boolean failed;

        ChannelOutput(Channel ch, long timeoutMillis) {
            this.ch = ch;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buf.length - pos);
                System.arraycopy(b, off, buf, pos, n);
                pos += n;
                off += n;
                len -= n;
                if (pos == buf.length) {
                    send();
                }
            }
        }

        private void send() throws IOException {
            acquire(1);
            byte[] chunk = buf;
            int len = pos;
            total += len;
            buf = new byte[CHUNK];
            pos = 0;
            ch.writeAndFlush(Unpooled.wrappedBuffer(chunk, 0, len)).addListener(f -> {
                if (!f.isSuccess()) {
                    failed = true;
                }
                inFlight.release();
            });
        }

        private void acquire(int permits) throws IOException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            try {
                while (!inFlight.tryAcquire(permits, 1, TimeUnit.SECONDS)) {
                    if (!ch.isActive()) {
                        throw new IOException("replica connection closed");
                    }
                    if (System.currentTimeMillis() > deadline) {
                        throw new IOException("replica took nothing for " + timeoutMillis / 1000 + " s (repl-timeout)");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (failed) {
                throw new IOException("write to replica failed");
            }
        }

        /** Sends the rest and waits until every byte reached the socket. */
        @Override
        public void close() throws IOException {
            if (pos > 0) {
                send();
            }
            acquire(CHUNKS_IN_FLIGHT);
            inFlight.release(CHUNKS_IN_FLIGHT);
        }
    }
}
