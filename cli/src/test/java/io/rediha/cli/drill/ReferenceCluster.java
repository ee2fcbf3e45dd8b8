package io.rediha.cli.drill;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Debian's redis-server and redis-sentinel as local processes on loopback ports: one master, its
 * replicas, and sentinels watching it with a short down-after. The reference deployment the drill is
 * tested against through {@code --sentinels}. Every process is stopped on {@link #close}, resumed first
 * in case a test left it frozen.
 */
final class ReferenceCluster implements AutoCloseable {
    static final String MASTER_NAME = "mymaster";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> dataPorts = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final List<Process> sentinelProcesses = new ArrayList<>();

    private ReferenceCluster(Path dir) {
        this.dir = dir;
    }

    /** True when the reference binaries are installed; tests that need them fail loudly otherwise. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) && Files.isExecutable(Path.of("/usr/bin/redis-sentinel"));
    }

    static ReferenceCluster start(Path dir, int replicas, int sentinels, int downAfterMillis) throws IOException {
        ReferenceCluster c = new ReferenceCluster(dir);
        try {
            c.startDataNodes(replicas);
            c.startSentinels(sentinels, downAfterMillis);
            c.awaitSettled(replicas, sentinels);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void startDataNodes(int replicas) throws IOException {
        for (int i = 0; i <= replicas; i++) {
            int port = freePort();
            Path d = Files.createDirectories(dir.resolve("node" + port));
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", d.toString(),
                    "--repl-diskless-sync-delay", "0", "--daemonize", "no"));
            if (i > 0) {
                cmd.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(dataPorts.get(0))));
            }
            processes.add(launch(cmd, dir.resolve("node" + port + ".log")));
            dataPorts.add(port);
        }
        for (int port : dataPorts) {
            awaitPing(new HostAndPort("127.0.0.1", port));
        }
    }

    private void startSentinels(int sentinels, int downAfterMillis) throws IOException {
        for (int i = 0; i < sentinels; i++) {
            int port = freePort();
            Path conf = dir.resolve("sentinel" + port + ".conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + dataPorts.get(0) + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis,
                    "sentinel failover-timeout " + MASTER_NAME + " 6000",
                    ""));
            Process p = launch(List.of("/usr/bin/redis-sentinel", conf.toString()), dir.resolve("sentinel" + port + ".log"));
            processes.add(p);
            sentinelProcesses.add(p);
            sentinelPorts.add(port);
        }
    }

    /** Waits until the master has every replica online and every sentinel knows all replicas and peers. */
    private void awaitSettled(int replicas, int sentinels) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = settledState(replicas, sentinels);
            if (last.isEmpty()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("reference cluster did not settle in 20 s: " + last);
    }

    private String settledState(int replicas, int sentinels) {
        try (Jedis m = new Jedis("127.0.0.1", dataPorts.get(0))) {
            String info = m.info("replication");
            if (!info.contains("connected_slaves:" + replicas)) {
                return "master: " + info.replace("\r\n", " ");
            }
        } catch (JedisException e) {
            return "master: " + e.getMessage();
        }
        for (int port : sentinelPorts) {
            try (Jedis s = new Jedis("127.0.0.1", port)) {
                Map<String, String> rec = s.sentinelMaster(MASTER_NAME);
                if (!rec.get("num-slaves").equals(Integer.toString(replicas))
                        || !rec.get("num-other-sentinels").equals(Integer.toString(sentinels - 1))) {
                    return "sentinel " + port + ": " + rec.get("num-slaves") + " replicas, "
                            + rec.get("num-other-sentinels") + " other sentinels";
                }
            } catch (JedisException e) {
                return "sentinel " + port + ": " + e.getMessage();
            }
        }
        return "";
    }

    String sentinelList() {
        return String.join(",", sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    List<Integer> sentinelPorts() {
        return List.copyOf(sentinelPorts);
    }

    List<Integer> dataPorts() {
        return List.copyOf(dataPorts);
    }

    /** The port of the data node the sentinels currently name as master. */
    int currentMasterPort() {
        try (Jedis s = new Jedis("127.0.0.1", sentinelPorts.get(0))) {
            return Integer.parseInt(s.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
        }
    }

    long pidOf(int dataPort) {
        int i = dataPorts.indexOf(dataPort);
        return processes.get(i).pid();
    }

    /** Stops one sentinel for good (SIGTERM, then SIGKILL). */
    void stopSentinel(int index) {
        stop(sentinelProcesses.get(index));
    }

    static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Role of a data node ("master" or "slave") and, for a replica, "host:port link" it follows. */
    static Map<String, String> replicationInfo(int port) {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            return Info.parse(j.info("replication"));
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p.isAlive()) {
                signal("CONT", p.pid());
            }
        }
        for (Process p : processes) {
            stop(p);
        }
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        signal("CONT", p.pid());
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process launch(List<String> cmd, Path log) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPing(HostAndPort at) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Jedis j = new Jedis(at)) {
                j.ping();
                return;
            } catch (JedisException e) {
                sleep(50);
            }
        }
        throw new IllegalStateException("redis-server on " + at + " did not answer PING within 10 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
