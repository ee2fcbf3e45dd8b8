package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.STALE;

/**
 * Commands of features a standalone server does not have — Redis Cluster and loadable modules —
 * answered the way a standalone redis-server answers them. Clients probe with these (a cluster
 * client sends CLUSTER SLOTS or READONLY to learn whether it talks to a cluster), so an exact
 * "cluster support disabled" error matters more than it seems: "unknown command" would make some
 * of them give up instead of falling back to standalone mode.
 */
public final class StandaloneCommands implements CommandGroup {
    static final String CLUSTER_DISABLED = "ERR This instance has cluster support disabled";

    @Override
    public void registerInto(CommandTable t) {
        t.register(CommandSpec.builder("cluster", -2).group("cluster").since("3.0.0")
                .summary("A container for Redis Cluster commands.")
                .handler(StandaloneCommands::clusterDisabled).build());
        for (String name : new String[] {"readonly", "readwrite", "asking"}) {
            t.register(CommandSpec.builder(name, 1).flags(FAST, LOADING, STALE).group("cluster").since("3.0.0")
                    .summary("Redis Cluster connection mode; refused when cluster support is disabled.")
                    .handler(StandaloneCommands::clusterDisabled).build());
        }
        CommandSpec module = CommandSpec.builder("module", -2).group("server").since("4.0.0")
                .summary("A container for module commands.").build();
        module.addSubcommand(spec("list", 2).summary("Returns all loaded modules.")
                .handler((c, a) -> c.addArrayLen(0)).build());
        module.addSubcommand(spec("load", -3).summary("Loads a module.")
                .handler((c, a) -> noModules(c)).build());
        module.addSubcommand(spec("loadex", -3).summary("Loads a module using extended parameters.")
                .handler((c, a) -> noModules(c)).build());
        module.addSubcommand(spec("unload", 3).summary("Unloads a module.")
                .handler((c, a) -> {
                    throw new CommandException("ERR Error unloading module: no such module with that name");
                }).build());
        module.addSubcommand(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("server")
                .summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "MODULE",
                        "LIST", "    Return a list of loaded modules.",
                        "LOAD <path> [<arg> ...]", "    Load a module library from <path>, passing to it any optional arguments.",
                        "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
                        "    Load a module library from <path>, while passing it module configurations and optional arguments.",
                        "UNLOAD <name>", "    Unload a module."))
                .build());
        t.register(module);
    }

    private static CommandSpec.Builder spec(String name, int arity) {
        return CommandSpec.builder(name, arity).flags(ADMIN, NOSCRIPT).group("server");
    }

    private static void clusterDisabled(io.rediha.node.server.Client c, byte[][] a) {
        throw new CommandException(CLUSTER_DISABLED);
    }

    /** This server runs no native extensions; Redis says the same way that a load failed. */
    private static void noModules(io.rediha.node.server.Client c) {
        c.server().log().warning("Module loading is not supported by this server");
        throw new CommandException("ERR Error loading the extension. Please check the server logs.");
    }
}
