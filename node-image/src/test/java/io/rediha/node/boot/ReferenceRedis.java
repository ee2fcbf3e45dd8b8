package io.rediha.node.boot;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Debian's redis-server and redis-sentinel as reference peers on loopback: the entrypoint's
 * questions are checked against the real Sentinel's answers. Every process is destroyed on close.
 */
final class ReferenceRedis implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final Path dir;

    ReferenceRedis(Path dir) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")) && Files.isExecutable(Path.of("/usr/bin/redis-sentinel")),
                "Debian's redis-server and redis-sentinel are needed as reference peers");
        this.dir = dir;
    }

    HostPort server() throws IOException {
        int port = freePort();
        start(List.of("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        HostPort hp = new HostPort("127.0.0.1", port);
        await(hp, r -> "PONG".equals(r), "PING");
        return hp;
    }

    HostPort sentinelMonitoring(String name, HostPort master) throws IOException {
        int port = freePort();
        Path conf = dir.resolve("sentinel-" + port + ".conf");
        Files.write(conf, List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
                "sentinel monitor " + name + " " + master.host() + " " + master.port() + " 1"));
        start(List.of("/usr/bin/redis-sentinel", conf.toString()));
        HostPort hp = new HostPort("127.0.0.1", port);
        await(hp, r -> r instanceof List<?>, "SENTINEL", "get-master-addr-by-name", name);
        return hp;
    }

    private void start(List<String> cmd) throws IOException {
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("reference-" + processes.size() + ".log").toFile()).start());
    }

    private static void await(HostPort node, Predicate<Object> ready, String... command) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try (RespClient c = RespClient.connect(node, Duration.ofSeconds(1))) {
                last = c.call(command);
                if (ready.test(last)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError(node + " did not become ready within 10 s; last answer: " + last);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
