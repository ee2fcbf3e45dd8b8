package io.rediha.node.server;

import io.rediha.node.command.CommandException;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.store.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * From an argument vector to a reply: lookup, the checks every command passes (arity,
 * authentication, guards, pub/sub context, MULTI queueing, memory), then {@link #call}, which runs
 * the handler, accounts for it and hands its effect to {@link Propagation}.
 *
 * <p>Order of checks follows Redis, because clients see which error wins: unknown command, then
 * arity, then NOAUTH, then ACL permissions (NOPERM), then guards (READONLY, NOREPLICAS...), then the RESP2 pub/sub context, then
 * queueing inside MULTI, then OOM. A command refused inside MULTI makes EXEC fail with EXECABORT.
 */
public final class Dispatcher {
    private static final Set<String> RUN_INSIDE_MULTI = Set.of("exec", "discard", "multi", "watch", "quit", "reset");
    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("ping", "subscribe", "ssubscribe",
            "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");
    private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);

    private final RedisServer server;
    private int depth;

    Dispatcher(RedisServer server) {
        this.server = server;
    }

    /** A request from the network: runs now, or waits behind earlier ones while the client is blocked. */
    void process(Client c, byte[][] argv) {
        if (c.isClosed() || c.shouldCloseAfterReply()) {
            return; // after QUIT (or a protocol error) nothing more is read, as in Redis
        }
        if (c.isBlocked() || !c.waiting.isEmpty()) {
            c.waiting.add(argv);
            return;
        }
        execute(c, argv);
    }

    /** Runs the requests that arrived while the client was blocked, until it blocks again. */
    void resumeWaiting(Client c) {
        while (!c.isBlocked() && !c.isClosed() && !c.waiting.isEmpty()) {
            execute(c, c.waiting.poll());
        }
    }

    /** Lookup, checks, and {@link #call}; every path writes exactly one reply (or blocks). */
    public void execute(Client c, byte[][] argv) {
        long now = System.currentTimeMillis();
        c.lastInteractionMillis = now;
        if (depth > 0) {
            checkAndCall(c, argv);
            return;
        }
        server.keyspace().setCommandTime(now);
        try {
            checkAndCall(c, argv);
        } finally {
            server.keyspace().setCommandTime(0);
        }
        if (server.blocking().hasReady()) {
            server.blocking().serveReady();
        }
    }

    private void checkAndCall(Client c, byte[][] argv) {
        CommandSpec cmd = server.commands().lookup(argv[0]);
        if (cmd == null) {
            reject(c, null, ErrorReplies.unknownCommand(argv));
            return;
        }
        if (cmd.hasSubcommands() && !(argv.length == 1 && cmd.handler() != null)) {
            if (argv.length < 2) {
                reject(c, cmd, ErrorReplies.arity(cmd.fullName()));
                return;
            }
            CommandSpec sub = cmd.subcommand(new String(argv[1], StandardCharsets.UTF_8));
            if (sub == null) {
                reject(c, cmd, ErrorReplies.unknownSubcommand(cmd.name(), argv[1]));
                return;
            }
            cmd = sub;
        }
        c.setLastCommand(cmd.fullName()); // CLIENT LIST's cmd=, set before any check as in Redis
        if (!cmd.arityAccepts(argv.length)) {
            reject(c, cmd, ErrorReplies.arity(cmd.fullName()));
            return;
        }
        if (!c.isAuthenticated() && !cmd.has(CommandFlag.NO_AUTH)) {
            reject(c, cmd, ErrorReplies.NOAUTH);
            return;
        }
        if (!c.aclUser().isUnrestricted()) {
            String denied = server.acl().check(c, cmd, argv);
            if (denied != null) {
                reject(c, cmd, denied);
                return;
            }
        }
        if (rejectedForMemory(c, cmd, base(cmd))) {
            return;
        }
        for (CommandGuard g : server.guards()) {
            String err = g.check(c, cmd, argv);
            if (err != null) {
                reject(c, cmd, err);
                return;
            }
        }
        String base = base(cmd);
        if (c.protocol() == 2 && c.subscriptionCount() > 0 && !ALLOWED_WHILE_SUBSCRIBED.contains(base)) {
            reject(c, cmd, ErrorReplies.format(ErrorReplies.NO_PERMISSION_SUB, cmd.fullName()));
            return;
        }
        if (c.inMulti && !RUN_INSIDE_MULTI.contains(base)) {
            if (cmd.has(CommandFlag.NO_MULTI)) {
                reject(c, cmd, ErrorReplies.COMMAND_NOT_ALLOWED_IN_MULTI);
                return;
            }
            c.queued.add(argv);
            c.writeRawReply(QUEUED);
            return;
        }
        if (server.clientPause().mustWait(c, cmd)) {
            c.waiting.addFirst(argv);
            c.block(ClientPause.REASON);
            return;
        }
        call(c, cmd, argv);
        // After the call, as Redis 7 does: a RESET or QUIT from a monitor is not echoed to itself.
        if (server.clients().hasMonitors() && !cmd.has(CommandFlag.SKIP_MONITOR) && !cmd.has(CommandFlag.ADMIN)) {
            server.clients().feedMonitors(c, argv);
        }
    }

    private static String base(CommandSpec cmd) {
        return cmd.parent() == null ? cmd.name() : cmd.parent().name();
    }

    /**
     * The maxmemory check, made before the guards and before queueing as in Redis: eviction runs
     * first (for every command), and when memory is still above the limit a command that may grow the dataset is
     * refused. Inside MULTI every command is refused but EXEC, DISCARD, QUIT and RESET, since
     * queueing itself takes memory; EXEC is refused when its queue holds such a command, and that
     * aborts the transaction.
     */
    private boolean rejectedForMemory(Client c, CommandSpec cmd, String base) {
        if (c.isMaster() || server.limits().maxmemory <= 0) {
            return false;
        }
        boolean exec = base.equals("exec");
        boolean mayGrow = cmd.has(CommandFlag.DENYOOM) || (exec && c.inMulti && queueMayGrow(c))
                || (c.inMulti && !RUN_INSIDE_MULTI.contains(base));
        // Evict before every command, as Redis does, even one that cannot grow the dataset.
        if (!server.evictor.outOfMemory() || !mayGrow) {
            return false;
        }
        reject(c, cmd, ErrorReplies.OOM);
        return true;
    }

    private boolean queueMayGrow(Client c) {
        for (byte[][] argv : c.queued) {
            CommandSpec q = server.commands().lookup(argv[0]);
            if (q != null && q.has(CommandFlag.DENYOOM)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a command. A refused EXEC ends its transaction, and says why in Redis's
     * "EXECABORT Transaction discarded because of: ..." form.
     */
    private void reject(Client c, CommandSpec cmd, String error) {
        if (cmd != null) {
            cmd.rejectedCalls++;
        }
        if (c.inMulti && cmd != null && cmd.parent() == null && cmd.name().equals("exec")) {
            Transactions.discard(c);
            server.watches().unwatchAll(c);
            error = "EXECABORT Transaction discarded because of: " + error;
        } else if (c.inMulti) {
            c.execAborted = true;
        }
        c.addError(error);
        c.afterCommand();
    }

    /**
     * Runs a command that passed the checks: the handler, statistics, slow log, and propagation of
     * its effect when it changed the dataset. EXEC calls this for each queued command; effects of
     * a top-level call and everything nested in it form one propagation unit.
     */
    public void call(Client c, CommandSpec cmd, byte[][] argv) {
        Keyspace ks = server.keyspace();
        Propagation prop = server.propagation();
        boolean top = depth++ == 0;
        CommandSpec prevCmd = c.currentCommand;
        byte[][] prevAs = c.propagateAs;
        boolean prevPrevented = c.propagationPrevented;
        boolean prevFailed = c.failedCommand;
        c.currentCommand = cmd;
        c.propagateAs = null;
        c.propagationPrevented = false;
        c.failedCommand = false;
        if (top) {
            if (!ks.hasCommandTime()) {
                ks.setCommandTime(System.currentTimeMillis());
            }
            ks.setApplyingMasterStream(c.isMaster());
            prop.beginUnit(c.isMaster());
            if (server.tracking().active()) {
                server.tracking().beforeCommand(c);
            }
        }
        long dirtyBefore = server.dirty;
        long t0 = System.nanoTime();
        try {
            cmd.handler().execute(c, argv);
        } catch (CommandException e) {
            c.addError(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            server.log().warning("Command '" + cmd.fullName() + "' failed: " + e);
            c.addError(ErrorReplies.err("%s", "internal error in '" + cmd.fullName() + "': " + e));
        }
        long nanos = System.nanoTime() - t0;
        long micros = nanos / 1000;
        cmd.latency.record(nanos);
        cmd.calls++;
        cmd.microseconds += micros;
        if (c.failedCommand) {
            cmd.failedCalls++;
        }
        server.stats().totalCommandsProcessed++;
        if (c.tracking != null) {
            server.tracking().afterCall(c, cmd, argv);
        }
        if (!cmd.has(CommandFlag.SKIP_SLOWLOG)) {
            server.slowLog().record(c, argv, micros, server.limits().slowlogSlowerThanMicros);
        }
        if (server.dirty != dirtyBefore && !c.propagationPrevented) {
            prop.alsoPropagate(c.dbIndex(), c.propagateAs != null ? c.propagateAs : argv);
        }
        c.currentCommand = prevCmd;
        c.propagateAs = prevAs;
        c.propagationPrevented = prevPrevented;
        c.failedCommand = prevFailed;
        depth--;
        if (top) {
            prop.endUnit();
            if (server.tracking().active()) {
                server.tracking().afterCommand();
            }
            ks.setCommandTime(0);
            ks.setApplyingMasterStream(false);
            c.afterCommand();
        }
    }

    /** True while a command is running (effects then join its propagation unit). */
    public boolean inCommand() {
        return depth > 0;
    }
}
