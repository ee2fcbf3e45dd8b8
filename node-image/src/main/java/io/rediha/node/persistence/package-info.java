/**
 * Persistence: RDB snapshots and the append-only file, in Redis 7's own formats, so a rediha node
 * can load the files of an existing Redis server and Redis can load ours.
 *
 * <p>Why it exists: a node that loses its dataset on restart cannot be failed back to, and users
 * bring data from their scattered Redis servers as dump.rdb or AOF directories.
 *
 * <p>Design: {@link io.rediha.node.persistence.PersistenceExtension} plugs into the server
 * ({@code ServerExtension}) and owns SAVE, BGSAVE, LASTSAVE, BGREWRITEAOF, DUMP/RESTORE, save
 * points, the INFO persistence section and loading at start (AOF when {@code appendonly yes},
 * else the RDB). {@link io.rediha.node.persistence.Snapshots} turns the keyspace into RDB bytes and
 * back; {@link io.rediha.node.persistence.AofPersistence} appends every propagated write.
 * Java cannot fork, so a consistent image is taken on the command thread (a pause proportional to
 * the dataset): serialized at once for files, or, for a full sync, captured as a
 * {@link io.rediha.node.persistence.Snapshots.Image} (one walk, no serialization) that another
 * thread serializes while the server goes on.
 *
 * <p>Guarantees: with {@code appendfsync always} a write is written and fsynced before its reply
 * leaves (the server's before-flush hook); with {@code everysec} it is written to the OS before the
 * reply and fsynced within about a second. Files are replaced by atomic rename after fsync. A
 * truncated AOF tail is cut back with a warning (aof-load-truncated); corruption stops the start
 * with file and offset named. {@code java -jar node.jar check-aof [--fix]} is redis-check-aof.
 */
package io.rediha.node.persistence;
