package io.rediha.node.resp;

/**
 * The unprocessed input of a connection grew past {@code client-query-buffer-limit}. Redis closes
 * such a connection without a reply and logs it; so do we.
 */
public final class QueryBufferLimitException extends RuntimeException {
    private final long size;

    public QueryBufferLimitException(long size) {
        super("query buffer of " + size + " bytes exceeds client-query-buffer-limit", null, false, false);
        this.size = size;
    }

    public long size() {
        return size;
    }
}
