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
        CommandReference.Entry ref = CommandReference.get(s.fullName());
        if (ref != null) {
            writeReferenceInfo(c, ref, s);
            return;
        }
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

    /** COMMAND INFO as redis-server 7.0 reports it; the subcommands are the ones we implement. */
    private static void writeReferenceInfo(Client c, CommandReference.Entry r, CommandSpec s) {
        c.addArrayLen(10);
        c.addBulk(r.name());
        c.addInteger(r.arity());
        writeSimpleSet(c, r.flags());
        c.addInteger(r.first());
        c.addInteger(r.last());
        c.addInteger(r.step());
        writeSimpleSet(c, r.categories());
        c.addArrayLen(r.tips().size());
        for (String tip : r.tips()) {
            c.addBulk(tip);
        }
        c.addArrayLen(r.keySpecs().size());
        for (CommandReference.KeySpec k : r.keySpecs()) {
            c.addMapLen(3);
            c.addBulk("flags");
            writeSimpleSet(c, k.flags());
            c.addBulk("begin_search");
            writeSearchStep(c, k.begin(), "index", "keyword");
            c.addBulk("find_keys");
            writeSearchStep(c, k.find(), "range", "keynum");
        }
        c.addArrayLen(s.subcommands().size());
        for (CommandSpec sub : s.subcommands().values()) {
            writeInfo(c, sub);
        }
    }

    private static void writeSimpleSet(Client c, List<String> items) {
        c.addSetLen(items.size());
        for (String item : items) {
            c.addSimple(item);
        }
    }

    /** {type, spec} of a begin_search or find_keys step from its "type:arg:arg" form. */
    private static void writeSearchStep(Client c, String step, String firstType, String secondType) {
        String[] p = step.split(":");
        c.addMapLen(2);
        c.addBulk("type");
        c.addBulk(p[0]);
        c.addBulk("spec");
        String[] names = switch (p[0]) {
            case "index" -> new String[] {"index"};
            case "keyword" -> new String[] {"keyword", "startfrom"};
            case "range" -> new String[] {"lastkey", "keystep", "limit"};
            case "keynum" -> new String[] {"keynumidx", "firstkey", "keystep"};
            default -> new String[0];
        };
        c.addMapLen(names.length);
        for (int i = 0; i < names.length; i++) {
            c.addBulk(names[i]);
            if (names[i].equals("keyword")) {
                c.addBulk(p[i + 1]);
            } else {
                c.addInteger(Long.parseLong(p[i + 1]));
            }
        }
    }

    /**
     * COMMAND GETKEYSANDFLAGS: every key with the flags of the key spec that found it. Specs Redis
     * cannot walk either (SORT's STORE, MIGRATE's KEYS) take the keys our table finds, the first
     * with the first spec's flags and the others with the last spec's.
     */
    static void writeKeysAndFlags(Client c, CommandSpec s, byte[][] argv) {
        List<CommandTable.KeyUse> uses = keysAndFlags(s, argv);
        checkSomeKeysFound(s, uses.isEmpty());
        c.addArrayLen(uses.size());
        for (CommandTable.KeyUse u : uses) {
            c.addArrayLen(2);
            c.addBulk(u.key());
            writeSimpleSet(c, u.flags());
        }
    }

    /** The keys of a call, each with the flags of the key spec that found it (GETKEYSANDFLAGS, ACL). */
    static List<CommandTable.KeyUse> keysAndFlags(CommandSpec s, byte[][] argv) {
        CommandReference.Entry r = CommandReference.get(s.fullName());
        List<byte[]> keys = new ArrayList<>();
        List<List<String>> flags = new ArrayList<>();
        if (r == null || r.keySpecs().isEmpty()) {
            keys.addAll(CommandTable.keysOf(s, argv));
            for (int i = 0; i < keys.size(); i++) {
                flags.add(s.has(CommandFlag.WRITE) ? List.of("RW", "update") : List.of("RO", "access"));
            }
        } else if (r.keySpecs().stream().allMatch(CommandReference.KeySpec::isKnown)) {
            for (CommandReference.KeySpec k : r.keySpecs()) {
                for (int i : CommandReference.keyIndexes(k, argv)) {
                    keys.add(argv[i]);
                    flags.add(k.flags());
                }
            }
        } else {
            keys.addAll(CommandTable.keysOf(s, argv));
            for (int i = 0; i < keys.size(); i++) {
                flags.add(r.keySpecs().get(i == 0 ? 0 : r.keySpecs().size() - 1).flags());
            }
        }
        if (!keys.isEmpty() && r != null && !r.keySpecs().isEmpty()
                && r.keySpecs().get(0).flags().contains("variable_flags")) {
            flags.set(0, variableFlags(s.fullName(), argv, flags.get(0)));
        }
        List<CommandTable.KeyUse> uses = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            uses.add(new CommandTable.KeyUse(keys.get(i), flags.get(i)));
        }
        return uses;
    }

    /**
     * The flags of a key whose access depends on the options, as Redis's own key extraction
     * decides them: SET only overwrites unless it also reads (GET); BITFIELD only reads unless it
     * has a SET or INCRBY.
     */
    private static List<String> variableFlags(String command, byte[][] argv, List<String> declared) {
        boolean writes = false;
        boolean reads = false;
        for (int i = 2; i < argv.length; i++) {
            reads |= command.equals("set") && i >= 3 && Args.is(argv[i], "get");
            writes |= command.equals("bitfield") && (Args.is(argv[i], "set") || Args.is(argv[i], "incrby"));
        }
        return switch (command) {
            case "set" -> reads ? List.of("RW", "access", "update") : List.of("OW", "update");
            case "bitfield" -> writes ? List.of("RW", "access", "update") : List.of("RO", "access");
            default -> declared;
        };
    }

    /** True when the command takes keys at all: key specs or movable keys, as Redis decides it. */
    static boolean hasKeyArguments(CommandSpec s) {
        CommandReference.Entry r = CommandReference.get(s.fullName());
        if (r != null) {
            return !r.keySpecs().isEmpty() || r.flags().contains("movablekeys");
        }
        return s.firstKey() > 0 || s.has(CommandFlag.MOVABLEKEYS);
    }

    /**
     * No key found in arguments of a command that takes keys: fine for commands whose keys are
     * optional (EVAL with numkeys 0: an empty answer), an error for the others.
     */
    static void checkSomeKeysFound(CommandSpec s, boolean none) {
        if (!none) {
            return;
        }
        CommandReference.Entry r = CommandReference.get(s.fullName());
        if (r == null || !r.flags().contains("no_mandatory_keys")) {
            throw new CommandException("ERR Invalid arguments specified for command");
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
