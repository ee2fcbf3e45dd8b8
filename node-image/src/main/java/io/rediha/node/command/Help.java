package io.rediha.node.command;

import io.rediha.node.server.Client;

/** The reply shape of every {@code <COMMAND> HELP}: a header line, the given lines, then HELP's own line. */
public final class Help {
    private Help() {
    }

    public static void reply(Client c, String command, String... lines) {
        c.addArrayLen(lines.length + 3);
        c.addSimple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String l : lines) {
            c.addSimple(l);
        }
        c.addSimple("HELP");
        c.addSimple("    Prints this help.");
    }
}
