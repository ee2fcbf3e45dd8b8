package io.rediha.node.persistence.aof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Appends the propagated write commands to the current incremental AOF file.
 *
 * <p>Durability contract, by {@code appendfsync}:
 * <ul>
 *   <li>{@code always}: {@link #flush()} writes and fsyncs; the server calls it after a batch of
 *       commands and before their replies leave, so an acknowledged write is on disk.</li>
 *   <li>{@code everysec}: {@link #flush()} writes to the OS; a background thread fsyncs once a
 *       second, so a crash of the machine loses about one second.</li>
 *   <li>{@code no}: {@link #flush()} writes to the OS; the OS decides when it reaches the disk.</li>
 * </ul>
 * Appends and flushes run on the command thread; only the everysec fsync runs elsewhere.
 */
public final class AofWriter implements AutoCloseable {
    public enum Fsync {
        ALWAYS, EVERYSEC, NO;

        public static Fsync parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "always" -> ALWAYS;
                case "everysec" -> EVERYSEC;
                case "no" -> NO;
                default -> throw new IllegalArgumentException("argument must be 'always', 'everysec' or 'no'");
            };
        }
    }

    private final Consumer<String> log;
    private volatile Fsync fsync;
    private FileChannel channel;
    private Path file;
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private long incrBytes;
    private volatile long lastFsyncMillis = System.currentTimeMillis();
    private volatile IOException lastWriteError;
    private final ScheduledExecutorService fsyncThread;
    private volatile boolean fsyncDirty;

    public AofWriter(Path incrFile, Fsync fsync, Consumer<String> log) throws IOException {
        this.log = log;
        this.fsync = fsync;
        open(incrFile);
        this.fsyncThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aof-fsync");
            t.setDaemon(true);
            return t;
        });
        fsyncThread.scheduleAtFixedRate(this::everySecond, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    private void open(Path incrFile) throws IOException {
        this.file = incrFile;
        this.channel = FileChannel.open(incrFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.incrBytes = channel.size();
    }

    public Path file() {
        return file;
    }

    public void setFsync(Fsync f) {
        this.fsync = f;
    }

    public Fsync fsyncPolicy() {
        return fsync;
    }

    /** Size of the current incremental file including what is buffered. */
    public long incrBytes() {
        return incrBytes + pending.position();
    }

    /** The last write or fsync error, or null; INFO reports it as aof_last_write_status. */
    public IOException lastWriteError() {
        return lastWriteError;
    }

    /** Buffers one already-encoded command (or several). */
    public void append(byte[] resp) {
        append(resp, 0, resp.length);
    }

    public void append(byte[] resp, int off, int len) {
        if (pending.remaining() < len) {
            int cap = pending.capacity();
            while (cap - pending.position() < len) {
                cap *= 2;
            }
            ByteBuffer bigger = ByteBuffer.allocate(cap);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(resp, off, len);
    }

    /** Bytes buffered and not yet written (INFO aof_buffer_length). */
    public int pendingBytes() {
        return pending.position();
    }

    /** Whether anything is buffered (the server may skip the flush call otherwise). */
    public boolean hasPending() {
        return pending.position() > 0;
    }

    /**
     * Writes what is buffered; with appendfsync always also fsyncs. Throws if the write fails; the
     * file is then cut back to its last whole write and the buffer kept, so a later call retries
     * the same bytes (a full disk that frees up loses nothing).
     */
    public void flush() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        try {
            int n = pending.remaining();
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
            incrBytes += n;
            if (fsync == Fsync.ALWAYS) {
                channel.force(false);
                lastFsyncMillis = System.currentTimeMillis();
            } else {
                fsyncDirty = true;
            }
            lastWriteError = null;
            pending.clear();
            if (pending.capacity() > (1 << 22)) {
                pending = ByteBuffer.allocate(1 << 16);
            }
        } catch (IOException e) {
            lastWriteError = e;
            int end = pending.limit();
            pending.limit(pending.capacity());
            pending.position(end);
            try {
                channel.truncate(incrBytes);
            } catch (IOException ignored) {
                // the loader cuts a torn tail anyway (aof-load-truncated)
            }
            throw e;
        }
    }

    private void everySecond() {
        if (fsync != Fsync.EVERYSEC || !fsyncDirty) {
            return;
        }
        try {
            FileChannel ch = channel;
            fsyncDirty = false;
            ch.force(false);
            lastFsyncMillis = System.currentTimeMillis();
        } catch (java.nio.channels.ClosedChannelException e) {
            // switched to a new incr file; that one is synced on its own schedule
        } catch (IOException e) {
            lastWriteError = e;
            log.accept("Error syncing the AOF file " + file + ": " + e.getMessage());
        }
    }

    /** Starts a new incremental file (at rewrite start): the old one is flushed, synced and closed. */
    public void switchTo(Path newIncr) throws IOException {
        flush();
        FileChannel old = channel;
        old.force(true);
        open(newIncr);
        old.close();
    }

    /** Writes what is buffered and syncs the file, whatever appendfsync says (before exiting). */
    public void flushAndSync() throws IOException {
        flush();
        try {
            channel.force(true);
        } catch (IOException e) {
            lastWriteError = e;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        fsyncThread.shutdownNow();
        try {
            flush();
            channel.force(true);
        } finally {
            channel.close();
        }
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
