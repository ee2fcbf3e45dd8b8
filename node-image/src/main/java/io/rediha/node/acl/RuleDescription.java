package io.rediha.node.acl;

import io.rediha.node.command.CommandSpec;
import java.util.BitSet;
import java.util.List;

/**
 * Turns a user back into rules: the line of ACL LIST and the fields of ACL GETUSER.
 *
 * <p>Command rules are not echoed as typed but derived from the command bits, as Redis does: start
 * from {@code +@all} (when the user may run everything not removed) or {@code -@all}, then
 * repeatedly apply the category that fixes the most commands while breaking fewer than it fixes,
 * then add or remove single commands until the result equals the user's bits exactly. A user set
 * with one category therefore reads back as exactly that category.
 */
final class RuleDescription {
    private RuleDescription() {
    }

    static String commandRules(Selector u, CommandIds ids) {
        List<CommandSpec> all = ids.all();
        int n = all.size();
        boolean additive = !u.startsFromAll;
        StringBuilder rules = new StringBuilder(additive ? "-@all " : "+@all ");
        BitSet fake = new BitSet();
        if (!additive) {
            fake.set(0, n);
        }
        BitSet remaining = (BitSet) u.commands.clone();
        boolean[] applied = new boolean[AclCategory.values().length];
        while (true) {
            AclCategory best = null;
            long minDiff = Long.MAX_VALUE;
            long maxSame = 0;
            for (AclCategory cat : AclCategory.values()) {
                if (applied[cat.ordinal()]) {
                    continue;
                }
                long on = 0;
                long off = 0;
                for (int id = 0; id < n; id++) {
                    if (ids.categories(id).contains(cat)) {
                        if (remaining.get(id)) {
                            on++;
                        } else {
                            off++;
                        }
                    }
                }
                long diff = additive ? off : on;
                long same = additive ? on : off;
                if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                    best = cat;
                    minDiff = diff;
                    maxSame = same;
                }
            }
            if (best == null) {
                break;
            }
            ids.setCategory(fake, best, additive);
            ids.setCategory(remaining, best, !additive);
            rules.append(additive ? "+@" : "-@").append(best.wireName()).append(' ');
            applied[best.ordinal()] = true;
        }
        for (int id = 0; id < n; id++) {
            CommandSpec c = all.get(id);
            boolean userBit = u.commands.get(id);
            if (userBit != fake.get(id)) {
                rules.append(userBit ? '+' : '-').append(c.fullName()).append(' ');
                ids.set(fake, c, userBit);
            }
            List<String> firstArgs = u.firstArgs.get(id);
            if (!userBit && firstArgs != null) {
                for (String a : firstArgs) {
                    rules.append('+').append(c.fullName()).append('|').append(a).append(' ');
                }
            }
        }
        rules.setLength(rules.length() - 1);
        return rules.toString();
    }

    /** Key patterns as GETUSER shows them: {@code ~*}, or the patterns separated by spaces. */
    static String keys(Selector u) {
        if (u.allKeys) {
            return "~*";
        }
        StringBuilder sb = new StringBuilder();
        for (Selector.KeyPattern p : u.keys) {
            sb.append(sb.isEmpty() ? "" : " ").append(p.describe());
        }
        return sb.toString();
    }

    /** Channel patterns as GETUSER shows them. */
    static String channels(Selector u) {
        if (u.allChannels) {
            return "&*";
        }
        StringBuilder sb = new StringBuilder();
        for (String c : u.channels) {
            sb.append(sb.isEmpty() ? "" : " ").append('&').append(c);
        }
        return sb.toString();
    }

    /** The flags GETUSER lists, in Redis's order. */
    static List<String> flags(User u) {
        List<String> f = new java.util.ArrayList<>();
        f.add(u.enabled ? "on" : "off");
        if (u.nopass) {
            f.add("nopass");
        }
        if (Boolean.FALSE.equals(u.sanitizePayload)) {
            f.add("skip-sanitize-payload");
        }
        if (Boolean.TRUE.equals(u.sanitizePayload)) {
            f.add("sanitize-payload");
        }
        return f;
    }

    /** Everything but the name, as ACL LIST and the ACL file write it. */
    static String describe(User u, CommandIds ids) {
        StringBuilder sb = new StringBuilder();
        for (String f : flags(u)) {
            sb.append(f).append(' ');
        }
        for (String p : u.passwords) {
            sb.append('#').append(p).append(' ');
        }
        sb.append(selector(u.root, ids));
        for (Selector sel : u.selectors) {
            sb.append(" (").append(selector(sel, ids)).append(')');
        }
        return sb.toString();
    }

    /** Keys, channels and command rules of one selector. */
    static String selector(Selector u, CommandIds ids) {
        StringBuilder sb = new StringBuilder();
        if (u.allKeys) {
            sb.append("~* ");
        } else {
            for (Selector.KeyPattern p : u.keys) {
                sb.append(p.describe()).append(' ');
            }
        }
        if (u.allChannels) {
            sb.append("&* ");
        } else {
            sb.append("resetchannels ");
            for (String c : u.channels) {
                sb.append('&').append(c).append(' ');
            }
        }
        sb.append(commandRules(u, ids));
        return sb.toString();
    }
}
