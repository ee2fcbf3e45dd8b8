package io.rediha.cli.drill;

/**
 * A drill that cannot go on, with what happened and what the user can do about it. The message names
 * the host, port or command at fault; the hint is the next step. Both are printed as they are.
 */
public class DrillException extends RuntimeException {
    private final String hint;

    public DrillException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public DrillException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do next, or null when there is nothing useful to say. */
    public String hint() {
        return hint;
    }
}
