package io.rediha.node.server;

import io.rediha.node.store.Database;
import io.rediha.node.store.KeyspaceListener;
import java.nio.charset.StandardCharsets;

/**
 * What happens when a key expires or is evicted, whoever noticed: count it, publish the
 * {@code expired}/{@code evicted} keyspace event, and propagate a DEL so the AOF and replicas delete
 * it too (a replica never expires keys on its own).
 */
final class ExpiryEffects implements KeyspaceListener {
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private final RedisServer server;

    ExpiryEffects(RedisServer server) {
        this.server = server;
    }

    @Override
    public void keyExpired(Database db, byte[] key) {
        server.stats().expiredKeys++;
        server.propagation().alsoPropagate(db.id(), DEL, key);
        server.pubsub().notifyKeyspaceEvent(PubSub.EXPIRED, "expired", key, db.id());
    }

    @Override
    public void keyEvicted(Database db, byte[] key) {
        server.stats().evictedKeys++;
        server.propagation().alsoPropagate(db.id(), DEL, key);
        server.pubsub().notifyKeyspaceEvent(PubSub.EVICTED, "evicted", key, db.id());
    }
}
