package io.rediha.node.persistence.aof;

import java.io.IOException;

/** The AOF cannot be loaded; the message names the file and offset and what to do. The node refuses to start. */
public final class AofLoadException extends IOException {
    public AofLoadException(String message) {
        super(message);
    }

    public AofLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
