package io.rediha.node.persistence.aof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class AofLoaderTest {
    @TempDir
    Path dir;

    private static final String SET_A = "*3\r\n$3\r\nset\r\n$1\r\na\r\n$1\r\n1\r\n";
    private static final String SET_B = "*3\r\n$3\r\nset\r\n$1\r\nb\r\n$1\r\n2\r\n";

    @Test
    void truncatedTailIsCutAtTheLastWholeCommandAndReported() throws Exception {
        Path aofDir = Files.createDirectories(dir.resolve("appendonlydir"));
        writeManifest(aofDir, "file appendonly.aof.1.incr.aof seq 1 type i\n");
        String partial = "*3\r\n$3\r\nset\r\n$1\r\nc\r\n$5\r\nhel";
        Files.writeString(aofDir.resolve("appendonly.aof.1.incr.aof"), SET_A + SET_B + partial);
        List<String> seen = new ArrayList<>();
        AofLoader.Report r = AofLoader.load(dir, "appendonlydir", "appendonly.aof", true,
                (db, k, v, e) -> { }, (argv, end) -> seen.add(new String(argv[1], StandardCharsets.US_ASCII)));
        assertEquals(List.of("a", "b"), seen);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("dropped " + partial.length() + " bytes")), r.warnings().toString());
        assertEquals(SET_A.length() + SET_B.length(), Files.size(aofDir.resolve("appendonly.aof.1.incr.aof")));
    }

    @Test
    void truncatedTailRefusesToLoadWhenAofLoadTruncatedIsOff() throws Exception {
        Path aofDir = Files.createDirectories(dir.resolve("appendonlydir"));
        writeManifest(aofDir, "file appendonly.aof.1.incr.aof seq 1 type i\n");
        Files.writeString(aofDir.resolve("appendonly.aof.1.incr.aof"), SET_A + "*3\r\n$3\r\nse");
        AofLoadException e = assertThrows(AofLoadException.class, () -> AofLoader.load(dir, "appendonlydir",
                "appendonly.aof", false, (db, k, v, x) -> { }, (argv, end) -> { }));
        assertTrue(e.getMessage().contains("aof-load-truncated"), e.getMessage());
    }

    @Test
    void corruptionInTheMiddleRefusesToLoadNamingFileAndOffset() throws Exception {
        Path aofDir = Files.createDirectories(dir.resolve("appendonlydir"));
        writeManifest(aofDir, "file appendonly.aof.1.incr.aof seq 1 type i\n");
        Files.writeString(aofDir.resolve("appendonly.aof.1.incr.aof"), SET_A + "*3\r\nX3\r\nset\r\n" + SET_B);
        AofLoadException e = assertThrows(AofLoadException.class, () -> AofLoader.load(dir, "appendonlydir",
                "appendonly.aof", true, (db, k, v, x) -> { }, (argv, end) -> { }));
        assertTrue(e.getMessage().contains("appendonly.aof.1.incr.aof at offset " + (SET_A.length() + 4)), e.getMessage());
    }

    @Test
    void transactionWithoutExecAtTheEndIsDroppedWhole() throws Exception {
        Path aofDir = Files.createDirectories(dir.resolve("appendonlydir"));
        writeManifest(aofDir, "file appendonly.aof.1.incr.aof seq 1 type i\n");
        String multi = "*1\r\n$5\r\nMULTI\r\n";
        Files.writeString(aofDir.resolve("appendonly.aof.1.incr.aof"), SET_A + multi + SET_B);
        List<String> seen = new ArrayList<>();
        AofLoader.load(dir, "appendonlydir", "appendonly.aof", true, (db, k, v, x) -> { },
                (argv, end) -> seen.add(new String(argv[0], StandardCharsets.US_ASCII)));
        assertEquals(List.of("set"), seen);
        assertEquals(SET_A.length(), Files.size(aofDir.resolve("appendonly.aof.1.incr.aof")));
    }

    @Test
    void multiPartAofWrittenByRealRedisLoads() throws Exception {
        assumeTrue(RealRedis.available());
        try (RealRedis redis = RealRedis.start(dir, "--appendonly", "yes", "--appendfsync", "always");
             Jedis j = redis.client()) {
            for (int i = 0; i < 50; i++) {
                j.set("k" + i, "v" + i);
            }
            j.bgrewriteaof();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!j.info("persistence").contains("aof_rewrite_in_progress:0") || j.info("persistence").contains("aof_rewrite_scheduled:1")) {
                assertTrue(System.nanoTime() < deadline, "rewrite did not finish");
                Thread.sleep(20);
            }
            for (int i = 0; i < 10; i++) {
                j.incr("counter");
            }
            j.select(3);
            j.rpush("list", "x", "y");
        }
        List<String> keysFromBase = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        AofLoader.Report r = AofLoader.load(dir, "appendonlydir", "appendonly.aof", true,
                (db, k, v, e) -> keysFromBase.add(new String(k, StandardCharsets.US_ASCII)),
                (argv, end) -> commands.add(new String(argv[0], StandardCharsets.US_ASCII).toLowerCase()));
        assertEquals(AofLoader.Source.MANIFEST, r.source());
        assertEquals(50, keysFromBase.size());
        assertEquals(10, commands.stream().filter("incr"::equals).count());
        assertTrue(commands.contains("rpush") && commands.contains("select"), commands.toString());
    }

    @Test
    void checkAofReportsLikeRedisCheckAofAndFixesTheTail() throws Exception {
        Path f = dir.resolve("t.aof");
        String select = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";
        Files.writeString(f, select + "*3\r\n$3\r\nset\r\n$1\r\na\r\n$1\r\nb\r\n" + "*3\r\n$3\r\nset\r\n$1\r\nc\r\n$2\r\nd");
        Path copy = dir.resolve("copy.aof");
        Files.copy(f, copy);
        String ours = runCheck(f.toString());
        assertTrue(ours.contains("AOF analyzed: filename=t.aof, size=75, ok_up_to=50, ok_up_to_line=13, diff=25"), ours);
        assertTrue(ours.contains("is not valid. Use the --fix option"), ours);
        // the same numbers as Debian's redis-check-aof on the same bytes
        if (Files.isExecutable(Path.of("/usr/bin/redis-check-aof"))) {
            Process p = new ProcessBuilder("redis-check-aof", copy.toString()).redirectErrorStream(true).start();
            String theirs = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            // (redis-check-aof counts "lines" its own way; the byte offsets are what matter)
            assertTrue(theirs.contains("size=75, ok_up_to=50,") && theirs.contains("diff=25"), theirs);
        }
        String fixed = runCheck("--fix", f.toString());
        assertTrue(fixed.contains("Successfully truncated AOF t.aof"), fixed);
        assertEquals(50, Files.size(f));
        assertTrue(runCheck(f.toString()).contains("AOF t.aof is valid"));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertEquals(0, io.rediha.node.persistence.CheckAofAccess.run(new PrintStream(sink), f.toString()));
    }

    private static String runCheck(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        io.rediha.node.persistence.CheckAofAccess.run(new PrintStream(out), args);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeManifest(Path aofDir, String text) throws Exception {
        Files.writeString(aofDir.resolve("appendonly.aof.manifest"), text);
    }

    @SuppressWarnings("unused")
    private static String show(byte[][] argv) {
        return Arrays.toString(Arrays.stream(argv).map(a -> new String(a, StandardCharsets.US_ASCII)).toArray());
    }
}
