package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.config.ConfigRewriter;
import io.rediha.node.server.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CONFIG GET / SET / RESETSTAT / REWRITE / HELP, over the {@link ConfigRegistry}. */
public final class ConfigCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        CommandSpec config = CommandSpec.builder("config", -2).group("server").since("2.0.0")
                .summary("A container for server configuration commands.").build();
        config.addSubcommand(sub("get", -3).summary("Returns the effective values of configuration parameters.")
                .handler(ConfigCommands::get).build());
        config.addSubcommand(sub("set", -4).summary("Sets configuration parameters in-flight.")
                .handler(ConfigCommands::set).build());
        config.addSubcommand(sub("resetstat", 2).summary("Resets the server's statistics.")
                .handler((c, a) -> {
                    c.server().resetStats();
                    c.addOk();
                }).build());
        config.addSubcommand(sub("rewrite", 2).since("2.8.0").summary("Persists the effective configuration to file.")
                .handler(ConfigCommands::rewrite).build());
        config.addSubcommand(sub("help", 2).summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "CONFIG",
                        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                        "RESETSTAT", "    Reset statistics reported by the INFO command.",
                        "REWRITE", "    Rewrite the configuration file."))
                .build());
        t.register(config);
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.builder(name, arity).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server").since("2.0.0");
    }

    static void get(Client c, byte[][] a) {
        List<String> patterns = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            patterns.add(Args.str(a[i]));
        }
        Map<String, String> found = c.server().config().match(patterns);
        c.addMapLen(found.size());
        for (Map.Entry<String, String> e : found.entrySet()) {
            c.addBulk(e.getKey());
            c.addBulk(e.getValue());
        }
    }

    static void set(Client c, byte[][] a) {
        if ((a.length - 2) % 2 != 0) {
            c.addArityError();
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 2; i < a.length; i += 2) {
            pairs.add(new String[]{Args.str(a[i]), Args.str(a[i + 1])});
        }
        try {
            c.server().config().setAll(pairs);
        } catch (ConfigRegistry.ConfigSetException e) {
            throw new CommandException(e.errorReply());
        }
        c.addOk();
    }

    static void rewrite(Client c, byte[][] a) {
        if (c.server().config().configFile() == null) {
            throw new CommandException("ERR The server is running without a config file");
        }
        try {
            ConfigRewriter.rewrite(c.server().config());
        } catch (java.io.IOException e) {
            c.server().log().warning("CONFIG REWRITE failed: " + e.getMessage());
            throw new CommandException("ERR Rewriting config file: " + e.getMessage());
        }
        c.server().log().notice("CONFIG REWRITE executed with success.");
        c.addOk();
    }
}
