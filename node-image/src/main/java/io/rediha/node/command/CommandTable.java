package io.rediha.node.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands a server answers: the single source for dispatch (arity, flags, key positions) and
 * for COMMAND, COMMAND COUNT/INFO/DOCS/LIST/GETKEYS.
 *
 * <p>Extension point: other packages add their groups with {@link #register(CommandGroup)} or
 * {@link #register(CommandSpec)} before the server starts; Sentinel builds a table of its own.
 * Registering a name twice is a programming error and throws; use {@link #replace} to override an
 * entry on purpose.
 *
 * <p>Lookup by the raw bytes of the command name is case-insensitive and allocation-free, since it
 * runs for every request.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private volatile byte[][] indexNames = new byte[0][];
    private volatile CommandSpec[] indexSpecs = new CommandSpec[0];

    /** Adds a command; throws when the name is taken. */
    public synchronized CommandTable register(CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("command registered twice: " + spec.name());
        }
        reindex();
        return this;
    }

    /** Adds a whole group of commands. */
    public CommandTable register(CommandGroup group) {
        group.registerInto(this);
        return this;
    }

    /** Adds or overrides a command. */
    public synchronized CommandTable replace(CommandSpec spec) {
        byName.put(spec.name(), spec);
        reindex();
        return this;
    }

    /** Removes a command (rename-command to ""). */
    public synchronized void remove(String name) {
        byName.remove(name.toLowerCase(Locale.ROOT));
        reindex();
    }

    /** rename-command: the command answers to {@code to} only; an empty {@code to} disables it. */
    public synchronized void rename(String from, String to) {
        CommandSpec spec = byName.remove(from.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw new IllegalArgumentException("No such command in rename-command: " + from);
        }
        if (!to.isEmpty()) {
            byName.put(to.toLowerCase(Locale.ROOT), spec.renamed(to));
        }
        reindex();
    }

    /** The command named {@code name} (any case), or null. */
    public CommandSpec get(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** The command whose name is the bytes {@code name} (any case), or null. */
    public CommandSpec lookup(byte[] name) {
        byte[][] names = indexNames;
        CommandSpec[] specs = indexSpecs;
        int mask = names.length - 1;
        int i = foldedHash(name) & mask;
        while (true) {
            byte[] candidate = names[i];
            if (candidate == null) {
                return null;
            }
            if (equalsFolded(candidate, name)) {
                return specs[i];
            }
            i = (i + 1) & mask;
        }
    }

    public synchronized Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(new ArrayList<>(byName.values()));
    }

    public int size() {
        return byName.size();
    }

    /**
     * The key arguments of a call, from the first/last/step positions (COMMAND GETKEYS, WATCH-style
     * bookkeeping). Commands with movable keys answer through their own rule in
     * {@link KeyPositions}.
     */
    public static List<byte[]> keysOf(CommandSpec spec, byte[][] argv) {
        return KeyPositions.keysOf(spec, argv);
    }

    /** One key of a call and the flags of the key spec that found it ({@code RW}, {@code access}, {@code update}...). */
    public record KeyUse(byte[] key, List<String> flags) {
    }

    /**
     * The keys of a call with Redis 7.0's key-spec flags, as COMMAND GETKEYSANDFLAGS reports them;
     * ACL key rules read these to tell reads from writes.
     */
    public static List<KeyUse> keysWithFlags(CommandSpec spec, byte[][] argv) {
        return CommandInfo.keysAndFlags(spec, argv);
    }

    /** Redis 7.0's ACL categories of a command ({@code @read}...), or null when Redis has no such command. */
    public static List<String> referenceCategories(CommandSpec spec) {
        CommandReference.Entry r = CommandReference.get(spec.fullName());
        return r == null ? null : r.categories();
    }

    private void reindex() {
        int cap = 16;
        while (cap < byName.size() * 3) {
            cap <<= 1;
        }
        byte[][] names = new byte[cap][];
        CommandSpec[] specs = new CommandSpec[cap];
        for (Map.Entry<String, CommandSpec> e : byName.entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
            int i = foldedHash(n) & (cap - 1);
            while (names[i] != null) {
                i = (i + 1) & (cap - 1);
            }
            names[i] = n;
            specs[i] = e.getValue();
        }
        indexSpecs = specs;
        indexNames = names;
    }

    private static int foldedHash(byte[] b) {
        int h = 0x811c9dc5;
        for (byte c : b) {
            h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    /** {@code lower} is already lower case. */
    private static boolean equalsFolded(byte[] lower, byte[] b) {
        if (lower.length != b.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lower[i]) {
                return false;
            }
        }
        return true;
    }
}
