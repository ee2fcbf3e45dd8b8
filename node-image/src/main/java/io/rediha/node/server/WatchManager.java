package io.rediha.node.server;

import io.rediha.node.store.Bytes;
import io.rediha.node.store.Database;
import io.rediha.node.store.KeyspaceListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WATCH bookkeeping: which clients watch which keys. A change to a watched key (signalled by the
 * command that made it, or by expiry, eviction or a flush) marks its watchers so that their EXEC
 * fails. Cheap when nobody watches: one map lookup per changed key, skipped when the map is empty.
 */
public final class WatchManager implements KeyspaceListener {
    private final Map<WatchedKey, Set<Client>> watchers = new HashMap<>();
    /** Keys that were already logically expired when watched: expiry of those does not count. */
    private final Map<Client, Set<WatchedKey>> expiredAtWatch = new HashMap<>();

    WatchManager(RedisServer server) {
    }

    public void watch(Client c, Database db, byte[] key) {
        WatchedKey wk = new WatchedKey(db.id(), new Bytes(key));
        if (!c.watched.add(wk)) {
            return;
        }
        long at = db.getExpire(key);
        if (at != -1 && at <= db.keyspace().now()) {
            expiredAtWatch.computeIfAbsent(c, k -> new java.util.HashSet<>()).add(wk);
        }
        watchers.computeIfAbsent(wk, k -> new LinkedHashSet<>()).add(c);
    }

    public void unwatchAll(Client c) {
        for (WatchedKey wk : c.watched) {
            Set<Client> s = watchers.get(wk);
            if (s != null) {
                s.remove(c);
                if (s.isEmpty()) {
                    watchers.remove(wk);
                }
            }
        }
        c.watched.clear();
        c.watchBroken = false;
        expiredAtWatch.remove(c);
    }

    /**
     * True when a watched key has expired since it was watched, though nobody touched it yet (Redis
     * 7 aborts EXEC in that case too).
     */
    public boolean anyWatchedKeyExpired(Client c, io.rediha.node.store.Keyspace ks) {
        Set<WatchedKey> skip = expiredAtWatch.getOrDefault(c, Set.of());
        for (WatchedKey wk : c.watched) {
            if (skip.contains(wk)) {
                continue;
            }
            Database db = ks.db(wk.db());
            long at = db.getExpire(wk.key().data());
            if (at != -1 && at <= ks.now()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void keyModified(Database db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        Set<Client> s = watchers.get(new WatchedKey(db.id(), new Bytes(key)));
        if (s != null) {
            for (Client c : s) {
                c.watchBroken = true;
            }
        }
    }

    @Override
    public void keyExpired(Database db, byte[] key) {
        keyModified(db, key);
    }

    @Override
    public void keyEvicted(Database db, byte[] key) {
        keyModified(db, key);
    }

    @Override
    public void databaseEmptied(Database db) {
        if (watchers.isEmpty()) {
            return;
        }
        List<WatchedKey> keys = new ArrayList<>(watchers.keySet());
        for (WatchedKey wk : keys) {
            if (wk.db() == db.id()) {
                for (Client c : watchers.get(wk)) {
                    c.watchBroken = true;
                }
            }
        }
    }
}
