package io.rediha.node.resp;

/**
 * The limits a {@link RespCommandDecoder} enforces, read on every frame so that CONFIG SET takes
 * effect on open connections too.
 */
public interface RespLimits {
    /** Largest bulk argument accepted ({@code proto-max-bulk-len}). */
    long maxBulkLength();

    /** Largest unprocessed input kept for one connection ({@code client-query-buffer-limit}). */
    long maxQueryBuffer();

    /**
     * Whether the connection has authenticated. Before it has, Redis accepts only small frames
     * (at most 10 arguments of at most 16 KB), so an anonymous peer cannot make us buffer much.
     */
    boolean authenticated();

    /** Default limits: Redis's defaults, always authenticated. */
    RespLimits DEFAULT = new RespLimits() {
        @Override
        public long maxBulkLength() {
            return 512L * 1024 * 1024;
        }

        @Override
        public long maxQueryBuffer() {
            return 1024L * 1024 * 1024;
        }

        @Override
        public boolean authenticated() {
            return true;
        }
    };
}
