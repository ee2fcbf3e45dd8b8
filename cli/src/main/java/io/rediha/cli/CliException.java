package io.rediha.cli;

/**
 * A failure the user can act on: one line on what happened (naming the file, host, port or value at
 * fault), an optional line on what to do next, and the exit code the command returns. Commands print
 * these without a stack trace unless {@code -v} is given.
 */
public class CliException extends RuntimeException {
    private final String hint;
    private final int exitCode;

    public CliException(String message, String hint, int exitCode) {
        this(message, hint, exitCode, null);
    }

    public CliException(String message, String hint, int exitCode, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.exitCode = exitCode;
    }

    /** What to do next, or null when the message says it all. */
    public String hint() {
        return hint;
    }

    public int exitCode() {
        return exitCode;
    }
}
