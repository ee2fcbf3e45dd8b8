package io.rediha.tests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rediha.cli.RedihaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the rediha command line in this JVM against one project, capturing exit code, out and err. */
final class Rediha {
    private final List<String> globals;

    /** @param globals the options before the command, e.g. -f FILE -p NAME --runtime docker */
    Rediha(String... globals) {
        this.globals = List.of(globals);
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(globals);
        all.addAll(List.of(args));
        CommandLine cl = RedihaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** {@code ps --json}, parsed. */
    JsonNode ps() {
        Run r = run("ps", "--json");
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new UncheckedIOException("ps --json printed no JSON: " + r, e);
        }
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
