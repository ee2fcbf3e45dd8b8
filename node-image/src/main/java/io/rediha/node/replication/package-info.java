/**
 * Master-replica replication, wire-compatible with Redis 7.0 in both directions.
 *
 * <p>Why it exists: failover needs replicas that hold the master's data; Sentinel and clients read
 * the state through INFO replication and ROLE, so the fields and their order are Redis's.
 *
 * <p>Design: {@link io.rediha.node.replication.ReplicationState} owns the one replication stream
 * (fed from the server's propagation point, with SELECT on db change), the backlog, replid/replid2
 * and the attached replicas; PSYNC is answered with +CONTINUE from the backlog when the history
 * matches, else +FULLRESYNC with an image of the dataset taken on the command thread at that
 * exact offset: to a replica with {@code capa eof} it is streamed in the diskless
 * {@code $EOF:<mark>} form, serialized on a transfer thread while it is sent, and the stream
 * follows once the replica's first ACK says it has loaded it
 * ({@link io.rediha.node.replication.FullSyncSnapshots}); others get {@code $len} framing and the
 * stream right after. {@link io.rediha.node.replication.ReplicaLink} is the replica side on its
 * own thread with blocking I/O: handshake, the payload parsed as it arrives into a fresh keyspace,
 * then the tables moved in on the command thread in one step; the stream is applied in batches,
 * and forwarded byte for byte to
 * our own replicas (chains) and backlog. {@link io.rediha.node.replication.ReplicationExtension}
 * plugs it into the server: commands, guards (READONLY, NOREPLICAS, MASTERDOWN), INFO, WAIT.
 *
 * <p>Guarantees: a replica never installs a payload it did not receive and parse completely (the
 * old dataset stays and the link retries with backoff); promotion keeps the old replid as replid2
 * so the other replicas continue by partial resync; WAIT counts replicas whose ACK reached the
 * calling client's last write.
 */
package io.rediha.node.replication;
