package io.rediha.cli.drill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A user's fault or heal command, run through {@code sh -c} with extra environment variables, bounded
 * in time. Its output is kept (the tail only) so a failure can be shown to the user.
 */
public final class ShellCommand {
    private static final int KEPT_OUTPUT_CHARS = 2000;

    /** How a finished command ended. */
    public record Outcome(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ShellCommand() {
    }

    /**
     * Runs {@code command} and returns how it ended. Throws {@link DrillException} when it cannot be
     * started or does not finish within {@code bound} (it is then killed with its children).
     */
    public static Outcome run(String what, String command, Map<String, String> env, Duration bound) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new DrillException("cannot start the " + what + " command '" + command + "': " + e.getMessage(),
                    "check that 'sh' is on the PATH");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "rediha-drill-" + what + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new DrillException("the " + what + " command '" + command + "' did not finish within "
                        + bound.toMillis() + " ms and was killed", "make the command return once it has done its work");
            }
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new DrillException("interrupted while the " + what + " command ran", null);
        }
        String text;
        synchronized (out) {
            text = out.toString(StandardCharsets.UTF_8).strip();
        }
        if (text.length() > KEPT_OUTPUT_CHARS) {
            text = "..." + text.substring(text.length() - KEPT_OUTPUT_CHARS);
        }
        return new Outcome(p.exitValue(), text);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process went away; what we have is what it said
        }
    }
}
