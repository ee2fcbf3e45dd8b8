package io.rediha.node.server;

import io.rediha.node.store.Bytes;
import io.rediha.node.store.Database;
import io.rediha.node.store.KeyspaceListener;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
        if (isExpired(db, key)) {
            expiredAtWatch.computeIfAbsent(c, k -> new HashSet<>()).add(wk);
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

    /**
     * A command changed {@code key}: its watchers' EXEC will fail. One exception, as in Redis 7: a
     * key that was already logically expired when watched and is now gone (deleted by lazy or
     * active expiry, or by DEL) has not changed for the watcher, who saw it as missing all along.
     */
    @Override
    public void keyModified(Database db, byte[] key) {
        if (watchers.isEmpty()) {
            return;
        }
        WatchedKey wk = new WatchedKey(db.id(), new Bytes(key));
        Set<Client> s = watchers.get(wk);
        if (s == null) {
            return;
        }
        for (Client c : s) {
            Set<WatchedKey> expired = expiredAtWatch.get(c);
            if (expired != null && expired.contains(wk)) {
                if (!db.holds(key)) {
                    expired.remove(wk); // deleted keys are not expired ones any more
                    continue;
                }
            }
            c.watchBroken = true;
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

    /** FLUSHDB, FLUSHALL or a full resync is about to empty {@code db}. */
    @Override
    public void databaseEmptied(Database db) {
        touchAllWatchedKeys(db, null);
    }

    /** SWAPDB is about to swap the contents of {@code a} and {@code b}. */
    public void databasesSwapping(Database a, Database b) {
        touchAllWatchedKeys(a, b);
        touchAllWatchedKeys(b, a);
    }

    /**
     * Breaks the watchers of keys of {@code emptied} whose value changes when its contents go
     * away, replaced by those of {@code replacement} (null: by nothing). A watched key that exists
     * on neither side did not change; a key that was expired and stays missing or expired did not
     * change either; a missing key that becomes an expired one is now watched as expired.
     */
    private void touchAllWatchedKeys(Database emptied, Database replacement) {
        if (watchers.isEmpty()) {
            return;
        }
        for (Map.Entry<WatchedKey, Set<Client>> e : watchers.entrySet()) {
            WatchedKey wk = e.getKey();
            if (wk.db() != emptied.id()) {
                continue;
            }
            byte[] key = wk.key().data();
            boolean inEmptied = emptied.holds(key);
            boolean inReplacement = replacement != null && replacement.holds(key);
            if (!inEmptied && !inReplacement) {
                continue;
            }
            boolean expiredInReplacement = inReplacement && isExpired(replacement, key);
            for (Client c : e.getValue()) {
                Set<WatchedKey> expired = expiredAtWatch.get(c);
                if (expired != null && expired.contains(wk)) {
                    if (!inReplacement) {
                        expired.remove(wk);
                        continue;
                    }
                    if (expiredInReplacement) {
                        continue;
                    }
                } else if (!inEmptied && expiredInReplacement) {
                    expiredAtWatch.computeIfAbsent(c, k -> new HashSet<>()).add(wk);
                    continue;
                }
                c.watchBroken = true;
            }
        }
    }

    private static boolean isExpired(Database db, byte[] key) {
        long at = db.getExpire(key);
        return at != -1 && at <= db.keyspace().now();
    }
}
