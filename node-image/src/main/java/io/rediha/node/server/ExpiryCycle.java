package io.rediha.node.server;

import io.rediha.node.store.Database;

/**
 * The active expiry cycle, run from the cron: keys that expire but are never read again must
 * still go. Each run samples keys with a TTL in every database, deletes the expired ones, and
 * repeats in a database while more than a quarter of a sample was expired — so the share of
 * expired-but-present keys stays small — within a time budget of a quarter of the cron period
 * (scaled by {@code active-expire-effort}), so the command thread never stalls on it.
 */
final class ExpiryCycle {
    private static final int SAMPLES = 20;
    private final RedisServer server;
    private int nextDb;

    ExpiryCycle(RedisServer server) {
        this.server = server;
    }

    void run(long now) {
        if (server.keyspace().replicaMode() || !io.rediha.node.command.DebugCommand.activeExpireEnabled()) {
            return;
        }
        int hz = Math.max(1, server.config().getInt("hz"));
        int effort = server.config().getInt("active-expire-effort");
        long budgetNanos = (1_000_000_000L / hz) * (25 + 2 * (effort - 1)) / 100;
        int samples = SAMPLES + SAMPLES / 4 * (effort - 1);
        long deadline = System.nanoTime() + budgetNanos;
        int dbs = server.keyspace().databases();
        for (int i = 0; i < dbs; i++) {
            Database db = server.keyspace().db(nextDb);
            nextDb = (nextDb + 1) % dbs;
            int rounds = 0;
            while (db.expiresCount() > 0) {
                int[] r = db.sampleExpired(samples, now);
                if (r[0] == 0 || r[1] * 4 <= r[0]) {
                    break;
                }
                if ((++rounds & 15) == 0 && System.nanoTime() > deadline) {
                    server.stats().expiredTimeCapReachedCount++;
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                return;
            }
        }
    }
}
