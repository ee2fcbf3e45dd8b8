package io.rediha.tests.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rediha.cli.RedihaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.json.JSONObject;
import picocli.CommandLine;

/**
 * One generated rediha project in a temporary directory, driven through the real command line
 * ({@code rediha -f FILE -p NAME --runtime R ...}) in this JVM, so output and exit codes are captured.
 * Sentinel timings are short (down-after 1000 ms) so a drill round takes seconds.
 */
final class DrillProject implements AutoCloseable {
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private final Path dir;
    private final String project;
    private final String runtime;
    private boolean up;

    private DrillProject(Path dir, String project, String runtime) {
        this.dir = dir;
        this.project = project;
        this.runtime = runtime;
    }

    /** Writes the compose file (and the .env with a random password) for {@code image}. */
    static DrillProject generate(String runtime, String image) throws IOException {
        Path root = Path.of(System.getProperty("rediha.root", "..")).toAbsolutePath().normalize();
        System.setProperty("REDIHA_HOME", root.toString());
        Path dir = Files.createTempDirectory("rediha-drill-e2e-");
        DrillProject p = new DrillProject(dir, "drill" + runtime + ProcessHandle.current().pid(), runtime);
        Run gen = run(List.of("generate", "--image", image, "--down-after", "1000", "--failover-timeout", "6000",
                "-o", dir.resolve("docker-compose.yml").toString()));
        assertEquals(0, gen.exitCode(), "rediha generate: " + gen);
        return p;
    }

    Run up() {
        Run r = rediha("up", "--timeout", "120");
        up = true;
        return r;
    }

    /** Runs one drill with --json and returns the document; fails the test on a non-zero exit. */
    JSONObject drill(String... options) throws IOException {
        Path json = dir.resolve("drill-" + System.nanoTime() + ".json");
        List<String> args = new ArrayList<>(List.of("test-failover", "--json", json.toString(), "-q"));
        args.addAll(List.of(options));
        Run r = rediha(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), "rediha test-failover " + String.join(" ", options) + ": " + r);
        return new JSONObject(Files.readString(json));
    }

    Run rediha(String... args) {
        List<String> all = new ArrayList<>(List.of("-f", dir.resolve("docker-compose.yml").toString(), "-p", project,
                "--runtime", runtime));
        all.addAll(List.of(args));
        return run(all);
    }

    private static Run run(List<String> args) {
        CommandLine cl = RedihaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public void close() throws IOException {
        if (up) {
            rediha("down", "-v");
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
