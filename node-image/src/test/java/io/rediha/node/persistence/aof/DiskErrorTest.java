package io.rediha.node.persistence.aof;

import static io.rediha.node.persistence.aof.AofRuntimeSwitchTest.persistence;
import static io.rediha.node.replication.ReplicationTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.replication.InProcessNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A disk that fills up for real: the data directory is a small tmpfs that a filler file takes to
 * the last byte. Writes then get Redis's MISCONF errors and INFO says so, reads go on, and once
 * space is freed the node writes again without losing what it had acknowledged. Mounting needs
 * root (CAP_SYS_ADMIN); elsewhere the test is skipped, saying why.
 */
public class DiskErrorTest {
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createTempDirectory("rediha-full-disk");
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        mounted = p.waitFor() == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root): " + out.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
        Files.deleteIfExists(mount);
    }

    private Path fillDisk() throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // the disk is full to the last block
        }
        return filler;
    }

    @Test
    void fullDiskRefusesWritesWithMisconfUntilSpaceIsFreedAndLosesNothing() throws Exception {
        Path data = Files.createDirectories(mount.resolve("data"));
        String big = "x".repeat(256 * 1024);
        try (InProcessNode n = InProcessNode.start(data, "--appendonly", "yes", "--appendfsync", "everysec");
             Jedis j = n.client()) {
            j.set("before", "1");
            Path filler = fillDisk();
            j.set("big", big); // acknowledged; its AOF write fails and stays buffered
            JedisDataException refused = assertThrows(JedisDataException.class, () -> j.set("k", "v"));
            assertEquals("MISCONF Errors writing to the AOF file: No space left on device", refused.getMessage());
            assertThrows(JedisDataException.class, j::ping, "PING is refused too, as in Redis");
            assertEquals("1", j.get("before"), "reads go on");
            assertEquals("err", persistence(j, "aof_last_write_status"));

            Files.delete(filler);
            await(() -> "ok".equals(persistence(j, "aof_last_write_status")), 5000, "the retried write succeeds");
            assertEquals("OK", j.set("after", "1"), "writes accepted again");
        }
        try (InProcessNode n = InProcessNode.start(data, "--appendonly", "yes"); Jedis j = n.client()) {
            assertEquals(big, j.get("big"), "the write acknowledged while the disk was full survived a restart");
            assertEquals("1", j.get("after"));
        }
    }

    @Test
    void failedBgsaveStopsWritesWhileStopWritesOnBgsaveErrorIsSet() throws Exception {
        Path data = Files.createDirectories(mount.resolve("data"));
        try (InProcessNode n = InProcessNode.start(data, "--save", "3600 1"); Jedis j = n.client()) {
            j.set("big", "y".repeat(512 * 1024));
            Path filler = fillDisk();
            j.bgsave();
            await(() -> "err".equals(persistence(j, "rdb_last_bgsave_status")), 5000, "bgsave fails");
            JedisDataException refused = assertThrows(JedisDataException.class, () -> j.set("k", "v"));
            assertTrue(refused.getMessage().startsWith("MISCONF Redis is configured to save RDB snapshots, but it's currently"
                    + " unable to persist to disk."), refused.getMessage());
            j.configSet("stop-writes-on-bgsave-error", "no");
            assertEquals("OK", j.set("k", "v"), "writes accepted when the operator says so");
            j.configSet("stop-writes-on-bgsave-error", "yes");
            Files.delete(filler);
            j.bgsave();
            await(() -> "ok".equals(persistence(j, "rdb_last_bgsave_status")), 5000, "bgsave succeeds");
            assertEquals("OK", j.set("k2", "v"));
        }
    }
}
