package io.rediha.node.sentinel;

/**
 * Time for the sentinel. {@link #now()} is monotonic milliseconds and drives every timeout, so a
 * wall-clock step never fakes an SDOWN; {@link #wallMillis()} is only compared with it to notice
 * that the wall clock jumped (one of the TILT triggers).
 */
interface SentinelClock {
    long now();

    long wallMillis();

    SentinelClock SYSTEM = new SentinelClock() {
        private final long origin = System.nanoTime();

        @Override
        public long now() {
            // Offset so that 0 keeps meaning "never" in instance timestamps.
            return (System.nanoTime() - origin) / 1_000_000L + 1_000_000L;
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };
}
