package io.rediha.node.acl;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import io.rediha.node.store.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The users of one server and the checks made with them: the one entry point for the dispatcher
 * (may this client run this call?), AUTH and HELLO (who is this?), the ACL command and the
 * configuration ({@code requirepass} is the default user's password, {@code user} lines and the
 * {@code aclfile} define the others).
 *
 * <p>Used on the command thread only, except while the server is being built.
 */
public final class AccessControl {
    /** Replies of a refused call; the dispatcher sends them as they are. */
    public static final String NOPERM_KEYS = "NOPERM this user has no permissions to access one of the keys used as arguments";
    public static final String NOPERM_CHANNELS = "NOPERM this user has no permissions to access one of the channels used as arguments";

    /** Why a call is refused, and the position in argv of the key or channel that was refused. */
    record Denial(AclLog.Reason reason, int argIndex) {
    }

    private final RedisServer server;
    private final ConfigRegistry config;
    private final CommandIds ids;
    private final Map<String, User> users = new TreeMap<>();
    private final User defaultUser;
    /** Pseudo clients (master stream, AOF replay) act as nobody's user and are never checked. */
    private final User superuser = new User("(superuser)", false);
    private final AclLog log = new AclLog();
    /** True while the default user is on and nopass: new connections need no AUTH. */
    private boolean defaultOpen = true;

    public AccessControl(RedisServer server, ConfigRegistry config, CommandTable table) {
        this.server = server;
        this.config = config;
        this.ids = new CommandIds(table);
        this.defaultUser = new User("default", false);
        resetToDefault(defaultUser);
        users.put("default", defaultUser);
        resetToDefault(superuser);
        applyRequirepass(config.getString("requirepass"));
        config.onChange("requirepass", d -> {
            applyRequirepass(d.value());
            refreshDefaultOpen();
        });
        config.setUserLines(this::userLinesForRewrite);
        log.setMaxLen(config.getLong("acllog-max-len"));
        config.onChange("acllog-max-len", d -> log.setMaxLen(d.number()));
        refreshDefaultOpen();
    }

    /**
     * Reads the users of the configuration: {@code user} lines, or the {@code aclfile}. Both at
     * once is refused, as Redis refuses it. Throws with the reason when the server must not start.
     */
    public void loadAtStartup() {
        List<List<String>> lines = config.userDirectives();
        String aclfile = config.getString("aclfile");
        if (!lines.isEmpty() && !aclfile.isEmpty()) {
            throw new IllegalStateException("Configuring Redis with users defined in redis.conf and at the same "
                    + "setting an ACL file path is invalid. This setup is very likely to lead to configuration "
                    + "errors and security holes, please define either an ACL file or declare users directly in "
                    + "your redis.conf, but not both.");
        }
        if (!aclfile.isEmpty()) {
            String err = AclFile.load(this, aclFile());
            if (err != null) {
                throw new IllegalStateException(err);
            }
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<String> line : lines) {
            if (line.isEmpty()) {
                throw new IllegalStateException("Error in user declaration 'user': wrong number of arguments");
            }
            String name = line.get(0);
            if (!seen.add(name)) {
                throw new IllegalStateException("Error in user declaration '" + name + "': Duplicate user found. "
                        + "A user can only be defined once in config files");
            }
            try {
                List<String> rules = new ArrayList<>();
                if (name.equals("default")) {
                    rules.add("reset"); // a user line replaces the built-in default rules
                }
                rules.addAll(line.subList(1, line.size()));
                setUser(name, rules);
            } catch (AclException e) {
                throw new IllegalStateException(e.getMessage().replace("Error in ACL SETUSER modifier",
                        "Error in user declaration"));
            }
        }
    }

    /** The aclfile setting, relative to {@code dir} as Redis (which changes into dir) reads it; "" when unset. */
    String aclFile() {
        String f = config.getString("aclfile");
        if (f.isEmpty()) {
            return f;
        }
        return java.nio.file.Path.of(config.getString("dir")).resolve(f).toString();
    }

    /** CONFIG REWRITE: every user as a {@code user} line, unless the users live in the aclfile. */
    private List<String> userLinesForRewrite() {
        if (!config.getString("aclfile").isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (User u : users.values()) {
            lines.add("user " + u.name() + " " + RuleDescription.describe(u, ids));
        }
        return lines;
    }

    // ------------------------------------------------------------------ users

    public User defaultUser() {
        return defaultUser;
    }

    /** The user of pseudo clients: allowed everything, not listed, cannot log in. */
    public User superuser() {
        return superuser;
    }

    /** The user named, or null. */
    public User user(String name) {
        return users.get(name);
    }

    Collection<User> users() {
        return users.values();
    }

    CommandIds ids() {
        return ids;
    }

    AclLog log() {
        return log;
    }

    RedisServer server() {
        return server;
    }

    /** True when a new connection is logged in as the default user without AUTH. */
    public boolean defaultUserOpen() {
        return defaultOpen;
    }

    private void refreshDefaultOpen() {
        defaultOpen = defaultUser.enabled && defaultUser.nopass;
    }

    private void applyRequirepass(String pass) {
        defaultUser.passwords.clear();
        defaultUser.nopass = pass.isEmpty();
        if (!pass.isEmpty()) {
            defaultUser.passwords.add(Passwords.hash(pass));
        }
        defaultUser.refresh();
    }

    void resetToDefault(User u) {
        UserRules rules = rules();
        try {
            rules.applyAll(u, List.of("+@all", "~*", "&*", "on", "nopass"));
        } catch (AclException e) {
            throw new IllegalStateException(e);
        }
    }

    UserRules rules() {
        return new UserRules(ids, config.getString("acl-pubsub-default").equals("allchannels"));
    }

    /**
     * ACL SETUSER: creates the user if needed and applies the rules to a copy, installing it only
     * when all of them applied. Subscribers that lose a channel they listen to are disconnected.
     */
    void setUser(String name, List<String> ruleList) throws AclException {
        User existing = users.get(name);
        User work = existing != null ? existing.copy() : newUser(name);
        rules().applyAll(work, ruleList);
        if (existing == null) {
            users.put(name, work);
        } else {
            List<Client> revoked = subscribersLosingChannels(existing, work);
            existing.assign(work);
            for (Client c : revoked) {
                disconnect(c, null);
            }
        }
        if (existing == defaultUser || name.equals("default")) {
            refreshDefaultOpen();
        }
    }

    User newUser(String name) {
        User u = new User(name, config.getString("acl-pubsub-default").equals("allchannels"));
        u.refresh();
        return u;
    }

    /** ACL DELUSER of one user: its clients are disconnected (the caller after its reply). */
    boolean deleteUser(String name, Client caller) {
        User u = users.remove(name);
        if (u == null) {
            return false;
        }
        disconnectUsersOf(java.util.Set.of(u), caller);
        return true;
    }

    /** Replaces every user but default's object, which takes the new default rules (ACL LOAD). */
    void replaceAll(Map<String, User> loaded, Client caller) {
        User newDefault = loaded.remove("default");
        java.util.Set<User> old = new java.util.HashSet<>(users.values());
        old.remove(defaultUser);
        if (newDefault == null) {
            newDefault = new User("default", false);
            resetToDefault(newDefault);
        }
        defaultUser.assign(newDefault);
        users.clear();
        users.put("default", defaultUser);
        users.putAll(loaded);
        refreshDefaultOpen();
        disconnectUsersOf(old, caller);
    }

    private void disconnectUsersOf(java.util.Set<User> gone, Client caller) {
        for (Client c : new ArrayList<>(server.clients().all())) {
            if (gone.contains(c.aclUser())) {
                disconnect(c, caller);
            }
        }
    }

    private void disconnect(Client c, Client caller) {
        c.logInAs(defaultUser, false);
        if (c == caller) {
            c.closeAfterReply();
        } else {
            server.clients().kill(c);
        }
    }

    /**
     * Clients of {@code before} subscribed to a channel or pattern that {@code after} no longer
     * allows. Nobody loses anything when the new rules allow every channel, or keep every pattern
     * the old ones had.
     */
    private List<Client> subscribersLosingChannels(User before, User after) {
        List<Client> out = new ArrayList<>();
        List<String> upcoming = new ArrayList<>();
        for (Selector sel : after.allSelectors()) {
            if (sel.allChannels) {
                return out;
            }
            upcoming.addAll(sel.channels);
        }
        boolean keepsAll = true;
        for (Selector sel : before.allSelectors()) {
            keepsAll &= !sel.allChannels && upcoming.containsAll(sel.channels);
        }
        if (keepsAll) {
            return out;
        }
        for (Client c : server.clients().all()) {
            if (c.aclUser() != before || c.subscriptionCount() == 0) {
                continue;
            }
            boolean lose = false;
            for (io.rediha.node.store.Bytes p : c.patterns()) {
                lose |= !channelAllowed(upcoming, latin1(p.data()), true);
            }
            for (io.rediha.node.store.Bytes ch : c.channels()) {
                lose |= !channelAllowed(upcoming, latin1(ch.data()), false);
            }
            if (lose) {
                out.add(c);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ authentication

    /**
     * AUTH and HELLO AUTH: logs the client in when the user exists, is on, and the password
     * matches (or the user is nopass). A failure is logged in ACL LOG and returns false.
     */
    public boolean authenticate(Client c, byte[] username, byte[] password, byte[] commandWord) {
        String name = new String(username, StandardCharsets.ISO_8859_1);
        User u = users.get(name);
        if (u != null && u.enabled && (u.nopass || passwordMatches(u, password))) {
            c.logInAs(u, true);
            return true;
        }
        log.add(c, AclLog.Reason.AUTH, c.inMulti() ? "multi" : "toplevel", latin1(commandWord), name);
        return false;
    }

    private static boolean passwordMatches(User u, byte[] password) {
        String hash = Passwords.hash(password);
        boolean ok = false;
        for (String p : u.passwords) {
            ok |= Passwords.sameHash(p, hash);
        }
        return ok;
    }

    // ------------------------------------------------------------------ permission checks

    /**
     * The refusal of a call by a restricted user, logged in ACL LOG, or null when allowed. The
     * dispatcher calls this only when the client's user is not {@link User#isUnrestricted()}.
     */
    public String check(Client c, CommandSpec cmd, byte[][] argv) {
        Denial d = denial(c.aclUser(), cmd, argv);
        if (d == null) {
            return null;
        }
        logDenial(c, d, cmd, argv, c.inMulti() ? "multi" : "toplevel");
        return switch (d.reason()) {
            case COMMAND -> "NOPERM this user has no permissions to run the '" + cmd.fullName() + "' command";
            case KEY -> NOPERM_KEYS;
            default -> NOPERM_CHANNELS;
        };
    }

    /** EXEC's second look at a queued call: rules may have changed since it was queued. */
    public String checkQueued(Client c, CommandSpec cmd, byte[][] argv) {
        if (c.aclUser().isUnrestricted()) {
            return null;
        }
        Denial d = denial(c.aclUser(), cmd, argv);
        if (d == null) {
            return null;
        }
        logDenial(c, d, cmd, argv, "multi");
        String reason = switch (d.reason()) {
            case COMMAND -> "no permission to execute the command or subcommand";
            case KEY -> "no permission to touch the specified keys";
            default -> "no permission to access one of the channels used as arguments";
        };
        return "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. "
                + "This command is no longer allowed for the following reason: " + reason;
    }

    /**
     * A command called by a script (redis.call) runs with the permissions of the client that ran
     * the script; a refusal is logged with context {@code lua}. Null when allowed.
     */
    public String checkFromScript(Client caller, CommandSpec cmd, byte[][] argv) {
        if (caller == null || caller.aclUser().isUnrestricted()) {
            return null;
        }
        Denial d = denial(caller.aclUser(), cmd, argv);
        if (d == null) {
            return null;
        }
        logDenial(caller, d, cmd, argv, "lua");
        return "ERR The user executing the script " + switch (d.reason()) {
            case COMMAND -> "can't run this command or subcommand";
            case KEY -> "can't access at least one of the keys mentioned in the command arguments";
            default -> "can't publish to the channel mentioned in the command";
        };
    }

    private void logDenial(Client c, Denial d, CommandSpec cmd, byte[][] argv, String context) {
        String object = d.reason() == AclLog.Reason.COMMAND ? cmd.fullName()
                : new String(argv[d.argIndex()], StandardCharsets.ISO_8859_1);
        log.add(c, d.reason(), context, object, c.aclUser().name());
    }

    /**
     * Why {@code u} may not run the call, or null. Each selector is tried in turn and one that
     * allows everything is enough; otherwise the refusal reported is the most specific one (a
     * channel over a key over the command), as Redis reports it.
     */
    Denial denial(User u, CommandSpec cmd, byte[][] argv) {
        Denial worst = null;
        for (Selector sel : u.allSelectors()) {
            Denial d = denial(sel, cmd, argv);
            if (d == null) {
                return null;
            }
            if (worst == null || d.reason().ordinal() > worst.reason().ordinal()
                    || (d.reason() == worst.reason() && d.argIndex() > worst.argIndex())) {
                worst = d;
            }
        }
        return worst;
    }

    /** Order as Redis checks: command, then keys, then channels. */
    private Denial denial(Selector u, CommandSpec cmd, byte[][] argv) {
        if (!u.allCommands && !cmd.has(CommandFlag.NO_AUTH) && !commandAllowed(u, cmd, argv)) {
            return new Denial(AclLog.Reason.COMMAND, 0);
        }
        if (!u.allKeys) {
            int keyIndex = refusedKey(u, cmd, argv);
            if (keyIndex >= 0) {
                return new Denial(AclLog.Reason.KEY, keyIndex);
            }
        }
        if (!u.allChannels) {
            int channelIndex = refusedChannel(u.channels, cmd, argv);
            if (channelIndex >= 0) {
                return new Denial(AclLog.Reason.CHANNEL, channelIndex);
            }
        }
        return null;
    }

    /**
     * SORT's BY and GET patterns name keys nobody can list in advance, so Redis allows them only
     * to a user that may run the call and read every key (through one selector).
     */
    public boolean mayReadAnyKey(Client c, CommandSpec cmd, byte[][] argv) {
        User u = c.aclUser();
        if (u.isUnrestricted()) {
            return true;
        }
        for (Selector sel : u.allSelectors()) {
            boolean readsAll = sel.allKeys;
            for (Selector.KeyPattern p : sel.keys) {
                readsAll |= p.pattern.equals("*") && (p.perms & KeyAccess.READ) != 0;
            }
            if (readsAll && denial(sel, cmd, argv) == null) {
                return true;
            }
        }
        return false;
    }

    private boolean commandAllowed(Selector u, CommandSpec cmd, byte[][] argv) {
        int id = ids.id(cmd);
        if (id >= 0 && u.commands.get(id)) {
            return true;
        }
        List<String> firstArgs = u.firstArgs.get(id);
        int at = cmd.parent() != null ? 2 : 1;
        if (firstArgs == null || argv.length <= at) {
            return false;
        }
        String arg = new String(argv[at], StandardCharsets.ISO_8859_1);
        for (String a : firstArgs) {
            if (a.equalsIgnoreCase(arg)) {
                return true;
            }
        }
        return false;
    }

    /** The argv index of the first key the user may not touch, or -1. */
    private static int refusedKey(Selector u, CommandSpec cmd, byte[][] argv) {
        for (CommandTable.KeyUse k : CommandTable.keysWithFlags(cmd, argv)) {
            if (!keyAllowed(u, k.key(), KeyAccess.needed(k.flags()))) {
                return indexOf(argv, k.key());
            }
        }
        return -1;
    }

    private static boolean keyAllowed(Selector u, byte[] key, int needed) {
        for (Selector.KeyPattern p : u.keys) {
            if ((p.perms & needed) == needed
                    && Glob.matches(p.pattern.getBytes(StandardCharsets.ISO_8859_1), key, false)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[][] argv, byte[] arg) {
        for (int i = 1; i < argv.length; i++) {
            if (argv[i] == arg) {
                return i;
            }
        }
        return 1;
    }

    /** The argv index of the first channel the user may not publish or subscribe to, or -1. */
    private static int refusedChannel(List<String> allowed, CommandSpec cmd, byte[][] argv) {
        switch (cmd.fullName()) {
            case "publish", "spublish" -> {
                return argv.length > 1 && !channelAllowed(allowed, latin1(argv[1]), false) ? 1 : -1;
            }
            case "subscribe", "ssubscribe", "psubscribe" -> {
                boolean pattern = cmd.fullName().equals("psubscribe");
                for (int i = 1; i < argv.length; i++) {
                    if (!channelAllowed(allowed, latin1(argv[i]), pattern)) {
                        return i;
                    }
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** A channel matches the user's patterns; a pattern subscription needs the same pattern, literally. */
    static boolean channelAllowed(List<String> allowed, String channel, boolean isPattern) {
        for (String p : allowed) {
            if (isPattern ? p.equals(channel) : Glob.matches(p.getBytes(StandardCharsets.ISO_8859_1),
                    channel.getBytes(StandardCharsets.ISO_8859_1), false)) {
                return true;
            }
        }
        return false;
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
