package io.rediha.cli.generate;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs docker-compose and docker as real processes, with the project's skip-or-fail rule when they are missing. */
final class ExternalTool {

    private ExternalTool() {
    }

    record Result(int code, String output) {
    }

    /** Skips the test when {@code command} is not installed, or fails it when REDIHA_REQUIRE_DOCKER=1. */
    static void requireInstalled(String command) {
        boolean found = System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(":"))
                .anyMatch(d -> Path.of(d, command).toFile().canExecute());
        if (!found) {
            String why = command + " is not installed (apt-get install docker-compose docker.io)";
            if ("1".equals(System.getenv("REDIHA_REQUIRE_DOCKER"))) {
                fail(why + ", and REDIHA_REQUIRE_DOCKER=1 requires it");
            }
            Assumptions.abort(why + "; set REDIHA_REQUIRE_DOCKER=1 to make this a failure");
        }
    }

    /** Runs the command in {@code dir} with extra environment; output is stdout and stderr together. */
    static Result run(Path dir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
