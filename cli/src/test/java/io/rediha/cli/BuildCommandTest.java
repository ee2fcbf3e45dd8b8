package io.rediha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BuildCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cl = RedihaCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unreachableEngineExitsThreeSayingWhereItLookedAndWhatToDo() {
        // docker-java reads DOCKER_HOST from system properties too, after the environment.
        String before = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "unix:///nonexistent/rediha-test.sock");
        try {
            int code = execute("build", "--offline");
            assertEquals(ExitCodes.ENGINE_UNREACHABLE, code, err.toString());
            assertTrue(err.toString().contains("cannot reach the Docker engine at unix:///nonexistent/rediha-test.sock"), err.toString());
            assertTrue(err.toString().contains("Start Docker"), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", before);
            }
        }
    }

    @Test
    void invalidTagIsAUsageError() {
        assertEquals(ExitCodes.USAGE, execute("build", "--tag", "Not A Tag"));
        assertTrue(err.toString().contains("Invalid --tag 'Not A Tag'"), err.toString());
    }
}
