package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ALLOW_BUSY;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.SKIP_SLOWLOG;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.server.Client;
import io.rediha.node.server.Transactions;

/**
 * MULTI EXEC DISCARD WATCH UNWATCH. Queueing happens in dispatch (so that a refused command can
 * abort the transaction); EXEC runs the queue through the normal call path, so each command is
 * accounted and its effects form one propagation unit, wrapped in MULTI/EXEC.
 */
public final class TransactionCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("multi", 1, NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .summary("Starts a transaction.").handler(TransactionCommands::multi).build());
        t.register(spec("exec", 1, NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                .summary("Executes all commands in a transaction.").handler(TransactionCommands::exec).build());
        t.register(spec("discard", 1, NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .summary("Discards a transaction.").handler(TransactionCommands::discard).build());
        t.register(spec("watch", -2, NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).keys(1, -1, 1).since("2.2.0")
                .summary("Monitors changes to keys to determine the execution of a transaction.")
                .handler(TransactionCommands::watch).build());
        t.register(spec("unwatch", 1, NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY).since("2.2.0")
                .summary("Forgets about watched keys of a transaction.")
                .handler((c, a) -> {
                    c.server().watches().unwatchAll(c);
                    c.addOk();
                }).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("transactions").since("1.2.0");
    }

    static void multi(Client c, byte[][] a) {
        if (c.inMulti()) {
            throw new CommandException(ErrorReplies.MULTI_NESTED);
        }
        Transactions.begin(c);
        c.addOk();
    }

    static void discard(Client c, byte[][] a) {
        if (!c.inMulti()) {
            throw new CommandException(ErrorReplies.DISCARD_WITHOUT_MULTI);
        }
        discardTransaction(c);
        c.server().watches().unwatchAll(c);
        c.addOk();
    }

    /** Drops the queue and the MULTI state (DISCARD, RESET, EXEC). */
    public static void discardTransaction(Client c) {
        Transactions.discard(c);
    }

    static void watch(Client c, byte[][] a) {
        if (c.inMulti()) {
            throw new CommandException(ErrorReplies.WATCH_IN_MULTI);
        }
        for (int i = 1; i < a.length; i++) {
            c.server().watches().watch(c, c.db(), a[i]);
        }
        c.addOk();
    }

    static void exec(Client c, byte[][] a) {
        if (!c.inMulti()) {
            throw new CommandException(ErrorReplies.EXEC_WITHOUT_MULTI);
        }
        Transactions.exec(c);
    }
}
