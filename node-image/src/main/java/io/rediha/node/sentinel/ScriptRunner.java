package io.rediha.node.sentinel;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs notification and client-reconfiguration scripts, only when a master has them configured,
 * with Redis Sentinel's limits: at most 16 running and 256 queued, each killed after the maximum
 * run time, and retried (exit code 1 or killed by a signal) up to 10 times with a delay that
 * starts at the retry delay and doubles. Exit codes of 2 and more are final.
 *
 * <p>Driven from the sentinel timer; nothing here blocks.
 */
final class ScriptRunner {
    static final int MAX_RUNNING = 16;
    static final int MAX_QUEUE = 256;
    static final int MAX_RETRY = 10;

    /** One queued or running script. */
    static final class Job {
        final List<String> argv;
        int retryNum;
        long startAt;
        Process process;
        long startedAt;

        Job(List<String> argv, long startAt) {
            this.argv = argv;
            this.startAt = startAt;
        }

        boolean running() {
            return process != null;
        }
    }

    private final List<Job> queue = new ArrayList<>();
    private final SentinelClock clock;
    private final SentinelTiming timing;
    private BiConsumer<String, String> errorEvents = (type, message) -> { };

    ScriptRunner(SentinelClock clock, SentinelTiming timing) {
        this.clock = clock;
        this.timing = timing;
    }

    /** Where -script-error and -script-timeout events go (type, message). */
    void onErrors(BiConsumer<String, String> sink) {
        this.errorEvents = sink;
    }

    void schedule(String path, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(path);
        argv.addAll(List.of(args));
        queue.add(new Job(argv, clock.now()));
        if (queue.size() > MAX_QUEUE) {
            // Drop the oldest job that is not running, as Redis does.
            for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                if (!it.next().running()) {
                    it.remove();
                    break;
                }
            }
        }
    }

    /** Starts due jobs, reaps finished ones, kills overdue ones. */
    void run() {
        long now = clock.now();
        reap(now);
        killOverdue(now);
        int running = running();
        for (Job job : queue) {
            if (running >= MAX_RUNNING) {
                break;
            }
            if (job.running() || job.startAt > now) {
                continue;
            }
            try {
                job.process = new ProcessBuilder(job.argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null")).start();
                job.startedAt = now;
                running++;
            } catch (IOException e) {
                errorEvents.accept("-script-error", job.argv.get(0) + " 0 127");
                job.startAt = Long.MAX_VALUE; // removed below
            }
        }
        queue.removeIf(j -> !j.running() && j.startAt == Long.MAX_VALUE);
    }

    private void reap(long now) {
        for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
            Job job = it.next();
            if (!job.running() || job.process.isAlive()) {
                continue;
            }
            int exit = job.process.exitValue();
            // Java reports death by signal N as 128+N.
            boolean bySignal = exit > 128;
            int signal = bySignal ? exit - 128 : 0;
            if ((bySignal || exit == 1) && job.retryNum < MAX_RETRY) {
                job.retryNum++;
                job.process = null;
                job.startAt = now + timing.scriptRetryDelay * (1L << (job.retryNum - 1));
            } else {
                if (bySignal || exit != 0) {
                    errorEvents.accept("-script-error", job.argv.get(0) + " " + signal + " " + (bySignal ? 0 : exit));
                }
                it.remove();
            }
        }
    }

    private void killOverdue(long now) {
        for (Job job : queue) {
            if (job.running() && now - job.startedAt > timing.scriptMaxRuntime) {
                errorEvents.accept("-script-timeout", job.argv.get(0) + " " + job.process.pid());
                job.process.destroyForcibly();
            }
        }
    }

    int running() {
        int n = 0;
        for (Job j : queue) {
            if (j.running()) {
                n++;
            }
        }
        return n;
    }

    int queueLength() {
        return queue.size();
    }

    List<Job> jobs() {
        return List.copyOf(queue);
    }

    void killAll() {
        for (Job j : queue) {
            if (j.running()) {
                j.process.destroyForcibly();
            }
        }
        queue.clear();
    }
}
