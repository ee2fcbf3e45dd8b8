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
 * waits until SHUTDOWN or SIGTERM. SIGTERM and SIGINT run the same shutdown sequence as SHUTDOWN
 * (wait for replicas, save, exit), as redis-server does.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static int run(String... args) {
        return run(server -> { }, args);
    }

    /**
     * Same, letting the caller adjust the server before it starts (the image installs its
     * handover to the sentinels into the shutdown sequence).
     */
    public static int run(java.util.function.Consumer<RedisServer> customizer, String... args) {
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
            customizer.accept(server);
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
        Thread fallback = installSignalHandlers(server, stopped);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fallback != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(fallback);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
        return 0;
    }

    /**
     * SIGTERM and SIGINT start the shutdown sequence as in redis-server, with the flags of
     * {@code shutdown-on-sigterm}/{@code shutdown-on-sigint}; the process keeps running while it
     * waits for replicas, and keeps serving if the shutdown fails without {@code force}. A second
     * SIGINT during a shutdown exits at once. Where the JVM does not let us handle signals (-Xrs),
     * a JVM shutdown hook runs the same sequence instead, forced. Returns that hook, if any.
     */
    private static Thread installSignalHandlers(RedisServer server, CountDownLatch stopped) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                String directive = name.equals("TERM") ? "shutdown-on-sigterm" : "shutdown-on-sigint";
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> server.executor().execute(() -> {
                    if (name.equals("INT") && server.shutdownSequence().inProgress()) {
                        server.log().warning("You insist... exiting now.");
                        Runtime.getRuntime().halt(1);
                    }
                    server.shutdownSequence().requestFromSignal("SIG" + name,
                            Shutdown.parseSignalFlags(server.config().getString(directive)));
                }));
            }
            return null;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            Thread hook = new Thread(() -> {
                if (stopped.getCount() == 0 || server.isShuttingDown()) {
                    return;
                }
                try {
                    server.callOnCommandThread(() -> {
                        java.util.EnumSet<Shutdown.Flag> f = Shutdown.parseSignalFlags(server.config().getString("shutdown-on-sigterm"));
                        f.add(Shutdown.Flag.FORCE);
                        server.shutdownSequence().requestFromSignal("SIGTERM", f);
                        return null;
                    });
                    stopped.await();
                } catch (Exception ex) {
                    server.close();
                }
            }, "rediha-sigterm");
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        }
    }
}
