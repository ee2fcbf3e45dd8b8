package io.rediha.node.persistence;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * Debian's redis-server as a reference peer in tests: started in its own temp dir on a free
 * loopback port, stopped (and its process waited for) on close.
 */
public final class RealRedis implements AutoCloseable {
    public static final String BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;
    private final Path dir;

    private RealRedis(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(BINARY));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Starts redis-server in {@code dir} with the given extra directives ("name", "value", ...). */
    public static RealRedis start(Path dir, String... directives) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--logfile", dir.resolve("redis-" + port + ".log").toString()));
        for (String d : directives) {
            cmd.add(d);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".out").toFile()).start();
        RealRedis r = new RealRedis(p, port, dir);
        r.awaitReady(Duration.ofSeconds(10));
        return r;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + log());
            }
            try (Jedis j = client()) {
                String reply = j.ping();
                if ("PONG".equals(reply)) {
                    return;
                }
            } catch (RuntimeException e) {
                // still starting or loading
            }
            Thread.sleep(20);
        }
        throw new IOException("redis-server not ready in " + timeout + ": " + log());
    }

    public String log() {
        try {
            Path l = dir.resolve("redis-" + port + ".log");
            return Files.exists(l) ? Files.readString(l) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Jedis client() {
        Jedis j = new Jedis("127.0.0.1", port, 5000);
        return j;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
