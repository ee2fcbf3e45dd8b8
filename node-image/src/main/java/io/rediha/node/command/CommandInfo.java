package io.rediha.node.command;

import io.rediha.node.server.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The replies of COMMAND, COMMAND INFO, COMMAND DOCS, COMMAND LIST, COMMAND COUNT and COMMAND
 * GETKEYS, built from the {@link CommandTable}. Clients (redis-cli hints, cluster-aware clients)
 * read these, so the shapes follow Redis 7: a ten-element array per command in INFO, a map per
 * command in DOCS.
 */
final class CommandInfo {
    private CommandInfo() {
    }

    static void writeInfo(Client c, CommandSpec s) {
        c.addArrayLen(10);
        c.addBulk(s.fullName());
        c.addInteger(s.arity());
        c.addSetLen(s.flags().size());
        for (CommandFlag f : s.flags()) {
            c.addSimple(f.wireName());
        }
        c.addInteger(s.firstKey());
        c.addInteger(s.lastKey());
        c.addInteger(s.keyStep());
        Set<String> cats = aclCategories(s);
        c.addSetLen(cats.size());
        for (String cat : cats) {
            c.addSimple(cat);
        }
        c.addArrayLen(0); // tips
        writeKeySpecs(c, s);
        c.addArrayLen(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) {
            writeInfo(c, sub);
        }
    }

    private static void writeKeySpecs(Client c, CommandSpec s) {
        if (s.firstKey() <= 0) {
            c.addArrayLen(0);
            return;
        }
        c.addArrayLen(1);
        c.addMapLen(3);
        c.addBulk("flags");
        List<String> flags = new ArrayList<>();
        if (s.has(CommandFlag.WRITE)) {
            flags.add("RW");
            flags.add("update");
        } else {
            flags.add("RO");
            flags.add("access");
        }
        c.addSetLen(flags.size());
        for (String f : flags) {
            c.addSimple(f);
        }
        c.addBulk("begin_search");
        c.addMapLen(2);
        c.addBulk("type");
        c.addBulk("index");
        c.addBulk("spec");
        c.addMapLen(1);
        c.addBulk("index");
        c.addInteger(s.firstKey());
        c.addBulk("find_keys");
        c.addMapLen(2);
        c.addBulk("type");
        c.addBulk("range");
        c.addBulk("spec");
        c.addMapLen(3);
        c.addBulk("lastkey");
        c.addInteger(s.lastKey() < 0 ? s.lastKey() : s.lastKey() - s.firstKey());
        c.addBulk("keystep");
        c.addInteger(s.keyStep());
        c.addBulk("limit");
        c.addInteger(0);
    }

    /** ACL categories in ACL CAT order, from the one source the ACL rules use. */
    static Set<String> aclCategories(CommandSpec s) {
        return io.rediha.node.acl.AclCategory.wireNames(s);
    }

    static void writeDocs(Client c, CommandSpec s) {
        int fields = 4 + (s.hasSubcommands() ? 1 : 0);
        c.addMapLen(fields);
        c.addBulk("summary");
        c.addBulk(s.summary());
        c.addBulk("since");
        c.addBulk(s.since());
        c.addBulk("group");
        c.addBulk(s.parent() != null ? s.parent().group() : s.group());
        c.addBulk("complexity");
        c.addBulk(s.complexity());
        if (s.hasSubcommands()) {
            c.addBulk("subcommands");
            c.addMapLen(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().values()) {
                c.addBulk(sub.fullName());
                writeDocs(c, sub);
            }
        }
    }
}
