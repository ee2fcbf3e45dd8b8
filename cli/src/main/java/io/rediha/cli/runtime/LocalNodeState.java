package io.rediha.cli.runtime;

import io.rediha.cli.compose.NodeRole;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * One local node's record, {@code .rediha/<project>/<node>/node.properties}: what it is, how to
 * start it again (port, password, sentinel settings), and which process runs it (pid and start
 * time). Written atomically with mode 0600, because it holds the password.
 */
final class LocalNodeState {
    static final String FILE = "node.properties";

    final Path dir;
    final Properties props;

    private LocalNodeState(Path dir, Properties props) {
        this.dir = dir;
        this.props = props;
    }

    static LocalNodeState fresh(Path dir) {
        return new LocalNodeState(dir, new Properties());
    }

    static Optional<LocalNodeState> load(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new LocalNodeState(dir, p));
    }

    void save() {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(tmp)) {
                props.store(w, "rediha local node; holds the password, keep private");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    String get(String key) {
        return props.getProperty(key);
    }

    String get(String key, String fallback) {
        return props.getProperty(key, fallback);
    }

    void set(String key, Object value) {
        if (value == null) {
            props.remove(key);
        } else {
            props.setProperty(key, String.valueOf(value));
        }
    }

    long getLong(String key, long fallback) {
        try {
            return Long.parseLong(props.getProperty(key, ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    String name() {
        return dir.getFileName().toString();
    }

    String service() {
        return get("service", "?");
    }

    int number() {
        return (int) getLong("number", 0);
    }

    int port() {
        return (int) getLong("port", -1);
    }

    NodeRole role() {
        return NodeRole.fromArgument(get("role", "slave")).orElse(NodeRole.REPLICA);
    }

    long pid() {
        return getLong("pid", -1);
    }

    long startedAt() {
        return getLong("startedAt", 0);
    }

    Path logFile() {
        return dir.resolve("node.log");
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Optional<ProcessHandle> process() {
        return LocalProcesses.find(pid(), startedAt());
    }
}
