package io.rediha.node.persistence;

import io.rediha.node.command.Args;
import io.rediha.node.command.CommandException;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.DebugCommand;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import io.rediha.node.server.ServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RDB persistence in the server: load {@code dir/dbfilename} at start, SAVE, BGSAVE, LASTSAVE,
 * {@code save} points, a save on shutdown when save points are set, and the INFO persistence
 * section. BGSAVE takes the image on the command thread (consistent, no fork in Java) and writes
 * and fsyncs the file on a background thread, replacing the old file atomically by rename.
 */
public final class PersistenceExtension implements ServerExtension {
    private RedisServer server;
    private volatile long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private volatile long dirtyAtLastSave;
    private final AtomicBoolean bgsaveInProgress = new AtomicBoolean();
    private volatile String lastBgsaveStatus = "ok";
    private volatile long lastBgsaveSeconds = -1;
    private volatile long bgsaveStartMillis;
    private volatile boolean loading;
    private long changesSinceSave;
    private volatile long rdbSaves;
    private volatile long lastLoadKeysLoaded;
    private volatile long lastLoadKeysExpired;
    private AofPersistence aof;
    private static final java.util.Map<RedisServer, PersistenceExtension> BY_SERVER =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The whole dataset was replaced without going through commands (a replica's full sync): the
     * AOF no longer describes it, so it is rewritten from the new dataset, as Redis does.
     * Command thread.
     */
    public static void afterDatasetReplaced(RedisServer s) {
        PersistenceExtension p = BY_SERVER.get(s);
        if (p != null && p.aof != null) {
            try {
                if (!p.aof.startRewrite()) {
                    s.log().warning("AOF rewrite after full sync deferred: a rewrite is already running");
                }
            } catch (IOException e) {
                s.log().warning("Can't rewrite the AOF after full sync: " + e.getMessage());
            }
        }
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void registerCommands(CommandTable table, ConfigRegistry config) {
        table.register(CommandSpec.builder("save", 1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT, CommandFlag.NO_MULTI)
                .group("server").summary("Synchronously saves the database(s) to disk.").handler(this::save).build());
        table.register(CommandSpec.builder("bgsave", -1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT)
                .group("server").summary("Asynchronously saves the database(s) to disk.").handler(this::bgsave).build());
        table.register(CommandSpec.builder("lastsave", 1).flags(CommandFlag.LOADING, CommandFlag.STALE, CommandFlag.FAST)
                .group("server").summary("Returns the Unix timestamp of the last successful save to disk.")
                .handler((c, a) -> c.addInteger(lastSaveSeconds)).build());
        DumpRestoreCommands.registerInto(table);
        DebugCommand.addSubcommand("reload", this::debugReload);
        table.register(CommandSpec.builder("bgrewriteaof", 1).flags(CommandFlag.ADMIN, CommandFlag.NOSCRIPT)
                .group("server").summary("Asynchronously rewrites the append-only file to disk.")
                .handler(this::bgrewriteaof).build());
    }

    private void bgrewriteaof(Client c, byte[][] a) {
        if (aof == null) {
            c.addError("ERR Background append only file rewriting is only possible with appendonly yes in this server");
            return;
        }
        try {
            if (!aof.startRewrite()) {
                c.addError("ERR Background append only file rewriting already in progress");
                return;
            }
            c.addSimple("Background append only file rewriting started");
        } catch (IOException e) {
            c.addError("ERR Can't start the AOF rewrite: " + e.getMessage());
        }
    }

    @Override
    public void beforeStart(RedisServer s) throws Exception {
        this.server = s;
        BY_SERVER.put(s, this);
        Path rdb = rdbPath();
        if (Files.exists(rdb) && !s.config().getBool("appendonly")) {
            loading = true;
            long t0 = System.nanoTime();
            try {
                Snapshots.Loaded l = Snapshots.load(rdb, s.keyspace(), true);
                lastLoadKeysLoaded = l.keys();
                lastLoadKeysExpired = l.expiredSkipped();
                s.log().notice("DB loaded from disk: " + String.format("%.3f", (System.nanoTime() - t0) / 1e9)
                        + " seconds (" + l.keys() + " keys" + (l.expiredSkipped() > 0 ? ", " + l.expiredSkipped()
                        + " expired keys skipped" : "") + ")");
            } catch (IOException e) {
                throw new IOException("Fatal error loading the DB from " + rdb + ": " + e.getMessage()
                        + ". Exiting.", e);
            } finally {
                loading = false;
            }
        }
        if (s.config().getBool("appendonly")) {
            loading = true;
            try {
                aof = new AofPersistence(s);
                aof.loadAndOpen();
            } finally {
                loading = false;
            }
        }
        s.config().onChange("appendonly", d -> switchAof(d.number() != 0));
        s.info().register("Persistence", true, this::info);
        s.addCommandGuard(this::refuseWritesOnDiskError);
        s.addCronHook(this::checkSavePoints);
        s.addShutdownHook((save, nosave) -> {
            boolean hasSavePoints = !s.config().getString("save").isBlank();
            if (!nosave && (save || hasSavePoints)) {
                s.log().notice("Saving the final RDB snapshot before exiting.");
                saveNow();
                s.log().notice("DB saved on disk");
            }
        });
    }

    /** CONFIG SET appendonly: turning it on starts a rewrite that creates the base, as Redis. Command thread. */
    private void switchAof(boolean on) {
        try {
            if (on && aof == null) {
                AofPersistence fresh = new AofPersistence(server);
                fresh.enableAtRuntime();
                aof = fresh;
            } else if (!on && aof != null) {
                AofPersistence old = aof;
                aof = null;
                old.disable();
                server.log().notice("Background append only file rewriting stopped: AOF turned off");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Unable to turn on AOF. Check server logs. (" + e.getMessage() + ")", e);
        }
    }

    static final String BGSAVE_ERROR = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to"
            + " persist to disk. Commands that may modify the data set are disabled, because this instance is configured"
            + " to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please"
            + " check the Redis logs for details about the RDB error.";

    /**
     * MISCONF: a master that cannot persist refuses writes (and PING, so monitoring notices) until
     * the disk recovers, as Redis does; a replica keeps applying its master's stream.
     */
    private String refuseWritesOnDiskError(Client c, io.rediha.node.command.CommandSpec cmd, byte[][] argv) {
        if (c.isMaster() || !(cmd.has(CommandFlag.WRITE) || cmd.name().equals("ping")) || !server.role().equals("master")) {
            return null;
        }
        if (aof != null) {
            IOException e = aof.writeError();
            if (e != null) {
                return "MISCONF Errors writing to the AOF file: " + e.getMessage();
            }
        }
        if ("err".equals(lastBgsaveStatus) && server.config().getBool("stop-writes-on-bgsave-error")
                && !server.config().getString("save").isBlank()) {
            return BGSAVE_ERROR;
        }
        return null;
    }

    Path rdbPath() {
        String dir = server.config().getString("dir");
        Path base = dir == null || dir.isEmpty() ? Path.of("") : Path.of(dir);
        return base.resolve(server.config().getString("dbfilename"));
    }

    /**
     * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save the RDB file, empty the dataset and load the
     * file back, as Redis does; test suites use it to check that every type survives a restart.
     * Keys already present are replaced by the file's (MERGE is the only mode we have).
     */
    private void debugReload(Client c, byte[][] a) {
        boolean flush = true;
        boolean save = true;
        for (int i = 2; i < a.length; i++) {
            switch (Args.lower(a[i])) {
                case "merge" -> { }
                case "noflush" -> flush = false;
                case "nosave" -> save = false;
                default -> throw new CommandException("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
            }
        }
        try {
            if (save) {
                saveNow();
            }
            if (flush) {
                server.keyspace().flushAll();
            }
            Snapshots.load(rdbPath(), server.keyspace(), false);
        } catch (IOException e) {
            server.log().warning("DEBUG RELOAD failed: " + e.getMessage());
            c.addError("ERR Error trying to load the RDB dump, check server logs.");
            return;
        }
        server.log().notice("DB reloaded by DEBUG RELOAD");
        c.addOk();
    }

    private void save(Client c, byte[][] a) {
        if (bgsaveInProgress.get()) {
            c.addError("ERR Background save already in progress");
            return;
        }
        try {
            saveNow();
            c.addOk();
        } catch (IOException e) {
            server.log().warning("Error saving DB on disk: " + e.getMessage());
            c.addError("ERR " + e.getMessage());
        }
    }

    /** Image and write on the calling (command) thread. */
    void saveNow() throws IOException {
        long dirty = server.dirty;
        byte[] image = Snapshots.toRdb(server.keyspace(), Map.of("aof-base", "0"),
                server.config().getBool("rdbcompression"));
        writeAtomically(rdbPath(), image);
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        dirtyAtLastSave = dirty;
        lastBgsaveStatus = "ok";
        rdbSaves++;
    }

    private void bgsave(Client c, byte[][] a) {
        if (a.length > 2 || (a.length == 2 && !io.rediha.node.command.Args.is(a[1], "schedule"))) {
            c.addError("ERR syntax error");
            return;
        }
        if (!startBgsave()) {
            c.addError("ERR Background save already in progress");
            return;
        }
        c.addSimple("Background saving started");
    }

    /** Takes the image now (command thread) and writes it on a background thread. */
    boolean startBgsave() {
        if (!bgsaveInProgress.compareAndSet(false, true)) {
            return false;
        }
        bgsaveStartMillis = System.currentTimeMillis();
        long dirty = server.dirty;
        byte[] image = Snapshots.toRdb(server.keyspace(), Map.of("aof-base", "0"),
                server.config().getBool("rdbcompression"));
        Path target = rdbPath();
        server.log().notice("Background saving started");
        Thread t = new Thread(() -> {
            try {
                writeAtomically(target, image);
                lastSaveSeconds = System.currentTimeMillis() / 1000;
                dirtyAtLastSave = dirty;
                lastBgsaveStatus = "ok";
                rdbSaves++;
                server.log().notice("Background saving terminated with success");
            } catch (IOException e) {
                lastBgsaveStatus = "err";
                server.log().warning("Background saving error: " + e.getMessage());
            } finally {
                lastBgsaveSeconds = (System.currentTimeMillis() - bgsaveStartMillis + 999) / 1000;
                bgsaveInProgress.set(false);
            }
        }, "bgsave");
        t.setDaemon(true);
        t.start();
        return true;
    }

    static void writeAtomically(Path target, byte[] image) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + ".rdb");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            out.write(image);
            out.flush();
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the rename is atomic anyway
        }
    }

    /** The {@code save <seconds> <changes>} points, checked at hz. */
    private void checkSavePoints() {
        if (bgsaveInProgress.get()) {
            return;
        }
        String points = server.config().getString("save").trim();
        if (points.isEmpty()) {
            return;
        }
        long changes = server.dirty - dirtyAtLastSave;
        changesSinceSave = changes;
        long elapsed = System.currentTimeMillis() / 1000 - lastSaveSeconds;
        String[] w = points.split("\\s+");
        for (int i = 0; i + 1 < w.length; i += 2) {
            long secs = Long.parseLong(w[i]);
            long min = Long.parseLong(w[i + 1]);
            if (changes >= min && elapsed >= secs) {
                server.log().notice(min + " changes in " + secs + " seconds. Saving...");
                startBgsave();
                return;
            }
        }
    }

    private void info(StringBuilder out) {
        out.append("loading:").append(loading ? 1 : 0).append("\r\n");
        out.append("async_loading:0\r\n");
        out.append("current_cow_peak:0\r\n");
        out.append("current_cow_size:0\r\n");
        out.append("current_cow_size_age:0\r\n");
        out.append("current_fork_perc:0.00\r\n");
        out.append("current_save_keys_processed:0\r\n");
        out.append("current_save_keys_total:0\r\n");
        out.append("rdb_changes_since_last_save:").append(Math.max(0, server.dirty - dirtyAtLastSave)).append("\r\n");
        out.append("rdb_bgsave_in_progress:").append(bgsaveInProgress.get() ? 1 : 0).append("\r\n");
        out.append("rdb_last_save_time:").append(lastSaveSeconds).append("\r\n");
        out.append("rdb_last_bgsave_status:").append(lastBgsaveStatus).append("\r\n");
        out.append("rdb_last_bgsave_time_sec:").append(lastBgsaveSeconds).append("\r\n");
        out.append("rdb_current_bgsave_time_sec:")
                .append(bgsaveInProgress.get() ? (System.currentTimeMillis() - bgsaveStartMillis) / 1000 : -1).append("\r\n");
        out.append("rdb_saves:").append(rdbSaves).append("\r\n");
        out.append("rdb_last_cow_size:0\r\n");
        out.append("rdb_last_load_keys_expired:").append(lastLoadKeysExpired).append("\r\n");
        out.append("rdb_last_load_keys_loaded:").append(lastLoadKeysLoaded).append("\r\n");
        AofPersistence a = aof;
        out.append("aof_enabled:").append(a != null ? 1 : 0).append("\r\n");
        if (a != null) {
            a.info(out);
            return;
        }
        out.append("aof_rewrite_in_progress:0\r\n");
        out.append("aof_rewrite_scheduled:0\r\n");
        out.append("aof_last_rewrite_time_sec:-1\r\n");
        out.append("aof_current_rewrite_time_sec:-1\r\n");
        out.append("aof_last_bgrewrite_status:ok\r\n");
        out.append("aof_rewrites:0\r\n");
        out.append("aof_rewrites_consecutive_failures:0\r\n");
        out.append("aof_last_write_status:ok\r\n");
        out.append("aof_last_cow_size:0\r\n");
        out.append("module_fork_in_progress:0\r\n");
        out.append("module_fork_last_cow_size:0\r\n");
    }
}
