/**
 * The dataset: databases of keys with expiry, and the value types.
 *
 * <p>Why it exists: values must be stored compactly (keys and strings are plain {@code byte[]}, no
 * wrapper per key) and walked by others — the RDB writer, the AOF rewrite, SCAN — without knowing
 * how tables are laid out.
 *
 * <p>Design: a {@link io.rediha.node.store.Keyspace} holds numbered
 * {@link io.rediha.node.store.Database}s; each is a {@link io.rediha.node.store.Dict} (chained hash
 * table with Redis's reverse-binary SCAN cursor) whose nodes carry the LRU clock and, for keys with
 * a TTL, the expiry. String values are {@code byte[]}; lists, hashes, sets, sorted sets and streams are
 * {@link io.rediha.node.store.RedisValue}s. A {@link io.rediha.node.store.MemoryMeter} follows the
 * estimated size of everything stored, for INFO and maxmemory.
 *
 * <p>For persistence: walk with {@link io.rediha.node.store.Database#forEach} (key, value, expireAt
 * or -1); load with {@link io.rediha.node.store.Database#addWithExpire}; empty with
 * {@link io.rediha.node.store.Keyspace#flushAll}.
 *
 * <p>Guarantees: used on the command thread only; a lookup never returns a logically expired key;
 * a master deletes such a key when it sees it and tells the
 * {@link io.rediha.node.store.KeyspaceListener}s (so a DEL is propagated), a replica never does.
 * Writers call {@link io.rediha.node.store.Database#signalModified} for every key they change.
 */
package io.rediha.node.store;
