package io.rediha.node.resp;

/**
 * A request or reply that breaks the protocol. The message is the text Redis sends after
 * {@code -ERR Protocol error: } (for example {@code invalid bulk length}); the connection is
 * closed after it is reported.
 */
public final class RespProtocolException extends RuntimeException {
    public RespProtocolException(String message) {
        super(message, null, false, false);
    }
}
