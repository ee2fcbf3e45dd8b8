package io.rediha.node.sentinel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A process started by a test (redis-server, redis-sentinel, or our node jar), with the signals a
 * failover drill needs. Closing it kills it; every test closes what it started.
 */
public final class ExternalProcess implements AutoCloseable {
    private final Process process;
    private final String name;
    private final int port;
    private final Path log;

    private ExternalProcess(Process process, String name, int port, Path log) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.log = log;
    }

    public static ExternalProcess start(String name, int port, Path log, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            ExternalProcess p = new ExternalProcess(pb.start(), name, port, log);
            p.awaitListening(Duration.ofSeconds(20));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL and wait: a crash, nothing saved on the way out. */
    public void kill() {
        close();
    }

    /** SIGSTOP: the process keeps its sockets but answers nothing, as a frozen host would. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT. */
    public void resume() {
        signal("CONT");
    }

    /** SIGTERM: a planned stop (docker stop, systemctl stop). */
    public void terminate() {
        signal("TERM");
    }

    /** Waits for the process to exit; returns its exit code, or throws after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running " + timeout + " after being asked to stop; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void signal(String sig) {
        try {
            int rc = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + sig + " " + process.pid() + " exited " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IllegalStateException(name + " not listening on " + port + " after " + timeout + "; see " + log);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                resume(); // a stopped process cannot act on SIGKILL's cleanup until continued
            } catch (RuntimeException alreadyGone) {
                // exited between the check and the signal
            }
            process.destroyForcibly();
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
