/**
 * The failover drill behind {@code rediha test-failover}: it breaks the current master on purpose and
 * proves, with numbers, that the service and the acknowledged data survived.
 *
 * <p>Why it exists: "we run Sentinel" is a claim; a drill is evidence. A team needs to see how long
 * writes were refused, whether anything the application was told had been stored went missing, and
 * whether the broken node came back as a replica, measured on the deployment they actually run.
 *
 * <p>Design. A drill is a sequence of rounds ({@link io.rediha.cli.drill.DrillRound}); each round runs
 * the same script against whatever master the sentinels name at that moment:
 * <ol>
 *   <li>{@link io.rediha.cli.drill.Preflight}: every sentinel answers and names the same healthy master,
 *       every replica is linked; anything else stops the drill before it breaks something.</li>
 *   <li>{@link io.rediha.cli.drill.WriteLoad}: K writers write unique keys through a real
 *       {@code JedisSentinelPool}, as an application would, logging every attempt and its outcome.</li>
 *   <li>A {@link io.rediha.cli.drill.DrillTarget} injects the fault into the master; the moment is t0.
 *       Faults are registered with the {@link io.rediha.cli.drill.FaultGuard} before they are injected,
 *       so every exit path, Ctrl-C included, heals them.</li>
 *   <li>{@link io.rediha.cli.drill.SentinelEvents} records the sentinels' pub/sub events while the round
 *       polls the sentinels and nodes; together they give the timeline
 *       ({@link io.rediha.cli.drill.Milestone}).</li>
 *   <li>{@link io.rediha.cli.drill.DataCheck} compares what the writers were told with what the new
 *       master holds; {@link io.rediha.cli.drill.NodeDigest} compares every node with the master after
 *       the old master rejoined.</li>
 * </ol>
 *
 * <p>Guarantees callers rely on: every wait is bounded by the drill's timeout; a fault that was injected
 * is healed exactly once, whatever happens; the drill never writes outside its own key prefix
 * ({@code rediha-drill:<run>:}) and removes its keys at the end of each round unless asked to keep them.
 * The engine talks to the cluster only through sentinels, Redis commands and a {@code DrillTarget}, so
 * the same code drills our Docker and local runtimes and a deployment rediha did not create.
 */
package io.rediha.cli.drill;
