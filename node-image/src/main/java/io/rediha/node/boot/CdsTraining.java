package io.rediha.node.boot;

import io.rediha.node.server.ServerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * {@code image train}: the workload run while the image is built, so the JVM can record which
 * classes a node loads and archive them (AOT cache or AppCDS). A master starts in this JVM on a free
 * port, prepared by the entrypoint exactly as in a container (so the entrypoint's own classes and
 * call sites are archived too), and answers a round of typical commands; then the process exits and
 * the JVM writes the archive. Only the master is trained: an AOT cache loads every class it holds
 * when the JVM starts, so each archived class costs about 8 KB of image and of every node's resident
 * memory. Training a replica and a sentinel too made the archive 2.2 MB larger and every idle node
 * 3 MB bigger; they load their extra classes from the jar instead. Every wait is bounded, and a part
 * that is not there (or fails) only makes the archive smaller: training never fails the image build.
 */
final class CdsTraining {
    static final String ROLE = "train";
    /** Per wait; a part that is not ready by then (e.g. replication not built in) is left out. */
    private static final Duration DEADLINE = Duration.ofSeconds(4);

    private final PrintStream out;

    CdsTraining(PrintStream out) {
        this.out = out;
    }

    int run() {
        long start = System.nanoTime();
        try {
            Path dir = Files.createTempDirectory("rediha-train");
            int masterPort = freePort();
            // A sentinel address where nothing listens: the master takes the probe path real data
            // nodes take (refused at once on loopback), so those classes are archived too.
            String noSentinel = "127.0.0.1:" + freePort();
            AtomicBoolean masterRunning = launch("master", dir, Map.of("redis_port", Integer.toString(masterPort), "REDIS_SENTINELS", noSentinel));
            HostPort master = new HostPort("127.0.0.1", masterPort);
            if (await(master, masterRunning, "PONG"::equals, "PING")) {
                exercise(master);
            }
        } catch (IOException | RuntimeException e) {
            out.println("rediha: training stopped early (" + e + "); the archive covers what ran.");
        }
        out.println("rediha: training done in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        return ExitStatus.OK.code();
    }

    /** Prepares a node with the entrypoint (its own data and run directories, the image's conf directory) and runs it on a thread. */
    private AtomicBoolean launch(String role, Path dir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        // The data directory exists, as the image's /data does, so the entrypoint lists it as in a
        // container (skipping that left its stream lambdas to be spun at every start: ~30 ms).
        try {
            Files.createDirectories(dir.resolve(role + "-data"));
        } catch (IOException e) {
            out.println("rediha: training without a data directory: " + e);
        }
        all.put("REDIHA_DATA_DIR", dir.resolve(role + "-data").toString());
        all.put("REDIHA_RUN_DIR", dir.resolve(role + "-run").toString());
        Entrypoint.Prepared p = new Entrypoint(all, out, out).prepare(role);
        if (!(p instanceof Entrypoint.Prepared.Launch launch)) {
            out.println("rediha: training " + role + " not prepared: " + p);
            return new AtomicBoolean(false);
        }
        return startInThread(role, () -> ServerMain.run(launch.args()));
    }

    private AtomicBoolean startInThread(String name, java.util.function.IntSupplier main) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            try {
                int code = main.getAsInt();
                out.println("rediha: training " + name + " returned " + code);
            } catch (RuntimeException e) {
                out.println("rediha: training " + name + " failed: " + e);
            } finally {
                running.set(false);
            }
        }, "train-" + name);
        t.setDaemon(true);
        t.start();
        return running;
    }

    /** Polls until {@code ready} accepts the reply to {@code command}, the node's thread ends, or the deadline. */
    private static boolean await(HostPort node, AtomicBoolean running, Predicate<Object> ready, String... command) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            try (RespClient c = RespClient.connect(node, Duration.ofSeconds(2))) {
                if (ready.test(c.call(command))) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(20);
        }
        return false;
    }

    /**
     * The commands nearly every client and health probe sends, and the basic string ones. Each
     * further command family archived grows the image and every node's RSS (about 1 MB for the
     * 37-command round this once ran), while a command met first in production loads its few
     * classes from the jar in a millisecond or two.
     */
    private static void exercise(HostPort node) {
        String[][] commands = {
            {"PING"}, {"CLIENT", "SETNAME", "train"}, {"SELECT", "0"}, {"SET", "k", "v"}, {"GET", "k"},
            {"INCR", "n"}, {"EXPIRE", "n", "100"}, {"DEL", "k"}, {"INFO", "replication"}, {"NOSUCHCOMMAND"},
        };
        try (RespClient c = RespClient.connect(node, Duration.ofSeconds(2))) {
            for (int round = 0; round < 20; round++) {
                for (String[] cmd : commands) {
                    c.call(cmd);
                }
            }
        } catch (IOException e) {
            // a command the server does not support closed the link: the archive covers the rest
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
