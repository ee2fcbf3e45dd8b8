package io.rediha.node.server;

import io.rediha.node.command.CommandTable;
import io.rediha.node.command.StandardCommands;
import io.rediha.node.config.ConfigFileException;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.config.RedisConfParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar node.jar server [redis.conf] [--directive value ...]}: reads the configuration
 * like redis-server (refusing to start on a bad line, naming file, line and directive), builds the
 * standard command table plus every {@link ServerExtension}'s commands, starts the server, and
 * waits until SHUTDOWN or SIGTERM. SIGTERM runs the same shutdown hooks as SHUTDOWN (persistence
 * saves), as redis-server does.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static int run(String... args) {
        ConfigRegistry config = ConfigRegistry.standard();
        try {
            new RedisConfParser(config).parseCommandLine(args);
        } catch (ConfigFileException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        List<ServerExtension> extensions = new ArrayList<>();
        ServiceLoader.load(ServerExtension.class).forEach(extensions::add);
        extensions.sort(Comparator.comparingInt(ServerExtension::order));
        CommandTable table = StandardCommands.table();
        for (ServerExtension x : extensions) {
            x.registerCommands(table, config);
        }
        RedisServer server;
        try {
            server = new RedisServer(config, table);
        } catch (RuntimeException e) {
            System.err.println("Fatal error: " + e.getMessage());
            return 1;
        }
        ServerLog log = server.log();
        log.notice("oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
        log.notice("Redis version=" + RedisServer.REDIS_VERSION + ", bits=64, commit=00000000, modified=0, pid="
                + ProcessHandle.current().pid() + ", just started (rediha node " + io.rediha.node.Version.get() + ")");
        log.notice(config.configFile() == null
                ? "Warning: no config file specified, using the default config. In order to specify a config file use "
                + "java -jar node.jar server /path/to/redis.conf"
                : "Configuration loaded");
        CountDownLatch stopped = new CountDownLatch(1);
        server.setShutdownAction(stopped::countDown);
        try {
            for (ServerExtension x : extensions) {
                x.beforeStart(server);
            }
            log.notice("Server initialized");
            server.start();
            for (ServerExtension x : extensions) {
                x.afterStart(server);
            }
        } catch (Exception e) {
            log.warning("Fatal error: " + e.getMessage());
            server.close();
            return 1;
        }
        Thread sigterm = new Thread(() -> {
            if (stopped.getCount() == 0 || server.isShuttingDown()) {
                return;
            }
            log.warning("Received SIGTERM scheduling shutdown...");
            try {
                server.callOnCommandThread(() -> server.shutdown(false, false, true));
                stopped.await();
            } catch (Exception e) {
                server.close();
            }
        }, "rediha-sigterm");
        Runtime.getRuntime().addShutdownHook(sigterm);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(sigterm);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
        return 0;
    }
}
