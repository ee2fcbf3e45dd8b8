package io.rediha.node.persistence.rdb;

import java.io.IOException;

/** The bytes are not a valid RDB (or DUMP payload); carries the offset where reading failed. */
public final class RdbFormatException extends IOException {
    private final long offset;

    public RdbFormatException(String message, long offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public RdbFormatException(String message, long offset, Throwable cause) {
        super(message + " (at byte " + offset + ")", cause);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
