package io.rediha.cli.generate;

import io.rediha.cli.RedihaCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** One run of the real command line with captured output, as the style guide's CLI tests do. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = RedihaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The repository root: tests run with the module directory as working directory. */
    static Path repositoryRoot() {
        String root = System.getProperty("rediha.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
