package io.rediha.node.persistence;

import io.rediha.node.persistence.aof.AofLoader;
import io.rediha.node.persistence.aof.AofManifest;
import io.rediha.node.persistence.aof.AofWriter;
import io.rediha.node.persistence.rdb.RdbValue;
import io.rediha.node.persistence.rdb.RdbVisitor;
import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import io.rediha.node.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The append-only file in the server, Redis 7 multi-part style: load it at start, append every
 * propagated write to the current incremental file, write it out before replies leave (and fsync
 * with {@code appendfsync always}), and rewrite it (BGREWRITEAOF, auto-aof-rewrite-*) without
 * losing writes: a new incremental file is opened at the instant the image is taken, so writes
 * made during the rewrite land there and stay listed in the manifest next to the new base.
 */
final class AofPersistence {
    private final RedisServer server;
    private Path aofDir;
    private String prefix;
    private AofManifest manifest;
    private AofWriter writer;
    private int selectedDb = -1;
    private long baseSize;
    private long sizeAtLastRewrite;
    private final AtomicBoolean rewriting = new AtomicBoolean();
    private volatile String lastRewriteStatus = "ok";
    private volatile long lastRewriteSeconds = -1;
    private volatile long rewriteStartMillis;
    private long rewrites;
    private boolean writeFailing;
    /** Turned off by CONFIG SET appendonly no: the hooks this instance registered do nothing more. */
    private volatile boolean closed;
    private int consecutiveRewriteFailures;
    private long lastRetryMillis;

    AofPersistence(RedisServer server) {
        this.server = server;
    }

    /** Loads whatever AOF exists into the keyspace (server not started yet) and opens it for appending. */
    void loadAndOpen() throws IOException {
        Path dir = dirOf(server);
        String dirName = server.config().getString("appenddirname");
        prefix = server.config().getString("appendfilename");
        aofDir = dir.resolve(dirName);
        Client fake = server.createPseudoClient();
        long t0 = System.nanoTime();
        AofLoader.Report report = AofLoader.load(dir, dirName, prefix, server.config().getBool("aof-load-truncated"),
                baseVisitor(), (argv, end) -> server.dispatcher().execute(fake, argv));
        for (String w : report.warnings()) {
            server.log().warning(w);
        }
        if (report.source() != AofLoader.Source.NONE) {
            server.log().notice("DB loaded from append only file: "
                    + String.format("%.3f", (System.nanoTime() - t0) / 1e9) + " seconds (" + report.baseKeys()
                    + " keys from the base, " + report.commands() + " commands replayed)");
        }
        Files.createDirectories(aofDir);
        switch (report.source()) {
            case MANIFEST -> manifest = AofManifest.read(aofDir, prefix);
            case LEGACY_FILE -> {
                manifest = new AofManifest(prefix);
                AofManifest upgraded = manifest.afterRewrite(false, null);
                Files.move(dir.resolve(prefix), aofDir.resolve(upgraded.base().name()), StandardCopyOption.ATOMIC_MOVE);
                manifest = upgraded.withoutHistory();
            }
            case NONE -> {
                // start with a base holding the current (empty) dataset, as Redis does
                AofManifest next = new AofManifest(prefix).afterRewrite(true, null);
                PersistenceExtension.writeAtomically(aofDir.resolve(next.base().name()),
                        Snapshots.toRdb(server.keyspace(), Map.of("aof-base", "1"), true));
                manifest = next.withoutHistory();
            }
        }
        if (manifest.incrs().isEmpty()) {
            manifest.addNextIncr();
        }
        manifest.writeAtomically(aofDir);
        AofManifest.Entry last = manifest.incrs().get(manifest.incrs().size() - 1);
        openWriter(aofDir.resolve(last.name()));
        baseSize = manifest.base() == null ? 0 : sizeOf(aofDir.resolve(manifest.base().name()));
        sizeAtLastRewrite = currentSize();
    }

    /**
     * CONFIG SET appendonly yes on a running server: the AOF must describe the dataset as it is
     * now, so, as in Redis, a rewrite starts at once. Writes from this instant go to a fresh
     * incremental file; the manifest naming the new base and that file is written only when the
     * base is complete, so an interrupted start never leaves a manifest pointing at a partial base.
     * Files of an earlier AOF in the directory become history and are deleted then.
     */
    void enableAtRuntime() throws IOException {
        Path dir = dirOf(server);
        prefix = server.config().getString("appendfilename");
        aofDir = dir.resolve(server.config().getString("appenddirname"));
        Files.createDirectories(aofDir);
        manifest = Files.exists(aofDir.resolve(AofManifest.manifestName(prefix)))
                ? AofManifest.read(aofDir, prefix) : new AofManifest(prefix);
        AofManifest.Entry incr = manifest.addNextIncr();
        openWriter(aofDir.resolve(incr.name()));
        rewriting.set(true);
        rewriteStartMillis = System.currentTimeMillis();
        byte[] image = Snapshots.toRdb(server.keyspace(), Map.of("aof-base", "1"), true);
        AofManifest next = manifest.afterRewrite(true, incr);
        server.log().notice("Background append only file rewriting started");
        Thread t = new Thread(() -> finishRewrite(image, aofDir.resolve(next.base().name()), next), "aof-rewrite");
        t.setDaemon(true);
        t.start();
    }

    /** CONFIG SET appendonly no: what is buffered reaches the disk, then this instance goes quiet for good. */
    void disable() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
    }

    private void openWriter(Path incr) throws IOException {
        writer = new AofWriter(incr, AofWriter.Fsync.parse(server.config().getString("appendfsync")), server.log()::warning);
        server.config().onChange("appendfsync", d -> writer.setFsync(AofWriter.Fsync.parse(d.value())));
        server.propagation().addListener((db, argv) -> {
            if (!closed) {
                append(db, argv);
            }
        });
        server.addBeforeFlushHook(() -> {
            if (!closed) {
                flush();
            }
        });
        server.addCronHook(() -> {
            if (!closed) {
                maybeAutoRewrite();
                retryFailedWrite();
            }
        });
        // Sync before the final RDB save; close only once the exit is decided, since a failed save
        // (without FORCE) leaves the server running and still appending.
        server.addShutdownHook((save, nosave) -> {
            if (!closed) {
                writer.flushAndSync();
            }
        });
        server.shutdownSequence().addExitHook(() -> {
            try {
                disable();
            } catch (IOException e) {
                server.log().warning("Error closing the AOF file: " + e.getMessage());
            }
        });
    }

    private RdbVisitor baseVisitor() {
        long now = System.currentTimeMillis();
        return (db, key, value, expireAt) -> {
            if (expireAt >= 0 && expireAt < now) {
                return;
            }
            Database d = server.keyspace().db(db);
            d.addWithExpire(key, StoreValues.fromRdb(value), expireAt);
        };
    }

    static Path dirOf(RedisServer s) {
        String dir = s.config().getString("dir");
        return dir == null || dir.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(dir);
    }

    private void append(int db, byte[][] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (db != selectedDb) {
            encode(out, "SELECT".getBytes(StandardCharsets.US_ASCII), Integer.toString(db).getBytes(StandardCharsets.US_ASCII));
            selectedDb = db;
        }
        encode(out, argv);
        writer.append(out.toByteArray());
    }

    static void encode(ByteArrayOutputStream out, byte[]... argv) {
        out.writeBytes(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes(new byte[] {'\r', '\n'});
        }
    }

    /**
     * Before replies leave: write (and with always, fsync). A failed write with appendfsync always
     * ends the process, as in Redis: the replies about to leave would claim writes that are not on
     * disk. Otherwise the bytes stay buffered and are retried every second, while writes are
     * refused with MISCONF ({@link #writeError()}).
     */
    private void flush() {
        if (!writer.hasPending()) {
            return;
        }
        try {
            writer.flush();
            if (writeFailing) {
                writeFailing = false;
                server.log().warning("AOF write error looks solved, Redis can write again.");
            }
        } catch (IOException e) {
            if (writer.fsyncPolicy() == AofWriter.Fsync.ALWAYS) {
                server.log().warning("Can't recover from AOF write error when the AOF fsync policy is 'always'. Exiting...");
                Runtime.getRuntime().halt(1);
            }
            if (!writeFailing) {
                writeFailing = true;
                server.log().warning("Error writing to the AOF file: " + e.getMessage());
            }
        }
    }

    /** The last AOF write or fsync error still unresolved, or null: writes get MISCONF while it lasts. */
    IOException writeError() {
        return writeFailing ? writer.lastWriteError() : null;
    }

    /** Once a second: retry a failed write even when no new write arrives (they are refused meanwhile). */
    private void retryFailedWrite() {
        long now = System.currentTimeMillis();
        if (writeFailing && now - lastRetryMillis >= 1000) {
            lastRetryMillis = now;
            flush();
        }
    }

    long currentSize() {
        return baseSize + writer.incrBytes();
    }

    // ------------------------------------------------------------------ rewrite

    /** Starts a rewrite; false if one is running. Command thread. */
    boolean startRewrite() throws IOException {
        if (!rewriting.compareAndSet(false, true)) {
            return false;
        }
        rewriteStartMillis = System.currentTimeMillis();
        try {
            flush();
            AofManifest.Entry newIncr = manifest.addNextIncr();
            manifest.writeAtomically(aofDir);
            writer.switchTo(aofDir.resolve(newIncr.name()));
            selectedDb = -1;
            byte[] image = Snapshots.toRdb(server.keyspace(), Map.of("aof-base", "1"), true);
            AofManifest next = manifest.afterRewrite(true, newIncr);
            Path base = aofDir.resolve(next.base().name());
            server.log().notice("Background append only file rewriting started");
            Thread t = new Thread(() -> finishRewrite(image, base, next), "aof-rewrite");
            t.setDaemon(true);
            t.start();
            return true;
        } catch (IOException | RuntimeException e) {
            rewriting.set(false);
            lastRewriteStatus = "err";
            throw e;
        }
    }

    private void finishRewrite(byte[] image, Path base, AofManifest next) {
        try {
            PersistenceExtension.writeAtomically(base, image);
            server.executor().execute(() -> {
                try {
                    next.writeAtomically(aofDir);
                    for (AofManifest.Entry h : next.history()) {
                        Files.deleteIfExists(aofDir.resolve(h.name()));
                    }
                    manifest = next.withoutHistory();
                    manifest.writeAtomically(aofDir);
                    baseSize = image.length;
                    sizeAtLastRewrite = currentSize();
                    lastRewriteStatus = "ok";
                    consecutiveRewriteFailures = 0;
                    rewrites++;
                    server.log().notice("Background AOF rewrite finished successfully");
                } catch (IOException e) {
                    lastRewriteStatus = "err";
                    consecutiveRewriteFailures++;
                    server.log().warning("Background AOF rewrite failed: " + e.getMessage());
                } finally {
                    lastRewriteSeconds = (System.currentTimeMillis() - rewriteStartMillis + 999) / 1000;
                    rewriting.set(false);
                }
            });
        } catch (IOException e) {
            lastRewriteStatus = "err";
            server.executor().execute(() -> consecutiveRewriteFailures++);
            server.log().warning("Background AOF rewrite failed writing the base: " + e.getMessage());
            lastRewriteSeconds = (System.currentTimeMillis() - rewriteStartMillis + 999) / 1000;
            rewriting.set(false);
        }
    }

    private void maybeAutoRewrite() {
        int pct = server.config().getInt("auto-aof-rewrite-percentage");
        long min = server.config().getLong("auto-aof-rewrite-min-size");
        long size = currentSize();
        if (pct <= 0 || rewriting.get() || size < min) {
            return;
        }
        long base = Math.max(1, sizeAtLastRewrite);
        long growth = (size - base) * 100 / base;
        if (growth >= pct) {
            server.log().notice("Starting automatic rewriting of AOF on " + growth + "% growth");
            try {
                startRewrite();
            } catch (IOException e) {
                server.log().warning("Can't start the AOF rewrite: " + e.getMessage());
            }
        }
    }

    void info(StringBuilder out) {
        out.append("aof_rewrite_in_progress:").append(rewriting.get() ? 1 : 0).append("\r\n");
        out.append("aof_rewrite_scheduled:0\r\n");
        out.append("aof_last_rewrite_time_sec:").append(lastRewriteSeconds).append("\r\n");
        out.append("aof_current_rewrite_time_sec:")
                .append(rewriting.get() ? (System.currentTimeMillis() - rewriteStartMillis) / 1000 : -1).append("\r\n");
        out.append("aof_last_bgrewrite_status:").append(lastRewriteStatus).append("\r\n");
        out.append("aof_rewrites:").append(rewrites).append("\r\n");
        out.append("aof_rewrites_consecutive_failures:").append(consecutiveRewriteFailures).append("\r\n");
        out.append("aof_last_write_status:").append(writeFailing || writer.lastWriteError() != null ? "err" : "ok").append("\r\n");
        out.append("aof_last_cow_size:0\r\n");
        out.append("module_fork_in_progress:0\r\n");
        out.append("module_fork_last_cow_size:0\r\n");
        out.append("aof_current_size:").append(currentSize()).append("\r\n");
        out.append("aof_base_size:").append(baseSize).append("\r\n");
        out.append("aof_pending_rewrite:0\r\n");
        out.append("aof_buffer_length:").append(writer.pendingBytes()).append("\r\n");
        out.append("aof_pending_bio_fsync:0\r\n");
        out.append("aof_delayed_fsync:0\r\n");
    }

    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @SuppressWarnings("unused")
    private static RdbValue unused() {
        return null;
    }
}
