package io.rediha.node.command;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One entry of the {@link CommandTable}: name, arity (negative: at least that many words), flags,
 * key positions (first, last, step; last -1 means "to the end"), the handler, and documentation
 * for COMMAND DOCS. A container command (CONFIG, CLIENT...) has subcommands instead of a handler;
 * a subcommand's full name is {@code parent|sub}.
 *
 * <p>The statistics fields are updated on the command thread only.
 */
public final class CommandSpec {
    private final String name;
    private final int arity;
    private final Set<CommandFlag> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final String group;
    private final String summary;
    private final String since;
    private final String complexity;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private CommandSpec parent;

    /** Times called, microseconds spent, calls refused before running, calls that replied an error. */
    public long calls;
    public long microseconds;
    public long rejectedCalls;
    public long failedCalls;
    /** Durations of the calls, for LATENCY HISTOGRAM. */
    public final LatencyHistogram latency = new LatencyHistogram();

    private CommandSpec(Builder b) {
        this.name = b.name.toLowerCase(Locale.ROOT);
        this.arity = b.arity;
        this.flags = b.flags.isEmpty() ? EnumSet.noneOf(CommandFlag.class) : EnumSet.copyOf(b.flags);
        this.firstKey = b.firstKey;
        this.lastKey = b.lastKey;
        this.keyStep = b.keyStep;
        this.group = b.group;
        this.summary = b.summary;
        this.since = b.since;
        this.complexity = b.complexity;
        this.handler = b.handler;
    }

    public static Builder builder(String name, int arity) {
        return new Builder(name, arity);
    }

    /** Lower-case name; {@code parent|sub} for a subcommand. */
    public String fullName() {
        return parent == null ? name : parent.name + "|" + name;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public Set<CommandFlag> flags() {
        return Collections.unmodifiableSet(flags);
    }

    public boolean has(CommandFlag f) {
        return flags.contains(f);
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public String group() {
        return group;
    }

    public String summary() {
        return summary;
    }

    public String since() {
        return since;
    }

    public String complexity() {
        return complexity;
    }

    public CommandHandler handler() {
        return handler;
    }

    public CommandSpec parent() {
        return parent;
    }

    public boolean hasSubcommands() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    /** The subcommand named (any case), or null. */
    public CommandSpec subcommand(String sub) {
        return subcommands.get(sub.toLowerCase(Locale.ROOT));
    }

    /** Adds a subcommand (CONFIG GET under CONFIG); returns this container. */
    public CommandSpec addSubcommand(CommandSpec sub) {
        sub.parent = this;
        subcommands.put(sub.name, sub);
        return this;
    }

    /** True when {@code argc} words satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** Same entry under a new name (rename-command). */
    CommandSpec renamed(String newName) {
        Builder b = new Builder(newName, arity);
        b.flags.addAll(flags);
        b.firstKey = firstKey;
        b.lastKey = lastKey;
        b.keyStep = keyStep;
        b.group = group;
        b.summary = summary;
        b.since = since;
        b.complexity = complexity;
        b.handler = handler;
        CommandSpec c = new CommandSpec(b);
        subcommands.values().forEach(c::addSubcommand);
        return c;
    }

    /** Builder: {@code CommandSpec.builder("get", 2).flags(READONLY, FAST).keys(1, 1, 1).handler(...)}. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private String group = "generic";
        private String summary = "";
        private String since = "1.0.0";
        private String complexity = "";
        private CommandHandler handler;

        private Builder(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        public Builder flags(CommandFlag... f) {
            flags.addAll(java.util.List.of(f));
            return this;
        }

        /** Key positions: first, last (-1: last argument, -2: one before...), step. */
        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder group(String g) {
            this.group = g;
            return this;
        }

        public Builder summary(String s) {
            this.summary = s;
            return this;
        }

        public Builder since(String s) {
            this.since = s;
            return this;
        }

        public Builder complexity(String c) {
            this.complexity = c;
            return this;
        }

        public Builder handler(CommandHandler h) {
            this.handler = h;
            return this;
        }

        public CommandSpec build() {
            return new CommandSpec(this);
        }
    }
}
