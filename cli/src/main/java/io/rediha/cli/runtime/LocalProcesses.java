package io.rediha.cli.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Signals and states of the local runtime's node processes, on Linux's {@code /proc} and
 * {@code kill}. A pid is only trusted together with the start time recorded at launch, so a
 * recycled pid is never signalled.
 */
final class LocalProcesses {
    private LocalProcesses() {
    }

    /** The live process with this pid and start time, if it still exists and is not a zombie. */
    static Optional<ProcessHandle> find(long pid, long startedAtMillis) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (ph.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> start = ph.get().info().startInstant();
        if (start.isPresent() && Math.abs(start.get().toEpochMilli() - startedAtMillis) > 2000) {
            return Optional.empty();
        }
        char state = procState(pid);
        if (state == 'Z' || state == 'X') {
            return Optional.empty();
        }
        return ph;
    }

    /** The state letter of /proc/pid/stat (R, S, T for stopped, Z for zombie), or '?' when unknown. */
    static char procState(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (IOException e) {
            return '?';
        }
    }

    static boolean isStopped(long pid) {
        char s = procState(pid);
        return s == 'T' || s == 't';
    }

    /** Sends a signal by name (STOP, CONT, TERM, KILL) through kill(1), since Java has no SIGSTOP. */
    static void signal(long pid, String signal) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP, returning once the kernel shows the process stopped (signals are delivered asynchronously). */
    static void pause(long pid) {
        signal(pid, "STOP");
        awaitState(pid, true);
    }

    /** SIGCONT, returning once the process runs again. */
    static void resume(long pid) {
        signal(pid, "CONT");
        awaitState(pid, false);
    }

    private static void awaitState(long pid, boolean stopped) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (isStopped(pid) != stopped && procState(pid) != '?' && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until the process is gone; true when it went within the timeout. */
    static boolean awaitExit(ProcessHandle ph, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!ph.isAlive() || procState(ph.pid()) == 'Z' || procState(ph.pid()) == '?') {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** SIGTERM, then SIGKILL when it has not exited within the grace period. A stopped (paused) process is resumed first so it can handle TERM. */
    static void terminate(ProcessHandle ph, Duration grace) {
        if (isStopped(ph.pid())) {
            resume(ph.pid());
        }
        ph.destroy();
        if (!awaitExit(ph, grace)) {
            ph.destroyForcibly();
            awaitExit(ph, Duration.ofSeconds(5));
        }
    }

    /** The {@code setsid} binary when present: a node in its own session survives a Ctrl-C aimed at the CLI. */
    static Optional<String> setsid() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
