package io.rediha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top command: help, version and usage errors with the exit codes scripts rely on. */
class RedihaCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RedihaCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(ExitCodes.OK, run("--version"));
        assertTrue(out.toString().matches("rediha \\d+\\.\\d+\\.\\d+\\R"), "version line: " + out);
    }

    @Test
    void noSubcommandPrintsTheCommandList() {
        assertEquals(ExitCodes.OK, run());
        assertTrue(out.toString().contains("Usage: rediha"), out.toString());
        assertTrue(out.toString().contains("Commands:"), out.toString());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option: '--no-such-option'"), err.toString());
    }
}
