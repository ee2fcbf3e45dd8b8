package io.rediha.node.server;

import io.rediha.node.command.CommandTable;
import io.rediha.node.command.StandardCommands;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.config.RedisConfParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * An in-process server on a free loopback port, configured like the command line
 * ({@code "--maxmemory", "1mb"}). Tests of every package may use it; close it after the test.
 */
public final class TestServer implements AutoCloseable {
    private final RedisServer server;
    private final List<Jedis> clients = new ArrayList<>();

    private TestServer(RedisServer server) {
        this.server = server;
    }

    /** Starts a server with the standard commands; {@code args} are {@code --directive value} pairs. */
    public static TestServer start(String... args) {
        return start(StandardCommands.table(), args);
    }

    public static TestServer start(CommandTable table, String... args) {
        try {
            ConfigRegistry config = ConfigRegistry.standard();
            List<String> all = new ArrayList<>(List.of("--port", Integer.toString(freePort()), "--bind", "127.0.0.1",
                    "--loglevel", "warning"));
            all.addAll(List.of(args));
            new RedisConfParser(config).parseCommandLine(all.toArray(new String[0]));
            RedisServer s = new RedisServer(config, table);
            s.start();
            return new TestServer(s);
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start: " + e.getMessage(), e);
        }
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public RedisServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** A new Jedis connection, closed with the server. */
    public Jedis jedis() {
        Jedis j = new Jedis("127.0.0.1", port(), 5000);
        clients.add(j);
        return j;
    }

    /** Runs on the command thread and returns the result (to inspect server state safely). */
    public <T> T onCommandThread(java.util.concurrent.Callable<T> task) {
        try {
            return server.callOnCommandThread(task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Jedis j : clients) {
            try {
                j.close();
            } catch (RuntimeException ignored) {
                // already closed by the test
            }
        }
        server.close();
    }
}
