package io.rediha.node.sentinel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar node.jar sentinel sentinel.conf [--port 26380 --sentinel announce-ip 10.0.0.1 ...]}:
 * starts a Sentinel like {@code redis-sentinel} does. The config file is required and must be
 * writable, because the sentinel saves its state (id, epochs, discovered instances) in it.
 */
public final class SentinelMain {
    private SentinelMain() {
    }

    public static int run(String... args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            System.err.println("Sentinel needs config file on disk to save state. Exiting...");
            System.err.println("Usage: java -jar node.jar sentinel sentinel.conf [--directive value ...]");
            return 1;
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        List<String> overrides = Arrays.asList(args).subList(1, args.length);
        if (!Files.isRegularFile(file) || !Files.isWritable(file)) {
            System.err.println("Sentinel config file " + file + " is not writable: "
                    + (Files.exists(file) ? "Permission denied" : "No such file or directory") + ". Exiting...");
            return 1;
        }
        SentinelConfig config;
        try {
            config = SentinelConfig.load(file, overrides);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        Running running;
        try {
            running = start(config, file);
        } catch (Exception e) {
            System.err.println("Sentinel failed to start: " + e.getMessage());
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        running.server.onShutdown(done::countDown);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            done.countDown();
        }, "sentinel-shutdown"));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stop();
        return 0;
    }

    /** A started sentinel and its server; used by {@link #run} and by in-process tests. */
    static final class Running {
        final Sentinel sentinel;
        final SentinelServer server;
        final int port;
        private boolean stopped;

        Running(Sentinel sentinel, SentinelServer server, int port) {
            this.sentinel = sentinel;
            this.server = server;
            this.port = port;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            sentinel.log.warning("Sentinel is now ready to exit, bye bye...");
            server.stop();
            try {
                sentinel.call(() -> {
                    sentinel.flushConfig();
                    return null;
                });
            } catch (Exception ignored) {
                // best effort
            }
            sentinel.stop();
        }
    }

    static Running start(SentinelConfig config, Path file) throws Exception {
        SentinelLog log = SentinelLog.open(config.logfile, config.loglevel);
        SentinelServer[] server = new SentinelServer[1];
        Sentinel sentinel = new Sentinel(config, file, log, SentinelClock.SYSTEM, new SecureRandom(),
                (channel, message) -> {
                    if (server[0] != null) {
                        server[0].publish(channel, message);
                    }
                });
        server[0] = new SentinelServer(sentinel, config.requirepass);
        int port;
        try {
            port = server[0].start(config.bind, config.port);
        } catch (RuntimeException e) {
            sentinel.stop();
            throw e;
        }
        sentinel.listeningPort = port;
        log.notice("Running mode=sentinel, port=" + port + ".");
        writePidFile(config, log);
        sentinel.start();
        return new Running(sentinel, server[0], port);
    }

    private static void writePidFile(SentinelConfig config, SentinelLog log) {
        if (config.pidfile == null || config.pidfile.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(config.pidfile), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            log.warning("Failed to write PID file: " + e.getMessage());
        }
    }
}
