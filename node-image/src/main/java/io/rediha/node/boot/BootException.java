package io.rediha.node.boot;

/** A reason not to start, with the message the operator sees and the exit status to end with. */
final class BootException extends Exception {
    private final ExitStatus status;

    BootException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    ExitStatus status() {
        return status;
    }
}
