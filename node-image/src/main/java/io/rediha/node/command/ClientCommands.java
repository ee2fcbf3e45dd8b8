package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.server.Client;
import io.rediha.node.server.ClientRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CLIENT and its subcommands. */
public final class ClientCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        CommandSpec client = CommandSpec.builder("client", -2).group("connection").since("2.4.0")
                .summary("A container for client connection commands.").build();
        client.addSubcommand(sub("id", 2).since("5.0.0").summary("Returns the unique client ID of the connection.")
                .handler((c, a) -> c.addInteger(c.id())).build());
        client.addSubcommand(sub("setname", 3).since("2.6.9").summary("Sets the connection name.")
                .handler(ClientCommands::setname).build());
        client.addSubcommand(sub("getname", 2).since("2.6.9").summary("Returns the name of the connection.")
                .handler((c, a) -> c.addBulkOrNull(c.name())).build());
        client.addSubcommand(sub("list", -2, ADMIN).since("2.4.0").summary("Lists open connections.")
                .handler(ClientCommands::list).build());
        client.addSubcommand(sub("info", 2).since("6.2.0").summary("Returns information about the connection.")
                .handler((c, a) -> c.addVerbatim(c.server().clients().describe(c) + "\n")).build());
        client.addSubcommand(sub("kill", -3, ADMIN).since("2.4.0").summary("Terminates open connections.")
                .handler(ClientCommands::kill).build());
        client.addSubcommand(sub("setinfo", 4).since("7.2.0").summary("Sets information specific to the client or connection.")
                .handler(ClientCommands::setinfo).build());
        client.addSubcommand(sub("no-evict", 3, ADMIN).since("7.0.0").summary("Sets the client eviction mode of the connection.")
                .handler((c, a) -> {
                    c.setNoEvict(onOff(a[2]));
                    c.addOk();
                }).build());
        client.addSubcommand(sub("no-touch", 3).since("7.2.0").summary("Controls whether commands sent by the client affect the LRU/LFU of accessed keys.")
                .handler((c, a) -> {
                    c.setNoTouch(onOff(a[2]));
                    c.addOk();
                }).build());
        client.addSubcommand(sub("reply", 3).since("3.2.0").summary("Instructs the server whether to reply to commands.")
                .handler(ClientCommands::reply).build());
        client.addSubcommand(sub("pause", -3, ADMIN).since("3.0.0").summary("Suspends commands processing.")
                .handler(ClientCommands::pause).build());
        client.addSubcommand(sub("unpause", 2, ADMIN).since("6.2.0").summary("Resumes processing commands from paused clients.")
                .handler((c, a) -> {
                    c.server().clientPause().unpause();
                    c.addOk();
                }).build());
        client.addSubcommand(sub("unblock", -3, ADMIN).since("5.0.0").summary("Unblocks a client blocked by a blocking command from a different connection.")
                .handler(ClientCommands::unblock).build());
        client.addSubcommand(sub("getredir", 2).since("6.0.0").summary("Returns the client ID to which the connection's tracking notifications are redirected.")
                .handler((c, a) -> c.addInteger(c.server().tracking().redirect(c))).build());
        client.addSubcommand(sub("tracking", -3).since("6.0.0").summary("Controls server-assisted client-side caching for the connection.")
                .handler(ClientCommands::tracking).build());
        client.addSubcommand(sub("caching", 3).since("6.0.0").summary("Instructs the server whether to track the keys in the next request.")
                .handler((c, a) -> {
                    boolean yes = Args.is(a[2], "yes");
                    if (!yes && !Args.is(a[2], "no")) {
                        throw CommandException.syntax();
                    }
                    okOrError(c, c.server().tracking().caching(c, yes));
                }).build());
        client.addSubcommand(sub("trackinginfo", 2).since("6.2.0").summary("Returns information about server-assisted client-side caching for the connection.")
                .handler((c, a) -> c.server().tracking().writeInfo(c)).build());
        client.addSubcommand(sub("help", 2).since("5.0.0").summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "CLIENT",
                        "CACHING (YES|NO)", "    In OPTIN/OPTOUT tracking: whether the next command's keys are tracked.",
                        "GETNAME", "    Return the name of the current connection.",
                        "GETREDIR", "    The client ID tracking invalidations are redirected to (-1: tracking off).",
                        "ID", "    Return the ID of the current connection.",
                        "INFO", "    Return information about the current client connection.",
                        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
                        "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are: ID, TYPE, USER, ADDR, LADDR, SKIPME, MAXAGE.",
                        "LIST [options ...]", "    Return information about client connections. Options: TYPE, ID.",
                        "UNPAUSE", "    Stop the current client pause, resuming traffic.",
                        "PAUSE <timeout> [WRITE|ALL]", "    Suspend all, or just write, clients for <timeout> milliseconds.",
                        "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
                        "SETNAME <name>", "    Assign the name <name> to the current connection.",
                        "SETINFO <option> <value>", "    Set client meta attr. Options are LIB-NAME and LIB-VER.",
                        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]] [OPTIN] [OPTOUT] [NOLOOP]",
                        "    Turn client-side caching invalidations on or off for this connection.",
                        "TRACKINGINFO", "    The tracking state of this connection.",
                        "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction."))
                .build());
        t.register(client);
    }

    private static CommandSpec.Builder sub(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(NOSCRIPT, LOADING, STALE).flags(flags).group("connection");
    }

    /** CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p]... [BCAST] [OPTIN] [OPTOUT] [NOLOOP]. */
    static void tracking(Client c, byte[][] a) {
        long redirect = 0;
        boolean bcast = false;
        boolean optin = false;
        boolean optout = false;
        boolean noloop = false;
        List<byte[]> prefixes = new ArrayList<>();
        for (int i = 3; i < a.length; i++) {
            boolean more = i + 1 < a.length;
            if (Args.is(a[i], "redirect") && more) {
                if (redirect != 0) {
                    throw new CommandException("ERR A client can only redirect to a single other client");
                }
                redirect = Args.parseLong(a[++i]);
                if (c.server().clients().get(redirect) == null) {
                    throw new CommandException("ERR The client ID you want redirect to does not exist");
                }
            } else if (Args.is(a[i], "bcast")) {
                bcast = true;
            } else if (Args.is(a[i], "optin")) {
                optin = true;
            } else if (Args.is(a[i], "optout")) {
                optout = true;
            } else if (Args.is(a[i], "noloop")) {
                noloop = true;
            } else if (Args.is(a[i], "prefix") && more) {
                prefixes.add(a[++i]);
            } else {
                throw CommandException.syntax();
            }
        }
        if (Args.is(a[2], "on")) {
            okOrError(c, c.server().tracking().enable(c, redirect, bcast, optin, optout, noloop, prefixes));
        } else if (Args.is(a[2], "off")) {
            c.server().tracking().disable(c);
            c.addOk();
        } else {
            throw CommandException.syntax();
        }
    }

    private static void okOrError(Client c, String error) {
        if (error != null) {
            throw new CommandException(error);
        }
        c.addOk();
    }

    private static boolean onOff(byte[] a) {
        if (Args.is(a, "on")) {
            return true;
        }
        if (Args.is(a, "off")) {
            return false;
        }
        throw CommandException.syntax();
    }

    /** Names may not contain spaces, newlines or other special characters. */
    static void checkName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandException("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }

    static void setname(Client c, byte[][] a) {
        checkName(a[2]);
        c.setName(a[2].length == 0 ? null : a[2]);
        c.addOk();
    }

    static void setinfo(Client c, byte[][] a) {
        String attr = Args.lower(a[2]);
        String value = Args.str(a[3]);
        for (char ch : value.toCharArray()) {
            if (ch < '!' || ch > '~') {
                throw new CommandException("ERR " + attr + " cannot contain spaces, newlines or special characters.");
            }
        }
        switch (attr) {
            case "lib-name" -> c.setLibName(value);
            case "lib-ver" -> c.setLibVersion(value);
            default -> throw new CommandException("ERR Unrecognized option '" + Args.str(a[2]) + "'");
        }
        c.addOk();
    }

    static void list(Client c, byte[][] a) {
        ClientRegistry reg = c.server().clients();
        List<Client> all = reg.all();
        List<Client> shown = new ArrayList<>();
        if (a.length == 2) {
            shown = all;
        } else if (a.length == 4 && Args.is(a[2], "type")) {
            Client.Kind kind = kindOf(a[3]);
            for (Client x : all) {
                if (x.kind() == kind || (kind == Client.Kind.NORMAL && x.kind() == Client.Kind.NORMAL)) {
                    shown.add(x);
                }
            }
        } else if (a.length >= 4 && Args.is(a[2], "id")) {
            for (int i = 3; i < a.length; i++) {
                long id = Args.parseLongOrMin(a[i]);
                if (id <= 0) {
                    throw new CommandException("ERR Invalid client ID");
                }
                Client x = reg.get(id);
                if (x != null) {
                    shown.add(x);
                }
            }
        } else {
            throw CommandException.syntax();
        }
        StringBuilder sb = new StringBuilder();
        for (Client x : shown) {
            sb.append(reg.describe(x)).append('\n');
        }
        c.addVerbatim(sb.toString());
    }

    private static Client.Kind kindOf(byte[] t) {
        return switch (Args.lower(t)) {
            case "normal" -> Client.Kind.NORMAL;
            case "slave", "replica" -> Client.Kind.REPLICA;
            case "master" -> Client.Kind.MASTER;
            case "pubsub" -> Client.Kind.PUBSUB;
            default -> throw new CommandException(ErrorReplies.format(ErrorReplies.UNKNOWN_CLIENT_TYPE, Args.str(t)));
        };
    }

    static void kill(Client c, byte[][] a) {
        ClientRegistry reg = c.server().clients();
        if (a.length == 3) {
            // Old form: CLIENT KILL addr:port
            String addr = Args.str(a[2]);
            for (Client x : reg.all()) {
                if (x.address().equals(addr)) {
                    reg.kill(x);
                    if (x == c) {
                        return;
                    }
                    c.addOk();
                    return;
                }
            }
            throw new CommandException(ErrorReplies.NO_SUCH_CLIENT);
        }
        if ((a.length - 2) % 2 != 0) {
            throw CommandException.syntax();
        }
        Long id = null;
        Client.Kind kind = null;
        String addr = null;
        String laddr = null;
        String user = null;
        long maxAge = -1;
        boolean skipMe = true;
        for (int i = 2; i < a.length; i += 2) {
            String opt = Args.lower(a[i]);
            byte[] v = a[i + 1];
            switch (opt) {
                case "id" -> {
                    long n = Args.parseLongOrMin(v);
                    if (n <= 0) {
                        throw new CommandException("ERR client-id should be greater than 0");
                    }
                    id = n;
                }
                case "type" -> kind = kindOf(v);
                case "addr" -> addr = Args.str(v);
                case "laddr" -> laddr = Args.str(v);
                case "user" -> {
                    user = Args.str(v);
                    if (c.server().acl().user(user) == null) {
                        throw new CommandException("ERR No such user '" + user + "'");
                    }
                }
                case "maxage" -> maxAge = Args.parseLong(v);
                case "skipme" -> {
                    if (Args.is(v, "yes")) {
                        skipMe = true;
                    } else if (Args.is(v, "no")) {
                        skipMe = false;
                    } else {
                        throw CommandException.syntax();
                    }
                }
                default -> throw CommandException.syntax();
            }
        }
        long now = System.currentTimeMillis();
        int killed = 0;
        boolean killSelf = false;
        for (Client x : reg.all()) {
            if (id != null && x.id() != id) {
                continue;
            }
            if (kind != null && x.kind() != kind) {
                continue;
            }
            if (addr != null && !x.address().equals(addr)) {
                continue;
            }
            if (laddr != null && !x.localAddress().equals(laddr)) {
                continue;
            }
            if (user != null && !x.user().equals(user)) {
                continue;
            }
            if (maxAge >= 0 && (now - x.createdMillis()) / 1000 < maxAge) {
                continue;
            }
            if (x == c && skipMe) {
                continue;
            }
            if (x == c) {
                killSelf = true;
            } else {
                reg.kill(x);
            }
            killed++;
        }
        c.addInteger(killed);
        if (killSelf) {
            c.closeAfterReply();
        }
    }

    static void reply(Client c, byte[][] a) {
        String mode = Args.lower(a[2]);
        switch (mode) {
            case "on" -> {
                c.setReplyMode(Client.ReplyMode.ON);
                c.addOk();
            }
            case "off" -> c.setReplyMode(Client.ReplyMode.OFF);
            case "skip" -> {
                if (c.replyMode() == Client.ReplyMode.ON) {
                    c.setReplyMode(Client.ReplyMode.SKIP_NEXT);
                }
            }
            default -> throw CommandException.syntax();
        }
    }

    static void pause(Client c, byte[][] a) {
        long ms = Args.parseLong(a[2], "ERR timeout is not an integer or out of range");
        if (ms < 0) {
            throw new CommandException("ERR timeout is negative");
        }
        boolean writesOnly = false;
        if (a.length == 4) {
            String mode = Args.lower(a[3]);
            if (mode.equals("write")) {
                writesOnly = true;
            } else if (!mode.equals("all")) {
                throw CommandException.syntax();
            }
        } else if (a.length > 4) {
            throw CommandException.syntax();
        }
        c.server().clientPause().pause(ms, writesOnly);
        c.addOk();
    }

    static void unblock(Client c, byte[][] a) {
        long id = Args.parseLong(a[2]);
        boolean error = false;
        if (a.length == 4) {
            if (Args.is(a[3], "error")) {
                error = true;
            } else if (!Args.is(a[3], "timeout")) {
                throw new CommandException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        } else if (a.length > 4) {
            throw CommandException.syntax();
        }
        Client target = c.server().clients().get(id);
        c.addInteger(target != null && c.server().blocking().unblock(target, error) ? 1 : 0);
    }

    static String lowerName(byte[] a) {
        return Args.str(a).toLowerCase(Locale.ROOT);
    }
}
