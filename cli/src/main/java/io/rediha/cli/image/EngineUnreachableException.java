package io.rediha.cli.image;

/** No Docker engine answered at the configured address; the message says where we looked. */
public final class EngineUnreachableException extends RuntimeException {
    public EngineUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
