/**
 * Master-replica replication, wire-compatible with Redis 7.0 in both directions.
 *
 * <p>Why it exists: failover needs replicas that hold the master's data; Sentinel and clients read
 * the state through INFO replication and ROLE, so the fields and their order are Redis's.
 *
 * <p>Design: {@link io.rediha.node.replication.ReplicationState} owns the one replication stream
 * (fed from the server's propagation point, with SELECT on db change), the backlog, replid/replid2
 * and the attached replicas; PSYNC is answered with +CONTINUE from the backlog when the history
 * matches, else +FULLRESYNC with an RDB image taken on the command thread at that exact offset
 * (disk-style {@code $len} framing; the stream follows on the same socket).
 * {@link io.rediha.node.replication.ReplicaLink} is the replica side on its own thread with
 * blocking I/O: handshake, payload to a temp file, load into a fresh keyspace, then an atomic
 * swap on the command thread; the stream is applied in batches, and forwarded byte for byte to
 * our own replicas (chains) and backlog. {@link io.rediha.node.replication.ReplicationExtension}
 * plugs it into the server: commands, guards (READONLY, NOREPLICAS, MASTERDOWN), INFO, WAIT.
 *
 * <p>Guarantees: a replica never installs a payload it did not receive and parse completely (the
 * old dataset stays and the link retries with backoff); promotion keeps the old replid as replid2
 * so the other replicas continue by partial resync; WAIT counts replicas whose ACK reached the
 * calling client's last write.
 */
package io.rediha.node.replication;
