package io.rediha.cli.image;

/** The image could not be built; the message says what failed and, where possible, what to do. */
public final class ImageBuildException extends RuntimeException {
    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
