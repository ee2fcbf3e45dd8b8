/**
 * The Sentinel: monitors masters and their replicas, agrees with its peers that a master is down,
 * elects a leader, promotes a replica, and tells clients where the master is now. Compatible with
 * Redis Sentinel 7.0 on the wire, so redis-cli, Jedis, Lettuce and redis-py work unchanged and
 * our sentinels and {@code redis-sentinel} processes can share one deployment.
 *
 * <p><b>Why it exists.</b> Losing the master host must cost seconds, not an operator's night: the
 * sentinels find out, agree, and move every client to a new master by themselves.
 *
 * <p><b>Design.</b> {@link io.rediha.node.sentinel.SentinelMain} reads sentinel.conf
 * ({@link io.rediha.node.sentinel.SentinelConfig}) and runs the node's server with the sentinel
 * command table ({@link io.rediha.node.sentinel.SentinelCommands}). All sentinel state lives on
 * that server's single command thread, in {@link io.rediha.node.sentinel.Sentinel}: a
 * {@link io.rediha.node.sentinel.MonitoredMaster} per master name, holding its
 * {@link io.rediha.node.sentinel.MonitoredReplica}s and {@link io.rediha.node.sentinel.PeerSentinel}s.
 * The timer runs each instance through Redis's two halves:
 * <ul>
 *   <li>monitoring: {@link io.rediha.node.sentinel.LinkManager} keeps the links (cmd and pubsub
 *       connections on the node's own RESP client), {@link io.rediha.node.sentinel.PeriodicCommands}
 *       sends PING, INFO and the hello message, {@link io.rediha.node.sentinel.InfoHandler} and
 *       {@link io.rediha.node.sentinel.HelloHandler} learn from the answers;</li>
 *   <li>acting (never in TILT, see {@link io.rediha.node.sentinel.TiltDetector}):
 *       {@link io.rediha.node.sentinel.Availability} decides SDOWN and ODOWN,
 *       {@link io.rediha.node.sentinel.Agreement} asks peers, answers their vote requests and starts
 *       attempts, {@link io.rediha.node.sentinel.FailoverStateMachine} runs the failover, choosing with
 *       {@link io.rediha.node.sentinel.ReplicaSelector} and electing with
 *       {@link io.rediha.node.sentinel.LeaderElection}.</li>
 * </ul>
 * Every state change rewrites sentinel.conf atomically ({@link io.rediha.node.sentinel.ConfigRewriter}),
 * so a restarted sentinel resumes with its id, epochs, vote and everything it had discovered.
 *
 * <p><b>Where we differ from Redis Sentinel, and why it is safe.</b> Redis waits in places where
 * nothing is gained by waiting; we do not:
 * <ul>
 *   <li>PING eight times per down-after period, so SDOWN follows the failure by
 *       down-after plus a fraction of a second (the definition of down-after is unchanged);</li>
 *   <li>peers are asked every 100 ms until ODOWN, and every answer is acted on at once (ODOWN,
 *       start, election, promotion, INFO right behind SLAVEOF NO ONE);</li>
 *   <li>retry timing after a lost or split election and after voting for a leader that then
 *       died ({@link io.rediha.node.sentinel.Agreement}): each attempt still takes a fresh epoch,
 *       one vote per sentinel per epoch and a majority of all known sentinels;</li>
 *   <li>the old master, back after a failover we know about, is converted to a replica at its
 *       first answer instead of after Redis's ~10 s ({@link io.rediha.node.sentinel.InfoHandler}),
 *       so it does not accept writes that are about to be thrown away;</li>
 *   <li>replica entries that are down and no longer listed by their master are forgotten, and a
 *       sentinel replaced at the same address is dropped, so restarted containers leave no stale
 *       duplicates behind (Redis keeps both forever).</li>
 * </ul>
 *
 * <p><b>Guarantees.</b> At most one leader per epoch; a failover needs a majority of every sentinel
 * ever seen for the master and at least quorum votes; the highest config epoch wins when sentinels
 * disagree; nothing is decided in TILT. Events, records, errors and config lines use Redis's
 * names and formats.
 */
package io.rediha.node.sentinel;
