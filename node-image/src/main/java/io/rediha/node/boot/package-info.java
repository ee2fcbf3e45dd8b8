/**
 * The image's entrypoint: one image runs every role, chosen by its argument and configured from
 * environment variables only ({@code java -jar node.jar image master|slave|replica|sentinel|help}).
 *
 * <p>Why it exists: existing Redis images fix a container's role at deploy time. After a failover
 * the container called "master" is a replica, and restarting it as a master makes two masters
 * (split brain) or, with an empty volume, lets the replicas copy an empty data set. Here the
 * {@code master} argument only means "become master if no sentinel knows one".
 *
 * <p>Design: {@link io.rediha.node.boot.BootSettings} reads and validates the environment
 * (both the lowercase names Rancher-style deployments pass and the uppercase ones) and fails with
 * a message naming the variable to fix. For a data node, {@link io.rediha.node.boot.StartPlanner}
 * asks the given sentinels where the master is ({@link io.rediha.node.boot.SentinelProbe}) and
 * decides the start role; {@link io.rediha.node.boot.ServerConfigFile} writes the redis.conf the
 * server then starts from, in this same process. For a sentinel,
 * {@link io.rediha.node.boot.SentinelConfigFile} updates {@code /data/sentinel.conf} in place, so
 * what the sentinel learned (current master, epochs, known peers, its {@code myid}) survives
 * restarts and no line is duplicated.
 *
 * <p>Guarantees: a data node never starts as master while a reachable sentinel names another
 * master; a node that would start as master with an empty data directory and no sentinel to
 * confirm it says so loudly (and refuses with {@code REDIHA_REFUSE_EMPTY_MASTER=yes}). Bad input
 * ends the process with a non-zero code from {@link io.rediha.node.boot.ExitStatus} before anything
 * is written.
 */
package io.rediha.node.boot;
