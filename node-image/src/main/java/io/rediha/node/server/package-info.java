/**
 * The server: sockets, the command thread, client state, dispatch, and the shared machinery of a
 * Redis-compatible node (pub/sub, WATCH, expiry cycle, eviction, INFO, slow log).
 *
 * <p>Why it exists: Redis's guarantees — commands run one at a time in arrival order, MULTI/EXEC is
 * atomic, a write's effect reaches the AOF and replicas in the order it happened — all follow from
 * one thread owning all state. {@link io.rediha.node.server.RedisServer} runs one Netty event loop
 * that does the network I/O and runs every command, like Redis's main thread; nothing is locked.
 *
 * <p>Design, following a SET from socket to reply:
 * {@code RespCommandDecoder} (in {@code resp}) yields a {@code byte[][]};
 * {@link io.rediha.node.server.ClientHandler} hands it to the
 * {@link io.rediha.node.server.Dispatcher}, which looks it up in the {@code CommandTable}, checks
 * arity, authentication, {@link io.rediha.node.server.CommandGuard}s, the pub/sub context, MULTI
 * queueing, CLIENT PAUSE and maxmemory, and {@linkplain io.rediha.node.server.Dispatcher#call calls}
 * the handler; the handler writes its reply into the {@link io.rediha.node.server.Client}'s buffer;
 * if the dataset changed, the effect goes to {@link io.rediha.node.server.Propagation}; once per
 * loop round {@link io.rediha.node.server.RedisServer} runs the before-flush hooks and writes every
 * pending reply (one system call per client per round).
 *
 * <p>Extension points (stable API for persistence, replication, sentinel, tests):
 * <ul>
 *   <li>{@link io.rediha.node.server.RedisServer#RedisServer(io.rediha.node.config.ConfigRegistry,
 *       io.rediha.node.command.CommandTable)}, {@code start()}, {@code close()}, {@code port()}:
 *       an in-process server with any command table.</li>
 *   <li>{@link io.rediha.node.server.RedisServer#executor()}: the command thread (an event loop and
 *       scheduler) for timers and cron work; {@code callOnCommandThread} to run and wait;
 *       {@code addCronHook} to run at {@code hz}.</li>
 *   <li>{@link io.rediha.node.server.Propagation}: {@code addListener((db, argv) -> ...)} receives
 *       every write's effect (EX rewritten to PXAT, expiries as DEL, transactions as MULTI ... EXEC);
 *       {@code fromMasterStream()} tells a replica's own stream apart.</li>
 *   <li>{@link io.rediha.node.server.RedisServer#addBeforeFlushHook}: runs before replies are written
 *       (AOF {@code appendfsync always}).</li>
 *   <li>{@link io.rediha.node.server.InfoRegistry#register}: add or replace INFO sections
 *       (Replication, Persistence are placeholders to replace).</li>
 *   <li>{@link io.rediha.node.server.RedisServer#addCommandGuard}: READONLY, NOREPLICAS, MASTERDOWN.</li>
 *   <li>{@link io.rediha.node.server.RedisServer#createPseudoClient()} and
 *       {@link io.rediha.node.server.Client#markMaster}: apply a master's stream or an AOF through
 *       normal dispatch, replies dropped; {@link io.rediha.node.server.Client#block}/{@code unblock}
 *       for WAIT; {@link io.rediha.node.server.Client#writeRaw} and {@code markReplica} for replica
 *       links; {@code addClientCloseListener}; {@link io.rediha.node.server.Client#mayBlock()} tells
 *       whether a blocking command may wait (not inside EXEC, not for pseudo clients).</li>
 *   <li>{@link io.rediha.node.server.BlockingKeys}: clients waiting on keys (BLPOP and friends),
 *       re-run when a writer signals the key.</li>
 *   <li>{@link io.rediha.node.server.RedisServer#setRoleSupplier}, {@code addShutdownHook},
 *       {@link io.rediha.node.server.ServerExtension} (ServiceLoader) to plug into
 *       {@code node.jar server} without editing {@link io.rediha.node.server.ServerMain}.</li>
 * </ul>
 *
 * <p>Guarantees: every request gets exactly one reply, in order (or none under CLIENT REPLY
 * OFF/SKIP); a failing handler is answered with an error and never stops the loop; replies are
 * flushed only after the before-flush hooks have run.
 */
package io.rediha.node.server;
