package io.rediha.node.acl;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.command.Args;
import io.rediha.node.command.CommandException;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandGroup;
import io.rediha.node.command.CommandHandler;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.command.Help;
import io.rediha.node.server.Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The ACL command: SETUSER GETUSER DELUSER USERS WHOAMI LIST CAT GENPASS LOG DRYRUN SAVE LOAD HELP. */
public final class AclCommands implements CommandGroup {
    private static final String NO_ACL_FILE = "ERR This Redis instance is not configured to use an ACL file. You may "
            + "want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have "
            + "a Redis configuration file set) in order to store users in the Redis configuration.";

    @Override
    public void registerInto(CommandTable t) {
        CommandSpec acl = CommandSpec.builder("acl", -2).group("server").since("6.0.0")
                .summary("A container for Access List Control commands.").build();
        acl.addSubcommand(admin("setuser", -3, "Creates and modifies an ACL user and its rules.", AclCommands::setuser));
        acl.addSubcommand(admin("getuser", 3, "Lists the ACL rules of a user.", AclCommands::getuser));
        acl.addSubcommand(admin("deluser", -3, "Deletes ACL users, and terminates their connections.",
                AclCommands::deluser));
        acl.addSubcommand(admin("users", 2, "Lists all ACL users.", AclCommands::users));
        acl.addSubcommand(admin("list", 2, "Dumps the effective rules in ACL file format.", AclCommands::list));
        acl.addSubcommand(admin("log", -2, "Lists recent security events generated due to ACL rules.",
                AclCommands::log));
        acl.addSubcommand(admin("dryrun", -4, "Simulates the execution of a command by a user, without executing "
                + "the command.", AclCommands::dryrun));
        acl.addSubcommand(admin("save", 2, "Saves the effective ACL rules in the configured ACL file.",
                AclCommands::save));
        acl.addSubcommand(admin("load", 2, "Reloads the rules from the configured ACL file.", AclCommands::load));
        acl.addSubcommand(sub("whoami", 2, "Returns the authenticated username of the current connection.",
                (c, a) -> c.addBulk(latin1(c.aclUser().name())), NOSCRIPT, LOADING, STALE));
        acl.addSubcommand(sub("cat", -2, "Lists the ACL categories, or the commands inside a category.",
                AclCommands::cat, NOSCRIPT, LOADING, STALE));
        acl.addSubcommand(sub("genpass", -2, "Generates a pseudorandom, secure password that can be used to "
                + "identify ACL users.", AclCommands::genpass, NOSCRIPT, LOADING, STALE));
        acl.addSubcommand(sub("help", 2, "Returns helpful text about the different subcommands.",
                AclCommands::help, LOADING, STALE));
        t.register(acl);
    }

    private static CommandSpec admin(String name, int arity, String summary, CommandHandler h) {
        return sub(name, arity, summary, h, ADMIN, NOSCRIPT, LOADING, STALE);
    }

    private static CommandSpec sub(String name, int arity, String summary, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("server").since("6.0.0").summary(summary)
                .handler(h).build();
    }

    private static AccessControl acl(Client c) {
        return c.server().acl();
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static void setuser(Client c, byte[][] a) {
        String name = str(a[2]);
        if (UserRules.hasSpaces(name)) {
            throw new CommandException("ERR Usernames can't contain spaces or null characters");
        }
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < a.length; i++) {
            rules.add(str(a[i]));
        }
        try {
            acl(c).setUser(name, rules);
        } catch (AclException e) {
            throw new CommandException(ErrorReplies.err("%s", e.getMessage()));
        }
        c.addOk();
    }

    private static void getuser(Client c, byte[][] a) {
        AccessControl acl = acl(c);
        User u = acl.user(str(a[2]));
        if (u == null) {
            c.addNull();
            return;
        }
        c.addMapLen(6);
        c.addBulk("flags");
        List<String> flags = RuleDescription.flags(u);
        c.addSetLen(flags.size());
        for (String f : flags) {
            c.addBulk(f);
        }
        c.addBulk("passwords");
        c.addArrayLen(u.passwords.size());
        for (String p : u.passwords) {
            c.addBulk(p);
        }
        writeSelector(c, u.root, acl.ids());
        c.addBulk("selectors");
        c.addArrayLen(u.selectors.size());
        for (Selector sel : u.selectors) {
            c.addMapLen(3);
            writeSelector(c, sel, acl.ids());
        }
    }

    private static void writeSelector(Client c, Selector sel, CommandIds ids) {
        c.addBulk("commands");
        c.addBulk(latin1(RuleDescription.commandRules(sel, ids)));
        c.addBulk("keys");
        c.addBulk(latin1(RuleDescription.keys(sel)));
        c.addBulk("channels");
        c.addBulk(latin1(RuleDescription.channels(sel)));
    }

    private static void deluser(Client c, byte[][] a) {
        for (int i = 2; i < a.length; i++) {
            if (str(a[i]).equals("default")) {
                throw new CommandException("ERR The 'default' user cannot be removed");
            }
        }
        int deleted = 0;
        for (int i = 2; i < a.length; i++) {
            if (acl(c).deleteUser(str(a[i]), c)) {
                deleted++;
            }
        }
        c.addInteger(deleted);
    }

    private static void users(Client c, byte[][] a) {
        c.addArrayLen(acl(c).users().size());
        for (User u : acl(c).users()) {
            c.addBulk(latin1(u.name()));
        }
    }

    private static void list(Client c, byte[][] a) {
        AccessControl acl = acl(c);
        c.addArrayLen(acl.users().size());
        for (User u : acl.users()) {
            c.addBulk(latin1("user " + u.name() + " " + RuleDescription.describe(u, acl.ids())));
        }
    }

    private static void cat(Client c, byte[][] a) {
        if (a.length > 3) {
            throw new CommandException(ErrorReplies.err("%s", "unknown subcommand or wrong number of arguments for '"
                    + str(a[1]) + "'. Try ACL HELP."));
        }
        if (a.length == 2) {
            c.addArrayLen(AclCategory.values().length);
            for (AclCategory cat : AclCategory.values()) {
                c.addBulk(cat.wireName());
            }
            return;
        }
        AclCategory cat = AclCategory.byName(str(a[2]));
        if (cat == null) {
            throw new CommandException(ErrorReplies.err("Unknown category '%s'", str(a[2])));
        }
        CommandIds ids = acl(c).ids();
        List<String> names = new ArrayList<>();
        for (int id = 0; id < ids.all().size(); id++) {
            if (ids.categories(id).contains(cat)) {
                names.add(ids.all().get(id).fullName());
            }
        }
        c.addArrayLen(names.size());
        for (String n : names) {
            c.addBulk(n);
        }
    }

    private static void genpass(Client c, byte[][] a) {
        if (a.length > 3) {
            throw new CommandException(ErrorReplies.err("%s", "unknown subcommand or wrong number of arguments for '"
                    + str(a[1]) + "'. Try ACL HELP."));
        }
        long bits = a.length == 3 ? Args.parseLong(a[2]) : 256;
        if (bits <= 0 || bits > 4096) {
            throw new CommandException("ERR ACL GENPASS argument must be the number of bits for the output password, "
                    + "a positive number up to 4096");
        }
        c.addBulk(Passwords.generate((int) bits));
    }

    private static void log(Client c, byte[][] a) {
        if (a.length > 3) {
            throw new CommandException(ErrorReplies.err("%s", "unknown subcommand or wrong number of arguments for '"
                    + str(a[1]) + "'. Try ACL HELP."));
        }
        long count = 10;
        if (a.length == 3) {
            if (Args.is(a[2], "reset")) {
                acl(c).log().reset();
                c.addOk();
                return;
            }
            count = Math.max(0, Args.parseLong(a[2]));
        }
        acl(c).log().reply(c, count);
    }

    private static void dryrun(Client c, byte[][] a) {
        AccessControl acl = acl(c);
        User u = acl.user(str(a[2]));
        if (u == null) {
            throw new CommandException(ErrorReplies.err("User '%s' not found", str(a[2])));
        }
        byte[][] argv = java.util.Arrays.copyOfRange(a, 3, a.length);
        CommandSpec cmd = c.server().commands().lookup(argv[0]);
        if (cmd != null && cmd.hasSubcommands() && argv.length >= 2) {
            CommandSpec sub = cmd.subcommand(str(argv[1]));
            cmd = sub;
        }
        if (cmd == null) {
            throw new CommandException(ErrorReplies.err("Command '%s' not found", str(argv[0])));
        }
        if (!cmd.arityAccepts(argv.length)) {
            throw new CommandException(ErrorReplies.arity(cmd.fullName()));
        }
        AccessControl.Denial d = acl.denial(u, cmd, argv);
        if (d == null) {
            c.addOk();
            return;
        }
        String text = switch (d.reason()) {
            case COMMAND -> "This user has no permissions to run the '" + cmd.fullName() + "' command";
            case KEY -> "This user has no permissions to access the '" + str(argv[d.argIndex()]) + "' key";
            default -> "This user has no permissions to access the '" + str(argv[d.argIndex()]) + "' channel";
        };
        c.addBulk(latin1(text));
    }

    private static void save(Client c, byte[][] a) {
        String file = acl(c).aclFile();
        if (file.isEmpty()) {
            throw new CommandException(NO_ACL_FILE);
        }
        if (!AclFile.save(acl(c), file)) {
            throw new CommandException("ERR There was an error trying to save the ACLs. Please check the server "
                    + "logs for more information");
        }
        c.addOk();
    }

    private static void load(Client c, byte[][] a) {
        String file = acl(c).aclFile();
        if (file.isEmpty()) {
            throw new CommandException(NO_ACL_FILE);
        }
        String err = AclFile.load(acl(c), file, c);
        if (err != null) {
            throw new CommandException(ErrorReplies.err("%s", err));
        }
        c.addOk();
    }

    private static void help(Client c, byte[][] a) {
        Help.reply(c, "ACL",
                "CAT [<category>]",
                "    List all commands that belong to <category>, or all command categories",
                "    when no category is specified.",
                "DELUSER <username> [<username> ...]",
                "    Delete a list of users.",
                "DRYRUN <username> <command> [<arg> ...]",
                "    Returns whether the user can execute the given command without executing the command.",
                "GETUSER <username>",
                "    Get the user's details.",
                "GENPASS [<bits>]",
                "    Generate a secure 256-bit user password. The optional `bits` argument can",
                "    be used to specify a different size.",
                "LIST",
                "    Show users details in config file format.",
                "LOAD",
                "    Reload users from the ACL file.",
                "LOG [<count> | RESET]",
                "    Show the ACL log entries.",
                "SAVE",
                "    Save the current config to the ACL file.",
                "SETUSER <username> <attribute> [<attribute> ...]",
                "    Create or modify a user with the specified attributes.",
                "USERS",
                "    List all the registered usernames.",
                "WHOAMI",
                "    Return the current connection username.");
    }
}
