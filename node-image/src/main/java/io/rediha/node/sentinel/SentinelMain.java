package io.rediha.node.sentinel;

import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.server.RedisServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar node.jar sentinel sentinel.conf [--port 26380 --sentinel announce-ip 10.0.0.1 ...]}:
 * starts a Sentinel like {@code redis-sentinel} does, on the node's own server with the sentinel
 * command table. The config file is required and must be writable, because the sentinel saves its
 * state (id, epochs, discovered instances) in it. Default port 26379.
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
        running.server.setShutdownAction(done::countDown);
        Thread sigterm = new Thread(() -> {
            running.sentinel.log.warning("Received SIGTERM scheduling shutdown...");
            running.stop();
            done.countDown();
        }, "sentinel-sigterm");
        Runtime.getRuntime().addShutdownHook(sigterm);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(sigterm);
        } catch (IllegalStateException alreadyExiting) {
            // SIGTERM path
        }
        return 0;
    }

    /** A started sentinel and its server; used by {@link #run} and by in-process tests. */
    static final class Running {
        final Sentinel sentinel;
        final RedisServer server;
        final int port;
        private boolean stopped;

        Running(Sentinel sentinel, RedisServer server, int port) {
            this.sentinel = sentinel;
            this.server = server;
            this.port = port;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                sentinel.call(() -> {
                    sentinel.flushConfig();
                    return null;
                });
            } catch (Exception ignored) {
                // best effort: the state was flushed on every change anyway
            }
            sentinel.stop();
            sentinel.log.warning("Sentinel is now ready to exit, bye bye...");
            server.close();
        }
    }

    static Running start(SentinelConfig config, Path file) throws Exception {
        ConfigRegistry registry = ConfigRegistry.standard();
        // A sentinel must be reachable by its peers; Redis turns protected mode off for it.
        registry.set("protected-mode", List.of("no"));
        registry.set("port", List.of(Integer.toString(SentinelConfig.DEFAULT_PORT)));
        for (List<String> d : config.serverDirectives) {
            if (registry.find(d.get(0)) == null) {
                continue; // accepted by SentinelConfig but meaningless here (user, latency-tracking-..., ...)
            }
            try {
                registry.set(d.get(0), d.subList(1, d.size()));
            } catch (io.rediha.node.config.ConfigException e) {
                throw new IllegalArgumentException("'" + String.join(" ", d) + "': " + e.getMessage(), e);
            }
        }
        SentinelCommands commands = new SentinelCommands();
        RedisServer server = new RedisServer(registry, commands.table());
        SentinelLog log = new SentinelLog(server.log());
        server.start();
        Sentinel sentinel;
        try {
            sentinel = new Sentinel(config, file, log, SentinelClock.SYSTEM, new SecureRandom(), server.executor(),
                    (channel, message) -> server.pubsub().publish(channel.getBytes(StandardCharsets.UTF_8),
                            message.getBytes(StandardCharsets.UTF_8)));
            sentinel.listeningPort = server.port();
            commands.attach(sentinel, server);
            server.addShutdownHook((save, nosave) -> sentinel.call(() -> {
                sentinel.flushConfigOrThrow();
                return null;
            }));
            log.notice("Running mode=sentinel, port=" + server.port() + ".");
            writePidFile(config, log);
            sentinel.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return new Running(sentinel, server, server.port());
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
