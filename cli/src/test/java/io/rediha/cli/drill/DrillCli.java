package io.rediha.cli.drill;

import io.rediha.cli.RedihaCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code rediha ...} in-process with captured output, the way a user would type it. */
final class DrillCli {
    record Run(int exitCode, String out, String err) {
    }

    private DrillCli() {
    }

    static Run run(String... args) {
        CommandLine cl = RedihaCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
