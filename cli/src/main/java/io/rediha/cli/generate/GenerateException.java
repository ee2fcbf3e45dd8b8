package io.rediha.cli.generate;

/** A generation that cannot go on; the message is written for the user and names the file or value at fault. */
public final class GenerateException extends RuntimeException {
    public GenerateException(String message) {
        super(message);
    }

    public GenerateException(String message, Throwable cause) {
        super(message, cause);
    }
}
