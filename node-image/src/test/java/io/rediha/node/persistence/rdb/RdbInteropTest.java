package io.rediha.node.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** Our RDB files against Debian's redis-server 7.0 and redis-check-rdb, both directions. */
class RdbInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsRealRedis() {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
    }

    @Test
    void fileWeWritePassesRedisCheckRdbAndLoadsInRealRedis() throws Exception {
        SampleDataset data = SampleDataset.build(1000);
        Path rdb = dir.resolve("ours.rdb");
        writeRdb(data, rdb);

        Process check = new ProcessBuilder("redis-check-rdb", rdb.toString()).redirectErrorStream(true).start();
        String checkOut = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), checkOut);
        assertTrue(checkOut.contains("RDB looks OK"), checkOut);

        try (RealRedis redis = RealRedis.start(dir, "--dbfilename", "ours.rdb");
             Jedis j = redis.client()) {
            assertEquals(data.canonical(), SampleDataset.readFrom(j, 0, 1));
            long ttl = j.pttl("exp:string");
            assertTrue(ttl > 3_500_000 && ttl <= 3_600_000, "ttl " + ttl);
            j.select(1);
            assertTrue(j.pttl("exp:other") > 3_500_000);
        }
    }

    @Test
    void fileRealRedisWritesLoadsInOurReader() throws Exception {
        SampleDataset data = SampleDataset.build(1000);
        try (RealRedis redis = RealRedis.start(dir, "--dbfilename", "theirs.rdb");
             Jedis j = redis.client()) {
            data.writeTo(j);
            assertEquals("OK", j.save());
        }
        Map<String, Object> read = new TreeMap<>();
        Map<String, Long> expiries = new HashMap<>();
        Map<String, String> aux = new HashMap<>();
        RdbReader.Result result;
        try (InputStream in = Files.newInputStream(dir.resolve("theirs.rdb"))) {
            result = RdbReader.read(in, new RdbVisitor() {
                @Override
                public void aux(String key, byte[] value) {
                    aux.put(key, new String(value, StandardCharsets.US_ASCII));
                }

                @Override
                public void entry(int db, byte[] key, RdbValue value, long expireAtMs) {
                    String k = db + ":" + SampleDataset.iso(key);
                    read.put(k, SampleDataset.canonical(value));
                    if (expireAtMs >= 0) {
                        expiries.put(k, expireAtMs);
                    }
                }
            });
        }
        assertEquals(10, result.version());
        assertTrue(result.checksumVerified());
        assertEquals("7.0.15", aux.get("redis-ver"));
        assertEquals(data.canonical(), read);
        assertEquals(data.expiries, expiries);
    }

    @Test
    void ourWriterOutputReadsBackIdentically() throws Exception {
        SampleDataset data = SampleDataset.build(300);
        Path rdb = dir.resolve("roundtrip.rdb");
        writeRdb(data, rdb);
        Map<String, Object> read = new TreeMap<>();
        try (InputStream in = Files.newInputStream(rdb)) {
            RdbReader.read(in, (db, key, value, exp) -> read.put(db + ":" + SampleDataset.iso(key), SampleDataset.canonical(value)));
        }
        assertEquals(data.canonical(), read);
    }

    @Test
    void flippedByteIsCaughtByTheChecksum() throws Exception {
        SampleDataset data = SampleDataset.build(50);
        Path rdb = dir.resolve("flip.rdb");
        writeRdb(data, rdb);
        byte[] bytes = Files.readAllBytes(rdb);
        // flip a byte inside the random binary string, where no structure check can notice it
        int at = indexOf(bytes, "s:binary".getBytes(StandardCharsets.US_ASCII)) + 20;
        bytes[at] ^= 0x55;
        RdbFormatException e = assertThrows(RdbFormatException.class,
                () -> RdbReader.read(new ByteArrayInputStream(bytes), (db, key, value, exp) -> { }));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void truncatedFileIsAnErrorNotAShortDataset() throws Exception {
        SampleDataset data = SampleDataset.build(50);
        Path rdb = dir.resolve("cut.rdb");
        writeRdb(data, rdb);
        byte[] bytes = Files.readAllBytes(rdb);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThrows(java.io.IOException.class,
                () -> RdbReader.read(new ByteArrayInputStream(cut), (db, key, value, exp) -> { }));
    }

    static void writeRdb(SampleDataset data, Path file) throws Exception {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            RdbWriter w = new RdbWriter(os);
            w.writeHeader();
            w.writeAux("redis-ver", "7.0.15");
            w.writeAux("redis-bits", 64);
            w.writeAux("ctime", System.currentTimeMillis() / 1000);
            w.writeAux("used-mem", 1_000_000);
            w.writeAux("aof-base", 0);
            for (Map.Entry<Integer, Map<String, RdbValue>> db : data.dbs.entrySet()) {
                w.writeSelectDb(db.getKey());
                long expires = data.expiries.keySet().stream().filter(k -> k.startsWith(db.getKey() + ":")).count();
                w.writeResizeDb(db.getValue().size(), expires);
                for (Map.Entry<String, RdbValue> e : db.getValue().entrySet()) {
                    Long exp = data.expiries.get(db.getKey() + ":" + e.getKey());
                    w.writeEntry(e.getKey().getBytes(StandardCharsets.ISO_8859_1), e.getValue(), exp == null ? -1 : exp);
                }
            }
            w.writeEnd();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
