package io.rediha.node.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Whether a data node's directory holds a data set. "Empty" means no persistence file at all:
 * a fresh or lost volume. That is the dangerous case at start, because a master started from it
 * hands its replicas an empty set. A node that persisted an empty data set (after FLUSHALL)
 * deliberately is not treated as empty.
 */
final class DataDirectory {
    private final Path dir;

    DataDirectory(Path dir) {
        this.dir = dir;
    }

    boolean hasData() {
        if (isNonEmptyFile(dir.resolve("dump.rdb"))) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".aof") && isNonEmptyFile(p))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
        // Redis 7 keeps a multi-part AOF (base + incremental files and a manifest) in appenddirname.
        try (Stream<Path> dirs = Files.list(dir)) {
            return dirs.filter(Files::isDirectory).anyMatch(DataDirectory::holdsAofParts);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean holdsAofParts(Path d) {
        try (Stream<Path> parts = Files.list(d)) {
            return parts.anyMatch(p -> p.getFileName().toString().contains(".aof") && isNonEmptyFile(p));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isNonEmptyFile(Path p) {
        try {
            return Files.isRegularFile(p) && Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
