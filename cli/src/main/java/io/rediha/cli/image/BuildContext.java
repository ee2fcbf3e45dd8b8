package io.rediha.cli.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A Docker build context, written as a tar file. Every entry carries its mode explicitly (a
 * {@code FROM scratch} image gets exactly these: {@code /tmp} must be 1777, scripts 0755), and
 * symbolic links on the host are followed, so a library ldd names through a link arrives as a
 * regular file at the path the loader looks for. Parent directories are added as needed.
 * Entries are written in path order with a fixed timestamp, so the same inputs give the same tar
 * (and Docker's layer cache hits).
 */
final class BuildContext {
    private static final long FIXED_MTIME_MILLIS = 946_684_800_000L; // 2000-01-01, any constant will do

    private sealed interface Source permits FileSource, BytesSource, DirSource {
    }

    private record FileSource(Path file) implements Source {
    }

    private record BytesSource(byte[] bytes) implements Source {
    }

    private record DirSource() implements Source {
    }

    private record Entry(Source source, int mode) {
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Adds a host file (links followed) at {@code path} inside the context. */
    BuildContext file(String path, Path source, int mode) {
        if (!Files.isRegularFile(source)) {
            throw new ImageBuildException("missing file for the image: " + source);
        }
        put(path, new Entry(new FileSource(source), mode));
        return this;
    }

    /** Adds a host file keeping its executable bit (0755 or 0644). */
    BuildContext file(String path, Path source) {
        return file(path, source, Files.isExecutable(source) ? 0755 : 0644);
    }

    BuildContext text(String path, String content, int mode) {
        put(path, new Entry(new BytesSource(content.getBytes(StandardCharsets.UTF_8)), mode));
        return this;
    }

    BuildContext directory(String path, int mode) {
        entries.put(trim(path), new Entry(new DirSource(), mode));
        return this;
    }

    /** Adds every file under a host directory below {@code path}, keeping executable bits. */
    BuildContext tree(String path, Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
                String rel = dir.relativize(p).toString();
                String target = rel.isEmpty() ? path : path + "/" + rel;
                if (Files.isDirectory(p)) {
                    directory(target, 0755);
                } else {
                    file(target, p);
                }
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return this;
    }

    private void put(String path, Entry e) {
        String p = trim(path);
        entries.put(p, e);
        for (int i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
            entries.putIfAbsent(p.substring(0, i), new Entry(new DirSource(), 0755));
        }
    }

    private static String trim(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Writes the tar to {@code out} and returns the number of payload bytes. */
    long writeTo(OutputStream out) throws IOException {
        long payload = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(out, 1 << 16))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry entry = e.getValue();
                boolean dir = entry.source() instanceof DirSource;
                TarArchiveEntry te = new TarArchiveEntry(e.getKey() + (dir ? "/" : ""));
                te.setMode((dir ? TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 : TarArchiveEntry.DEFAULT_FILE_MODE & ~07777) | entry.mode());
                te.setModTime(FIXED_MTIME_MILLIS);
                te.setUserId(0);
                te.setGroupId(0);
                if (entry.source() instanceof FileSource f) {
                    te.setSize(Files.size(f.file()));
                    tar.putArchiveEntry(te);
                    try (InputStream in = Files.newInputStream(f.file())) {
                        payload += in.transferTo(tar);
                    }
                } else if (entry.source() instanceof BytesSource b) {
                    te.setSize(b.bytes().length);
                    tar.putArchiveEntry(te);
                    tar.write(b.bytes());
                    payload += b.bytes().length;
                } else {
                    tar.putArchiveEntry(te);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return payload;
    }
}
