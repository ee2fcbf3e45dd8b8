package io.rediha.cli.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a host tool (jdeps, jlink, ldd, strip) with a time limit and returns its output. */
final class Processes {
    private Processes() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> env, Duration limit) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            // Output is drained on its own thread, so a chatty tool cannot block on a full pipe.
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ImageBuildException(command.get(0) + " did not finish within " + limit.toSeconds() + " s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs it and fails with its output when it exits non-zero. */
    static String runOrFail(List<String> command, Duration limit) {
        Result r = run(command, Map.of(), limit);
        if (r.exitCode() != 0) {
            throw new ImageBuildException(String.join(" ", command) + " failed (exit " + r.exitCode() + "):\n" + r.output().strip());
        }
        return r.output();
    }
}
