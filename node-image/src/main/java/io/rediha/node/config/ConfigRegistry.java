package io.rediha.node.config;

import io.rediha.node.store.Glob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every directive the node knows, with its current value. Other subsystems declare their own
 * directives with {@link #declare}, read values with the typed getters, and observe changes with
 * {@link #onChange}. {@link #standard()} gives a registry with every standard Redis 7 directive.
 */
public final class ConfigRegistry {
    private final Map<String, ConfigDirective> byName = new ConcurrentHashMap<>();
    private final List<ConfigDirective> ordered = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<ConfigDirective>>> listeners = new ConcurrentHashMap<>();
    private final List<String[]> renamedCommands = new CopyOnWriteArrayList<>();
    private volatile Path configFile;

    /** A registry holding every standard Redis directive at its default. */
    public static ConfigRegistry standard() {
        ConfigRegistry r = new ConfigRegistry();
        StandardDirectives.declareAll(r);
        return r;
    }

    /** Adds a directive; a name or alias already declared is an error in our code, so it throws. */
    public ConfigDirective declare(ConfigDirective d) {
        List<String> names = new ArrayList<>(d.aliases());
        names.add(d.name());
        for (String n : names) {
            if (byName.putIfAbsent(n.toLowerCase(Locale.ROOT), d) != null) {
                throw new IllegalStateException("directive declared twice: " + n);
            }
        }
        ordered.add(d);
        return d;
    }

    /** The directive with this name or alias (any case), or null. */
    public ConfigDirective find(String nameOrAlias) {
        return byName.get(nameOrAlias.toLowerCase(Locale.ROOT));
    }

    /** The directive, which must exist (a typo in our code fails fast). */
    public ConfigDirective require(String name) {
        ConfigDirective d = find(name);
        if (d == null) {
            throw new IllegalArgumentException("no such directive: " + name);
        }
        return d;
    }

    public String getString(String name) {
        return require(name).value();
    }

    public long getLong(String name) {
        return require(name).number();
    }

    public int getInt(String name) {
        return (int) require(name).number();
    }

    public boolean getBool(String name) {
        return require(name).number() != 0;
    }

    /** All directives in declaration order. */
    public List<ConfigDirective> all() {
        return List.copyOf(ordered);
    }

    /**
     * CONFIG GET: canonical name to value for every directive matching one of the patterns. A
     * pattern with no glob characters that names an alias returns it under the alias, as Redis does.
     */
    public Map<String, String> match(List<String> patterns) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pattern : patterns) {
            String p = pattern.toLowerCase(Locale.ROOT);
            boolean glob = p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0;
            if (!glob) {
                ConfigDirective d = byName.get(p);
                if (d != null) {
                    out.put(p, d.value());
                }
                continue;
            }
            for (ConfigDirective d : ordered) {
                if (d.has(ConfigDirective.Flag.HIDDEN)) {
                    continue;
                }
                if (Glob.matches(p, d.name(), true)) {
                    out.put(d.name(), d.value());
                }
                for (String alias : d.aliases()) {
                    if (Glob.matches(p, alias, true)) {
                        out.put(alias, d.value());
                    }
                }
            }
        }
        return out;
    }

    /**
     * Sets one directive from words (a file line, an override, or CONFIG SET). Listeners run after
     * the value is stored. Immutability is the caller's check: files may set anything.
     */
    public void set(String name, List<String> args) throws ConfigException {
        ConfigDirective d = find(name);
        if (d == null) {
            throw new ConfigException("Bad directive or wrong number of arguments");
        }
        String base = d.has(ConfigDirective.Flag.MERGES) ? d.value() : "";
        apply(d, d.normalize(base, args));
    }

    /** Sets from a file line: the {@link ConfigDirective.Flag#ACCUMULATES} rule needs to know the occurrence. */
    void setFromFile(ConfigDirective d, List<String> args, boolean firstOccurrence) throws ConfigException {
        String base;
        if (d.has(ConfigDirective.Flag.MERGES)) {
            base = d.value();
        } else if (d.has(ConfigDirective.Flag.ACCUMULATES) && !firstOccurrence) {
            base = d.value();
        } else {
            base = "";
        }
        apply(d, d.normalize(base, args));
    }

    /**
     * CONFIG SET with several pairs: all values are checked first and then stored, so either all of
     * them change or none. Throws with the name of the directive at fault.
     */
    public void setAll(List<String[]> pairs) throws ConfigSetException {
        List<ConfigDirective> targets = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String[] pair : pairs) {
            ConfigDirective d = find(pair[0]);
            if (d == null) {
                throw new ConfigSetException(pair[0], null);
            }
            if (d.has(ConfigDirective.Flag.IMMUTABLE)) {
                throw new ConfigSetException(pair[0], "can't set immutable config");
            }
            if (targets.contains(d)) {
                throw new ConfigSetException(pair[0], "duplicate parameter");
            }
            try {
                String base = d.has(ConfigDirective.Flag.MERGES) ? d.value() : "";
                List<String> words = d.type() == ConfigDirective.Type.SPECIAL
                        || d.has(ConfigDirective.Flag.MULTI_ARG) ? splitWords(pair[1]) : List.of(pair[1]);
                values.add(d.normalize(base, words));
            } catch (ConfigException e) {
                throw new ConfigSetException(pair[0], e.getMessage());
            }
            targets.add(d);
        }
        List<String> previous = new ArrayList<>();
        for (ConfigDirective d : targets) {
            previous.add(d.value());
        }
        for (int i = 0; i < targets.size(); i++) {
            try {
                apply(targets.get(i), values.get(i));
            } catch (RuntimeException e) {
                // A listener refused the value (for example a port that cannot be bound): undo all.
                for (int j = 0; j <= i; j++) {
                    targets.get(j).store(previous.get(j));
                }
                throw new ConfigSetException(targets.get(i).name(), e.getMessage());
            }
        }
    }

    private static List<String> splitWords(String s) {
        List<String> words = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private void apply(ConfigDirective d, String canonical) {
        d.store(canonical);
        List<Consumer<ConfigDirective>> ls = listeners.get(d.name());
        if (ls != null) {
            for (Consumer<ConfigDirective> l : ls) {
                l.accept(d);
            }
        }
    }

    /**
     * Calls {@code listener} after every change of the directive. A listener that throws makes a
     * CONFIG SET fail and be undone; its message is shown to the client.
     */
    public void onChange(String name, Consumer<ConfigDirective> listener) {
        listeners.computeIfAbsent(require(name).name(), k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /** The file the configuration was read from (CONFIG REWRITE writes it), or null. */
    public Path configFile() {
        return configFile;
    }

    public void setConfigFile(Path file) {
        this.configFile = file;
    }

    private final List<List<String>> userDirectives = new CopyOnWriteArrayList<>();

    /** {@code user <name> <rules...>} lines, in file order (the ACL users to create at start). */
    public List<List<String>> userDirectives() {
        return List.copyOf(userDirectives);
    }

    public void addUserDirective(List<String> args) {
        userDirectives.add(List.copyOf(args));
    }

    private volatile java.util.function.Supplier<List<String>> userLines = List::of;

    /** What CONFIG REWRITE writes for {@code user}: the ACL users as they are now (empty: none). */
    public List<String> currentUserLines() {
        return userLines.get();
    }

    public void setUserLines(java.util.function.Supplier<List<String>> lines) {
        this.userLines = lines;
    }

    /** {@code rename-command old new} lines, in file order; an empty new name disables the command. */
    public List<String[]> renamedCommands() {
        return List.copyOf(renamedCommands);
    }

    void addRenamedCommand(String from, String to) {
        renamedCommands.add(new String[]{from, to});
    }

    /** A CONFIG SET failure, naming the parameter at fault. */
    public static final class ConfigSetException extends Exception {
        private final String parameter;
        private final String reason;

        public ConfigSetException(String parameter, String reason) {
            super(reason);
            this.parameter = parameter;
            this.reason = reason;
        }

        /** Redis's error text for this failure. */
        public String errorReply() {
            if (reason == null) {
                return "ERR Unknown option or number of arguments for CONFIG SET - '" + parameter + "'";
            }
            return "ERR CONFIG SET failed (possibly related to argument '" + parameter + "') - " + reason;
        }
    }
}
