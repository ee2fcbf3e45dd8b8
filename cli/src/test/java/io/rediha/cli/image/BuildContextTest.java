package io.rediha.cli.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
    @TempDir
    Path dir;

    private static Map<String, TarArchiveEntry> entries(byte[] tar, Map<String, String> contents) throws Exception {
        Map<String, TarArchiveEntry> all = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                all.put(e.getName(), e);
                if (e.isFile()) {
                    contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return all;
    }

    private static byte[] tar(BuildContext ctx) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ctx.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void modesAreExactParentsAreAddedAndLinksArriveAsFiles() throws Exception {
        Path lib = Files.writeString(dir.resolve("libx.so.1.2"), "elf");
        Path link = Files.createSymbolicLink(dir.resolve("libx.so.1"), lib.getFileName());
        BuildContext ctx = new BuildContext()
                .directory("rootfs/tmp", 01777)
                .file("rootfs/lib/x86_64-linux-gnu/libx.so.1", link, 0755)
                .text("rootfs/opt/rediha/jvm.options", "-Xms8m\n", 0644);

        Map<String, String> contents = new HashMap<>();
        Map<String, TarArchiveEntry> e = entries(tar(ctx), contents);

        assertTrue(e.get("rootfs/tmp/").isDirectory());
        assertEquals(01777, e.get("rootfs/tmp/").getMode() & 07777, "sticky, world-writable /tmp");
        TarArchiveEntry libEntry = e.get("rootfs/lib/x86_64-linux-gnu/libx.so.1");
        assertTrue(libEntry.isFile(), "a host link arrives as a regular file");
        assertEquals("elf", contents.get("rootfs/lib/x86_64-linux-gnu/libx.so.1"));
        assertEquals(0755, libEntry.getMode() & 07777);
        assertNotNull(e.get("rootfs/lib/x86_64-linux-gnu/"), "parent directories are added");
        assertEquals("-Xms8m\n", contents.get("rootfs/opt/rediha/jvm.options"));
    }

    @Test
    void sameInputsGiveTheSameTarSoDockerCachesHit() throws Exception {
        Path f = Files.writeString(dir.resolve("a"), "x");
        byte[] first = tar(new BuildContext().file("a", f).directory("d", 0755));
        byte[] second = tar(new BuildContext().directory("d", 0755).file("a", f));
        assertArrayEquals(first, second);
    }
}
