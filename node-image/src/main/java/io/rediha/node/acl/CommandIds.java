package io.rediha.node.acl;

import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A number for every command and subcommand of the table, so a user's command rules are a bit
 * set. Renumbered when the table changes size (rename-command, commands added at start-up); bits
 * are only kept by id, so the table is expected to be complete before users are defined.
 */
final class CommandIds {
    private final CommandTable table;
    private final Map<CommandSpec, Integer> ids = new IdentityHashMap<>();
    private final List<CommandSpec> byId = new ArrayList<>();
    private final List<EnumSet<AclCategory>> categories = new ArrayList<>();
    private int indexedSize = -1;

    CommandIds(CommandTable table) {
        this.table = table;
    }

    private void index() {
        if (indexedSize == table.size()) {
            return;
        }
        ids.clear();
        byId.clear();
        categories.clear();
        for (CommandSpec c : table.all()) {
            add(c);
            for (CommandSpec sub : c.subcommands().values()) {
                add(sub);
            }
        }
        indexedSize = table.size();
    }

    private void add(CommandSpec c) {
        ids.put(c, byId.size());
        byId.add(c);
        categories.add(AclCategory.of(c));
    }

    /** The categories of the command with this id. */
    EnumSet<AclCategory> categories(int id) {
        index();
        return categories.get(id);
    }

    /** Sets or clears the bit of a command and of all its subcommands. */
    void set(BitSet bits, CommandSpec c, boolean on) {
        int id = id(c);
        if (id >= 0) {
            bits.set(id, on);
        }
        for (CommandSpec sub : c.subcommands().values()) {
            int s = id(sub);
            if (s >= 0) {
                bits.set(s, on);
            }
        }
    }

    /** Sets or clears every command of a category (a container command takes its subcommands along). */
    void setCategory(BitSet bits, AclCategory cat, boolean on) {
        List<CommandSpec> all = all();
        for (int id = 0; id < all.size(); id++) {
            if (categories.get(id).contains(cat)) {
                set(bits, all.get(id), on);
            }
        }
    }

    /** The id of a command, or -1 when it is not in the table. */
    int id(CommandSpec c) {
        index();
        Integer id = ids.get(c);
        if (id == null) {
            indexedSize = -1;
            index();
            id = ids.get(c);
        }
        return id == null ? -1 : id;
    }

    /** Every command and subcommand, parents before their subcommands. */
    List<CommandSpec> all() {
        index();
        return byId;
    }

    /** The command named {@code name} or {@code parent|sub} (any case), or null. */
    CommandSpec lookup(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table.get(name);
        }
        CommandSpec parent = table.get(name.substring(0, bar));
        if (parent == null || name.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        return parent.subcommand(name.substring(bar + 1));
    }
}
