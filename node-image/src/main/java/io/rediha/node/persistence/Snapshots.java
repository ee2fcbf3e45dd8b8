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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Between the store and the RDB codec: a point-in-time image of the keyspace as RDB bytes, and an
 * RDB loaded into a keyspace. The image is taken on the command thread, so it is consistent
 * without a fork; its cost is a pause proportional to the dataset (measured in bench/replication).
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
        w.writeHeader();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("redis-ver", "7.0.15");
        fields.put("redis-bits", "64");
        fields.put("ctime", Long.toString(System.currentTimeMillis() / 1000));
        fields.put("used-mem", Long.toString(ks.meter().bytes()));
        fields.putAll(aux);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            w.writeAux(e.getKey(), e.getValue());
        }
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
        RdbReader.read(in, new RdbVisitor() {
            private int db;

            @Override
            public void selectDb(int db) {
                this.db = db;
            }

            @Override
            public void resizeDb(long size, long expiresSize) {
                if (db < ks.databases()) {
                    ks.db(db).reserve(size, expiresSize);
                }
            }

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
        return new Loaded(counts[0], counts[1], aux);
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
