/**
 * Whether a rediha cluster is healthy, asked of the nodes themselves over the Redis protocol
 * (Jedis), never inferred from container states.
 *
 * <p>{@link io.rediha.cli.health.NodeProbe} asks one node what it is: {@code ROLE} and
 * {@code INFO replication} for a data node, {@code SENTINEL MASTER} and {@code SENTINEL CKQUORUM}
 * for a sentinel. {@link io.rediha.cli.health.HealthChecker} probes every node in parallel (a
 * paused node costs one socket timeout, not one per node) and judges the whole:
 * exactly one node answers as master; every other data node is linked to it, which is checked
 * from the master's own list of replicas, because a replica names its master by whatever
 * host name it was given; every sentinel sees that master, the full number of replicas and of
 * other sentinels, and its quorum check passes. Everything short of that is a
 * {@link io.rediha.cli.health.ClusterHealth#problems() problem} in words a user can act on.
 * The live role is what counts: after a failover a container of service {@code slave} is the
 * master, and the checker says so.
 */
package io.rediha.cli.health;
