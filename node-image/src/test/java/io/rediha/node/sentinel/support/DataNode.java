package io.rediha.node.sentinel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a data node (master or replica) of either implementation, so a failover scenario can be
 * written once and run against Debian's redis-server and against our own server.
 */
public enum DataNode {
    /** Debian's redis-server 7.0: the reference peer. */
    REDIS {
        @Override
        List<String> command(Path dir, int port) {
            return new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                    "--repl-diskless-sync-delay", "0", "--daemonize", "no"));
        }
    },
    /** Our node jar's server role, run from the test classpath. */
    REDIHA {
        @Override
        List<String> command(Path dir, int port) {
            return new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "io.rediha.node.Main", "server",
                    "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                    "--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0"));
        }
    };

    abstract List<String> command(Path dir, int port);

    /** Starts a node on a free port; {@code extra} are further {@code --directive value} words (e.g. replicaof). */
    public ExternalProcess start(Path baseDir, String name, List<String> extra) {
        return start(baseDir, name, FreePorts.next(), extra);
    }

    public ExternalProcess start(Path baseDir, String name, int port, List<String> extra) {
        Path dir = baseDir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = command(dir, port);
        cmd.addAll(extra);
        return ExternalProcess.start(name, port, dir.resolve("node.log"), cmd);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
