package io.rediha.node.command;

/**
 * The command table of a Redis server: every group this package implements. Other subsystems
 * add theirs to the returned table (replication, persistence) before the server starts.
 */
public final class StandardCommands {
    private StandardCommands() {
    }

    /** A new table with every standard group registered. */
    public static CommandTable table() {
        CommandTable t = new CommandTable();
        t.register(new ConnectionCommands());
        t.register(new ClientCommands());
        t.register(new ServerCommands());
        t.register(new ConfigCommands());
        t.register(new TransactionCommands());
        t.register(new PubSubCommands());
        t.register(new KeyCommands());
        t.register(new StringCommands());
        t.register(new BitCommands());
        t.register(new ListCommands());
        t.register(new HashCommands());
        t.register(new SetCommands());
        t.register(new ZSetCommands());
        t.register(new MultiPopCommands());
        t.register(new StreamCommands());
        t.register(new HyperLogLogCommands());
        t.register(new GeoCommands());
        t.register(new StandaloneCommands());
        t.register(new io.rediha.node.acl.AclCommands());
        return t;
    }
}
