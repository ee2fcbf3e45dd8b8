package io.rediha.node.client;

/** Fails the commands that were still waiting for a reply when their connection went away. */
public final class ConnectionClosedException extends RuntimeException {
    public ConnectionClosedException(String message) {
        super(message, null, false, false);
    }
}
