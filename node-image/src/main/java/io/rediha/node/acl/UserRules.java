package io.rediha.node.acl;

import io.rediha.node.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies ACL SETUSER rules ({@code on}, {@code >pass}, {@code +@read}, {@code ~key*}...) to a
 * user, one at a time. A rule that cannot be applied throws with Redis's reason; the caller works
 * on a copy, so nothing is half-applied.
 */
final class UserRules {
    static final String UNKNOWN = "Unknown command or category name in ACL";
    static final String SYNTAX = "Syntax error";
    static final String KEYS_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid "
            + "and does not have any effect. Try 'resetkeys' to start with an empty list of patterns";
    static final String CHANNELS_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allchannels' flag) is not "
            + "valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels";
    static final String NO_SUCH_PASSWORD = "The password you are trying to remove from the user does not exist";
    static final String BAD_HASH = "The password hash must be exactly 64 characters and contain only lowercase "
            + "hexadecimal characters";
    static final String SUBCOMMAND_FIRST_ARG = "Allowing first-arg of a subcommand is not supported";

    private final CommandIds ids;
    private final boolean pubsubDefaultAll;

    UserRules(CommandIds ids, boolean pubsubDefaultAll) {
        this.ids = ids;
        this.pubsubDefaultAll = pubsubDefaultAll;
    }

    /** Applies each rule in order; the message of the first failure names the rule as Redis does. */
    void applyAll(User u, List<String> rules) throws AclException {
        for (String r : mergeSelectors(rules)) { // an unmatched '(' is reported without the modifier prefix
            try {
                apply(u, r);
            } catch (AclException e) {
                throw new AclException("Error in ACL SETUSER modifier '" + r + "': " + e.getMessage());
            }
        }
        u.refresh();
    }

    /**
     * Joins the words of a selector that spans several arguments ({@code "(~a" "+get)"}) into one
     * rule; a selector never closed is refused naming where it started.
     */
    static List<String> mergeSelectors(List<String> rules) throws AclException {
        List<String> out = new ArrayList<>();
        StringBuilder open = null;
        String openedAt = null;
        for (String r : rules) {
            if (open == null && r.startsWith("(") && !r.endsWith(")")) {
                open = new StringBuilder(r);
                openedAt = r;
            } else if (open != null) {
                open.append(' ').append(r);
                if (r.endsWith(")")) {
                    out.add(open.toString());
                    open = null;
                }
            } else {
                out.add(r);
            }
        }
        if (open != null) {
            throw new AclException("Unmatched parenthesis in acl selector starting at '" + openedAt + "'.");
        }
        return out;
    }

    void apply(User u, String op) throws AclException {
        if (op.isEmpty()) {
            return;
        }
        switch (op.toLowerCase(Locale.ROOT)) {
            case "on" -> u.enabled = true;
            case "off" -> u.enabled = false;
            case "sanitize-payload" -> u.sanitizePayload = true;
            case "skip-sanitize-payload" -> u.sanitizePayload = false;
            case "nopass" -> {
                u.nopass = true;
                u.passwords.clear();
            }
            case "resetpass" -> {
                u.nopass = false;
                u.passwords.clear();
            }
            case "clearselectors" -> u.selectors.clear();
            case "reset" -> {
                apply(u, "resetpass");
                apply(u, "resetkeys");
                apply(u, "resetchannels");
                if (pubsubDefaultAll) {
                    apply(u, "allchannels");
                }
                apply(u, "off");
                apply(u, "sanitize-payload");
                apply(u, "clearselectors");
                apply(u, "-@all");
            }
            default -> applyPrefixed(u, op);
        }
    }

    private void applyPrefixed(User u, String op) throws AclException {
        char first = op.charAt(0);
        switch (first) {
            case '>', '#' -> {
                String hash = first == '>' ? Passwords.hash(op.substring(1)) : checkedHash(op.substring(1));
                u.passwords.add(hash);
                u.nopass = false;
            }
            case '<', '!' -> {
                String hash = first == '<' ? Passwords.hash(op.substring(1)) : checkedHash(op.substring(1));
                if (!u.passwords.remove(hash)) {
                    throw new AclException(NO_SUCH_PASSWORD);
                }
            }
            default -> {
                if (first == '(' && op.endsWith(")")) {
                    u.selectors.add(selectorOf(op.substring(1, op.length() - 1)));
                } else {
                    applyToSelector(u.root, op);
                }
            }
        }
    }

    /** A {@code (...)} selector: starts with no permissions (channels as acl-pubsub-default says). */
    private Selector selectorOf(String inner) throws AclException {
        Selector s = new Selector(pubsubDefaultAll);
        List<String> ops = io.rediha.node.resp.ArgSplitter.split(inner);
        if (ops == null) {
            throw new AclException(SYNTAX);
        }
        for (String op : ops) {
            applyToSelector(s, op);
        }
        return s;
    }

    /** Rules on commands, keys and channels. */
    void applyToSelector(Selector s, String op) throws AclException {
        if (op.isEmpty()) {
            return;
        }
        switch (op.toLowerCase(Locale.ROOT)) {
            case "allkeys", "~*" -> {
                s.allKeys = true;
                s.keys.clear();
            }
            case "resetkeys" -> {
                s.allKeys = false;
                s.keys.clear();
            }
            case "allchannels", "&*" -> {
                s.allChannels = true;
                s.channels.clear();
            }
            case "resetchannels" -> {
                s.allChannels = false;
                s.channels.clear();
            }
            case "allcommands", "+@all" -> {
                s.commands.set(0, ids.all().size());
                s.allCommands = true;
                s.startsFromAll = true;
                s.firstArgs.clear();
            }
            case "nocommands", "-@all" -> {
                s.commands.clear();
                s.allCommands = false;
                s.startsFromAll = false;
                s.firstArgs.clear();
            }
            default -> applyPattern(s, op);
        }
    }

    private void applyPattern(Selector s, String op) throws AclException {
        char first = op.charAt(0);
        switch (first) {
            case '~', '%' -> addKeyPattern(s, op);
            case '&' -> {
                if (s.allChannels) {
                    throw new AclException(CHANNELS_AFTER_ALL);
                }
                String pattern = op.substring(1);
                if (hasSpaces(pattern)) {
                    throw new AclException(SYNTAX);
                }
                if (!s.channels.contains(pattern)) {
                    s.channels.add(pattern);
                }
            }
            case '+', '-' -> {
                if (op.length() > 1 && op.charAt(1) == '@') {
                    AclCategory cat = AclCategory.byName(op.substring(2));
                    if (cat == null) {
                        throw new AclException(UNKNOWN);
                    }
                    setCategory(s, cat, first == '+');
                } else if (first == '+') {
                    allowCommand(s, op.substring(1));
                } else {
                    CommandSpec cmd = ids.lookup(op.substring(1));
                    if (cmd == null) {
                        throw new AclException(UNKNOWN);
                    }
                    change(s, cmd, false);
                }
            }
            default -> throw new AclException(SYNTAX);
        }
    }

    private static String checkedHash(String hex) throws AclException {
        if (!Passwords.isHash(hex)) {
            throw new AclException(BAD_HASH);
        }
        return hex;
    }

    private static void addKeyPattern(Selector u, String op) throws AclException {
        if (u.allKeys) {
            throw new AclException(KEYS_AFTER_ALL);
        }
        int perms = 0;
        int at = 1;
        if (op.charAt(0) == '%') {
            for (; at < op.length(); at++) {
                char ch = Character.toUpperCase(op.charAt(at));
                if (ch == 'R' && (perms & KeyAccess.READ) == 0) {
                    perms |= KeyAccess.READ;
                } else if (ch == 'W' && (perms & KeyAccess.WRITE) == 0) {
                    perms |= KeyAccess.WRITE;
                } else if (ch == '~') {
                    at++;
                    break;
                } else {
                    throw new AclException(SYNTAX);
                }
            }
        } else {
            perms = KeyAccess.READ | KeyAccess.WRITE;
        }
        String pattern = op.substring(at);
        if (hasSpaces(pattern)) {
            throw new AclException(SYNTAX);
        }
        for (Selector.KeyPattern p : u.keys) {
            if (p.pattern.equals(pattern)) {
                p.perms |= perms;
                return;
            }
        }
        u.keys.add(new Selector.KeyPattern(pattern, perms));
    }

    private void allowCommand(Selector u, String name) throws AclException {
        int bar = name.lastIndexOf('|');
        if (bar < 0) {
            CommandSpec cmd = ids.lookup(name);
            if (cmd == null) {
                throw new AclException(UNKNOWN);
            }
            change(u, cmd, true);
            return;
        }
        CommandSpec parent = ids.lookup(name.substring(0, bar));
        if (parent == null) {
            throw new AclException(UNKNOWN);
        }
        if (parent.parent() != null) {
            throw new AclException(SUBCOMMAND_FIRST_ARG);
        }
        String arg = name.substring(bar + 1);
        if (arg.isEmpty()) {
            throw new AclException(SYNTAX);
        }
        if (parent.hasSubcommands()) {
            CommandSpec sub = parent.subcommand(arg);
            if (sub == null) {
                throw new AclException(UNKNOWN);
            }
            change(u, sub, true);
            return;
        }
        List<String> args = u.firstArgs.computeIfAbsent(ids.id(parent), k -> new ArrayList<>());
        for (String a : args) {
            if (a.equalsIgnoreCase(arg)) {
                return;
            }
        }
        args.add(arg);
    }

    /** Allows or blocks a command; a container command takes its subcommands along. */
    private void change(Selector u, CommandSpec cmd, boolean allow) {
        ids.set(u.commands, cmd, allow);
        u.firstArgs.remove(ids.id(cmd));
        if (!allow) {
            u.allCommands = false;
        }
    }

    private void setCategory(Selector u, AclCategory cat, boolean allow) {
        List<CommandSpec> all = ids.all();
        for (int id = 0; id < all.size(); id++) {
            if (ids.categories(id).contains(cat)) {
                change(u, all.get(id), allow);
            }
        }
    }

    static boolean hasSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || ch == 0) {
                return true;
            }
        }
        return false;
    }
}
