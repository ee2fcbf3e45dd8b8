package io.rediha.node.persistence;

import io.rediha.node.persistence.rdb.RdbReader;
import io.rediha.node.persistence.rdb.RdbValue;
import io.rediha.node.persistence.rdb.RdbVisitor;
import io.rediha.node.persistence.rdb.RdbWriter;
import io.rediha.node.store.Database;
import io.rediha.node.store.Keyspace;
import io.rediha.node.store.RedisValue;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between the store and the RDB codec: a point-in-time image of the keyspace as RDB bytes, and an
 * RDB loaded into a keyspace. Without a fork, a consistent image is taken on the command thread:
 * either serialized at once ({@link #toRdb}), or captured cheaply as an {@link Image} and
 * serialized on another thread (a full sync streams it to the replica while it is written).
 */
public final class Snapshots {
    private Snapshots() {
    }

    /** Serializes every database to RDB; {@code aux} adds fields such as repl-id. Command thread only. */
    public static byte[] toRdb(Keyspace ks, Map<String, String> aux, boolean compress) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try {
            write(ks, aux, compress, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static void write(Keyspace ks, Map<String, String> aux, boolean compress, OutputStream out) throws IOException {
        RdbWriter w = new RdbWriter(out, compress);
        writeHeader(w, ks.meter().bytes(), aux);
        IOException[] failure = new IOException[1];
        for (int i = 0; i < ks.databases(); i++) {
            Database db = ks.db(i);
            if (db.size() == 0) {
                continue;
            }
            w.writeSelectDb(i);
            w.writeResizeDb(db.size(), db.expiresCount());
            db.forEach((key, value, expireAt) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    w.writeEntry(key, StoreValues.toRdb(value), expireAt);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        w.writeEnd();
    }

    private static void writeHeader(RdbWriter w, long usedMem, Map<String, String> aux) throws IOException {
        w.writeHeader();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("redis-ver", "7.0.15");
        fields.put("redis-bits", "64");
        fields.put("ctime", Long.toString(System.currentTimeMillis() / 1000));
        fields.put("used-mem", Long.toString(usedMem));
        fields.putAll(aux);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            w.writeAux(e.getKey(), e.getValue());
        }
    }

    /**
     * Takes an {@link Image} of every database. Command thread only; costs one walk of the
     * keyspace. {@code compress}: LZF for long strings, as in files; a full sync leaves it off.
     * The caller must {@link Image#release} it on the command thread once it is written.
     */
    public static Image capture(Keyspace ks, boolean compress) {
        List<Image.Db> dbs = new ArrayList<>();
        for (int i = 0; i < ks.databases(); i++) {
            Database db = ks.db(i);
            db.shareStrings();
            if (db.size() > 0) {
                dbs.add(Image.Db.of(i, db, compress));
            }
        }
        return new Image(ks, dbs, ks.meter().bytes(), compress);
    }

    /**
     * A point-in-time copy of the keyspace that can be written as RDB on another thread while
     * the command thread goes on changing the keyspace; what a fork gives Redis. Keys and strings
     * are shared: the store never changes a key in place, and a string only through
     * {@link Database#writableString}, which copies it first while an image shares it (bit
     * commands; everything else stores a new array). Aggregates, which every write changes in
     * place, are encoded when the image is taken.
     */
    public static final class Image {
        private final Keyspace keyspace;
        private final List<Db> dbs;
        private final long usedMem;
        private final boolean compress;
        private boolean released;

        private Image(Keyspace keyspace, List<Db> dbs, long usedMem, boolean compress) {
            this.keyspace = keyspace;
            this.dbs = dbs;
            this.usedMem = usedMem;
            this.compress = compress;
        }

        /**
         * The image is written (or abandoned): the keyspace may change its strings in place
         * again. Command thread only; once.
         */
        public void release() {
            if (released) {
                return;
            }
            released = true;
            for (int i = 0; i < keyspace.databases(); i++) {
                keyspace.db(i).unshareStrings();
            }
        }

        /** Writes the image as an RDB file; any thread, once. */
        public void write(Map<String, String> aux, OutputStream out) throws IOException {
            RdbWriter w = new RdbWriter(out, compress);
            writeHeader(w, usedMem, aux);
            for (Db db : dbs) {
                db.write(w);
            }
            w.writeEnd();
        }

        /** The keys of one database, with their values (the shared string or the encoded aggregate) and expiries. */
        private record Db(int id, byte[][] keys, Object[] values, long[] expires, int count, int volatileCount) {
            static Db of(int id, Database db, boolean compress) {
                byte[][] keys = new byte[db.size()][];
                Object[] values = new Object[keys.length];
                long[] expires = db.expiresCount() > 0 ? new long[keys.length] : null;
                int[] n = new int[2];
                db.forEach((key, value, expireAt) -> {
                    int i = n[0]++;
                    keys[i] = key;
                    values[i] = value instanceof byte[] ? value : new Encoded(RdbWriter.encodeValue(StoreValues.toRdb(value), compress));
                    if (expireAt >= 0) {
                        expires[i] = expireAt;
                        n[1]++;
                    } else if (expires != null) {
                        expires[i] = -1;
                    }
                });
                return new Db(id, keys, values, expires, n[0], n[1]);
            }

            void write(RdbWriter w) throws IOException {
                if (count == 0) {
                    return;
                }
                w.writeSelectDb(id);
                w.writeResizeDb(count, volatileCount);
                for (int i = 0; i < count; i++) {
                    long at = expires == null ? -1 : expires[i];
                    if (values[i] instanceof byte[] s) {
                        w.writeStringEntry(keys[i], s, at);
                    } else {
                        w.writeEncodedEntry(keys[i], ((Encoded) values[i]).bytes(), at);
                    }
                }
            }
        }

        /** An aggregate value in RDB form (type byte and body). */
        private record Encoded(byte[] bytes) {
        }
    }

    /** Result of loading a file. */
    public record Loaded(long keys, long expiredSkipped, Map<String, String> aux) {
    }

    /**
     * Loads an RDB into {@code ks} (which should be empty or fresh). Keys already expired are
     * skipped when {@code dropExpired} (a master loading its own file), kept otherwise (a replica:
     * its master will send the DELs).
     */
    public static Loaded load(Path file, Keyspace ks, boolean dropExpired) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return load(in, ks, dropExpired);
        }
    }

    public static Loaded load(InputStream in, Keyspace ks, boolean dropExpired) throws IOException {
        Map<String, String> aux = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        long[] counts = new long[2];
        try {
            read(in, ks, dropExpired, aux, counts, now);
        } finally {
            for (int i = 0; i < ks.databases(); i++) {
                ks.db(i).finishLoad();
            }
        }
        return new Loaded(counts[0], counts[1], aux);
    }

    private static void read(InputStream in, Keyspace ks, boolean dropExpired, Map<String, String> aux, long[] counts, long now)
            throws IOException {
        RdbReader.read(in, new RdbVisitor() {
            @Override
            public void aux(String key, byte[] value) {
                aux.put(key, new String(value, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void entry(int db, byte[] key, RdbValue value, long expireAtMs) throws IOException {
                if (db >= ks.databases()) {
                    throw new IOException("RDB has a key in DB " + db + " but the server has only " + ks.databases()
                            + " databases (databases directive)");
                }
                if (dropExpired && expireAtMs >= 0 && expireAtMs < now) {
                    counts[1]++;
                    return;
                }
                ks.db(db).addLoaded(key, StoreValues.fromRdb(value), expireAtMs);
                counts[0]++;
            }
        });
    }

    /**
     * Makes the contents of {@code from} (loaded off the command thread) the contents of
     * {@code to}, whose old keys are dropped; {@code from} is left empty. The tables are moved,
     * not rebuilt. Command thread only for {@code to}.
     */
    public static void replaceContents(Keyspace to, Keyspace from) {
        for (int i = 0; i < to.databases(); i++) {
            if (i < from.databases()) {
                to.db(i).takeContents(from.db(i));
            } else {
                to.db(i).clear();
            }
        }
    }

    static boolean isAggregate(Object v) {
        return v instanceof RedisValue;
    }
}
