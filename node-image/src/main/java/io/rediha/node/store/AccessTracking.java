package io.rediha.node.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What a key's {@link Dict.Node#lru} field records, as in Redis: under an LRU (or any non-LFU)
 * policy, the LRU clock (seconds) of the last access; under an LFU policy, a 24-bit word of
 * minutes (high 16 bits, when the counter was last decayed) and an 8-bit logarithmic access
 * counter. The counter starts at 5 so new keys are not evicted at once, grows with probability
 * 1 / ((counter - 5) * lfu-log-factor + 1) per access, and loses one per lfu-decay-time minutes.
 *
 * <p>Process-wide like {@link EncodingLimits}: servers in one process share the policy settings.
 */
public final class AccessTracking {
    private static final int LFU_INIT = 5;

    private AccessTracking() {
    }

    /** True under volatile-lfu or allkeys-lfu; the server sets these from its configuration. */
    public static volatile boolean lfu;
    public static volatile long lfuLogFactor = 10;
    public static volatile long lfuDecayTime = 1;

    /** The field of a key created now. */
    public static int initial() {
        return lfu ? (minutes() << 8) | LFU_INIT : Keyspace.lruClock();
    }

    /** The field after an access. */
    public static int accessed(int field) {
        if (!lfu) {
            return Keyspace.lruClock();
        }
        return (minutes() << 8) | logIncrement(counter(field));
    }

    /** OBJECT FREQ: the access counter, decayed to now. */
    public static int counter(int field) {
        int counter = field & 0xff;
        long periods = lfuDecayTime > 0 ? minutesSince(field >>> 8) / lfuDecayTime : 0;
        return periods > counter ? 0 : counter - (int) periods;
    }

    /** RESTORE ... FREQ n under LFU. */
    public static int withFrequency(int frequency) {
        return (minutes() << 8) | Math.min(255, frequency);
    }

    /** RESTORE ... IDLETIME s under LRU: as if last touched {@code seconds} ago. */
    public static int withIdleSeconds(long seconds) {
        long clock = Keyspace.lruClock() - seconds;
        return (int) (clock >= 0 ? clock : clock + 0x1000000) & 0xFFFFFF;
    }

    private static int logIncrement(int counter) {
        if (counter == 255) {
            return 255;
        }
        double base = Math.max(0, counter - LFU_INIT);
        double p = 1.0 / (base * lfuLogFactor + 1);
        return ThreadLocalRandom.current().nextDouble() < p ? counter + 1 : counter;
    }

    private static int minutes() {
        return (int) ((System.currentTimeMillis() / 60000) & 0xFFFF);
    }

    private static long minutesSince(int then) {
        int now = minutes();
        return now >= then ? now - then : 0xFFFF - then + now;
    }
}
