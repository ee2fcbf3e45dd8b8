package io.rediha.node.server;

import io.rediha.node.store.AccessTracking;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;
import io.rediha.node.store.Keyspace;

/**
 * maxmemory: when the dataset estimate is over the limit, frees memory by the configured policy
 * before a command that may grow memory runs; when it cannot, the command is refused with OOM.
 *
 * <p>The choice is approximate, as in Redis: each step samples {@code maxmemory-samples} keys
 * (from all keys, or only keys with a TTL for the {@code volatile-*} policies) in every database and
 * evicts the best one — least recently used for {@code *-lru} (and, as an approximation, for
 * {@code *-lfu}), soonest to expire for {@code volatile-ttl}, any for {@code *-random}. A run is
 * bounded in time so a big gap is closed over several commands instead of one long stall.
 */
final class Evictor {
    /** Memory of an empty server that INFO adds to the dataset estimate (tables, buffers, clients). */
    static final long BASE_OVERHEAD = 900_000;
    private static final long MAX_RUN_NANOS = 2_000_000;
    private final RedisServer server;

    Evictor(RedisServer server) {
        this.server = server;
    }

    /** The estimate INFO reports as used_memory. */
    long usedMemory() {
        return BASE_OVERHEAD + server.keyspace().meter().bytes();
    }

    /**
     * True when the server is over maxmemory and eviction could not bring it under: the caller
     * refuses the command with OOM.
     */
    boolean outOfMemory() {
        long max = server.limits().maxmemory;
        if (max <= 0 || usedMemory() <= max) {
            return false;
        }
        if (server.keyspace().replicaMode() && server.config().getBool("replica-ignore-maxmemory")) {
            return false;
        }
        String policy = server.config().getString("maxmemory-policy");
        if (policy.equals("noeviction")) {
            return true;
        }
        long deadline = System.nanoTime() + MAX_RUN_NANOS;
        int samples = server.config().getInt("maxmemory-samples");
        boolean volatileOnly = policy.startsWith("volatile-");
        Keyspace ks = server.keyspace();
        while (usedMemory() > max) {
            Database bestDb = null;
            Dict.Node best = null;
            for (int d = 0; d < ks.databases(); d++) {
                Database db = ks.db(d);
                if (db.size() == 0 || (volatileOnly && db.expiresCount() == 0)) {
                    continue;
                }
                for (int i = 0; i < samples; i++) {
                    Dict.Node n = volatileOnly ? db.randomVolatileNode() : db.randomNode();
                    if (n == null) {
                        break;
                    }
                    if (best == null || better(policy, n, best)) {
                        best = n;
                        bestDb = db;
                    }
                }
            }
            if (best == null) {
                return true;
            }
            bestDb.evict(best.key);
            if (System.nanoTime() > deadline) {
                return usedMemory() > max;
            }
        }
        return false;
    }

    private static boolean better(String policy, Dict.Node candidate, Dict.Node best) {
        if (policy.endsWith("-random")) {
            return false;
        }
        if (policy.equals("volatile-ttl")) {
            return candidate.expireAt() < best.expireAt();
        }
        if (policy.endsWith("-lfu")) { // the least frequently used goes first
            return AccessTracking.counter(candidate.lru) < AccessTracking.counter(best.lru);
        }
        return Keyspace.idleSeconds(candidate.lru) > Keyspace.idleSeconds(best.lru);
    }
}
