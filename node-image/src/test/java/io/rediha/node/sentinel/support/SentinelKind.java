package io.rediha.node.sentinel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which Sentinel implementation a test process runs: ours, or Debian's redis-sentinel. */
public enum SentinelKind {
    REDIHA {
        @Override
        List<String> command(Path conf) {
            return new ArrayList<>(List.of(DataNode.javaBin(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "io.rediha.node.Main", "sentinel", conf.toString()));
        }
    },
    REDIS {
        @Override
        List<String> command(Path conf) {
            return new ArrayList<>(List.of("redis-sentinel", conf.toString()));
        }
    };

    abstract List<String> command(Path conf);

    /**
     * Starts a sentinel again from the config file an earlier {@link #start} wrote (and the
     * sentinel rewrote), on {@code port} (given on the command line, as --port).
     */
    public ExternalProcess restart(Path baseDir, String name, int port) {
        Path dir = baseDir.resolve(name);
        List<String> cmd = command(dir.resolve("sentinel.conf"));
        cmd.addAll(List.of("--port", Integer.toString(port)));
        return ExternalProcess.start(name, port, dir.resolve("sentinel.log"), cmd);
    }

    /** Writes a sentinel.conf with {@code lines} (after "port N") and starts the process. */
    public ExternalProcess start(Path baseDir, String name, List<String> lines) {
        int port = FreePorts.next();
        Path dir = baseDir.resolve(name);
        Path conf = dir.resolve("sentinel.conf");
        try {
            Files.createDirectories(dir);
            List<String> all = new ArrayList<>();
            all.add("port " + port);
            all.add("bind 127.0.0.1");
            all.add("dir " + dir);
            all.addAll(lines);
            Files.write(conf, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ExternalProcess.start(name, port, dir.resolve("sentinel.log"), command(conf));
    }
}
