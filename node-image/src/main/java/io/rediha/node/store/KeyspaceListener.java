package io.rediha.node.store;

/**
 * Told about changes to keys. The server registers one to break WATCHes, count expired keys,
 * propagate expiry deletions as DEL and publish keyspace events; other subsystems may add theirs.
 * Listeners run on the command thread, inside the command that caused the change.
 */
public interface KeyspaceListener {
    /** A command changed {@code key} (signalled explicitly by write commands). */
    default void keyModified(Database db, byte[] key) {
    }

    /** {@code key} was deleted because its time to live passed (lazily or by the active cycle). */
    default void keyExpired(Database db, byte[] key) {
    }

    /** {@code key} was deleted to free memory under {@code maxmemory}. */
    default void keyEvicted(Database db, byte[] key) {
    }

    /** Every key of {@code db} is about to be removed (FLUSHDB, FLUSHALL, a full resync); it still holds them. */
    default void databaseEmptied(Database db) {
    }
}
