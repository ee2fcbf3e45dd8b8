package io.rediha.node.server;

import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.ErrorReplies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The MULTI state of a client and EXEC. Lives in {@code server} because it drives dispatch: EXEC
 * runs every queued command through {@link Dispatcher#call}, inside the same propagation unit, so
 * replicas and the AOF receive the transaction as MULTI ... EXEC.
 */
public final class Transactions {
    private Transactions() {
    }

    public static void begin(Client c) {
        c.inMulti = true;
        c.execAborted = false;
        c.queued.clear();
    }

    public static void discard(Client c) {
        c.inMulti = false;
        c.execAborted = false;
        c.queued.clear();
    }

    /**
     * Runs the queue: EXECABORT when a command was refused while queueing, a null array when a
     * watched key changed (or expired), else an array with every command's reply.
     */
    public static void exec(Client c) {
        RedisServer s = c.server();
        c.preventPropagation();
        if (c.execAborted) {
            discard(c);
            s.watches().unwatchAll(c);
            c.addError(ErrorReplies.EXECABORT);
            return;
        }
        if (c.watchBroken || s.watches().anyWatchedKeyExpired(c, s.keyspace())) {
            discard(c);
            s.watches().unwatchAll(c);
            c.addNullArray();
            return;
        }
        List<byte[][]> queue = new ArrayList<>(c.queued);
        String refused = refusedByGuards(c, s, queue);
        discard(c);
        s.watches().unwatchAll(c);
        if (refused != null) {
            c.addError("EXECABORT Transaction discarded because of: " + refused);
            return;
        }
        c.addArrayLen(queue.size());
        c.denyBlocking = true;
        try {
            runQueue(c, s, queue);
        } finally {
            c.denyBlocking = false;
        }
    }

    /**
     * The guards (READONLY, NOREPLICAS, MISCONF, MASTERDOWN...) judge the whole transaction when
     * EXEC arrives, as Redis judges an EXEC holding writes like a write; once it runs, nothing
     * stops it halfway (a REPLICAOF inside it does not make the commands after it fail).
     */
    private static String refusedByGuards(Client c, RedisServer s, List<byte[][]> queue) {
        for (byte[][] argv : queue) {
            CommandSpec cmd = s.commands().lookup(argv[0]);
            if (cmd != null && cmd.hasSubcommands() && argv.length > 1) {
                cmd = cmd.subcommand(new String(argv[1], StandardCharsets.UTF_8));
            }
            if (cmd == null) {
                continue;
            }
            for (CommandGuard g : s.guards()) {
                String err = g.check(c, cmd, argv);
                if (err != null) {
                    return err;
                }
            }
        }
        return null;
    }

    private static void runQueue(Client c, RedisServer s, List<byte[][]> queue) {
        for (byte[][] argv : queue) {
            CommandSpec cmd = s.commands().lookup(argv[0]);
            if (cmd != null && cmd.hasSubcommands()) {
                cmd = cmd.subcommand(new String(argv[1], StandardCharsets.UTF_8));
            }
            if (cmd == null) {
                c.addError(ErrorReplies.unknownCommand(argv));
                continue;
            }
            String refused = s.acl().checkQueued(c, cmd, argv); // rules may have changed since MULTI
            if (refused != null) {
                c.addError(refused);
                continue;
            }
            s.dispatcher().call(c, cmd, argv);
        }
    }
}
