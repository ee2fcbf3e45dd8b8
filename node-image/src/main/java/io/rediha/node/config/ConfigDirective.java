package io.rediha.node.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One redis.conf directive: name, aliases, type, default and flags, plus its current value in
 * canonical text (what CONFIG GET shows). Typed values are cached so hot paths read a field, not a
 * string.
 */
public final class ConfigDirective {

    /** How the value is written and checked. */
    public enum Type {
        /** {@code yes} / {@code no}. */
        BOOL,
        /** A decimal integer within [min, max]. */
        INT,
        /** Bytes, with units ({@code 1gb}); CONFIG GET shows plain bytes. */
        MEMORY,
        /** One of a fixed set of words. */
        ENUM,
        /** Any text, possibly empty. */
        STRING,
        /** Its own syntax, checked by a {@link SpecialParser} (save, client-output-buffer-limit...). */
        SPECIAL
    }

    /** What may be done with the directive. */
    public enum Flag {
        /** Only settable in the file or on the command line, not by CONFIG SET. */
        IMMUTABLE,
        /** Not shown in logs (passwords). */
        SENSITIVE,
        /** Not listed by {@code CONFIG GET *}. */
        HIDDEN,
        /**
         * Later lines in one file add to the earlier ones instead of replacing them (save): the
         * first occurrence replaces the default.
         */
        ACCUMULATES,
        /** Every setting is merged into the current value (client-output-buffer-limit). */
        MERGES,
        /** Takes several words on one line ({@code bind a b}, {@code save 3600 1 300 100}). */
        MULTI_ARG
    }

    /** Parses the words of a special directive into its canonical text, given the value to merge into. */
    @FunctionalInterface
    public interface SpecialParser {
        String parse(String base, List<String> args) throws ConfigException;
    }

    private final String name;
    private final List<String> aliases;
    private final Type type;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final List<String> enumValues;
    private final Set<Flag> flags;
    private final SpecialParser special;
    private volatile String value;
    private volatile long number;

    ConfigDirective(String name, List<String> aliases, Type type, String defaultValue, long min, long max,
                    List<String> enumValues, Set<Flag> flags, SpecialParser special) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
        this.type = type;
        this.min = min;
        this.max = max;
        this.enumValues = List.copyOf(enumValues);
        this.flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
        this.special = special;
        try {
            this.defaultValue = normalize("", List.of(defaultValue.isEmpty() && type == Type.SPECIAL
                    ? new String[0] : new String[]{defaultValue}));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad default for " + name + ": " + e.getMessage(), e);
        }
        store(this.defaultValue);
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public Type type() {
        return type;
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The current value in canonical text. */
    public String value() {
        return value;
    }

    /** The current value of a BOOL, INT or MEMORY directive (1/0 for booleans). */
    public long number() {
        return number;
    }

    public List<String> enumValues() {
        return enumValues;
    }

    /**
     * The canonical text for {@code args}, merged into {@code base} where the directive merges;
     * throws with Redis's reason when the value is not acceptable.
     */
    String normalize(String base, List<String> args) throws ConfigException {
        if (type == Type.SPECIAL) {
            return special.parse(base, args);
        }
        String v = args.size() == 1 ? args.get(0) : String.join(" ", args);
        if (args.size() != 1 && !flags.contains(Flag.MULTI_ARG)) {
            throw new ConfigException("wrong number of arguments");
        }
        switch (type) {
            case BOOL: {
                String l = v.toLowerCase(Locale.ROOT);
                if (l.equals("yes") || l.equals("no")) {
                    return l;
                }
                throw new ConfigException("argument must be 'yes' or 'no'");
            }
            case INT: {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new ConfigException("argument couldn't be parsed into an integer");
                }
                checkRange(n);
                return Long.toString(n);
            }
            case MEMORY: {
                long n = MemoryUnits.parse(v);
                if (n == Long.MIN_VALUE) {
                    throw new ConfigException("argument must be a memory value");
                }
                checkRange(n);
                return Long.toString(n);
            }
            case ENUM: {
                List<String> out = new ArrayList<>();
                for (String word : v.split(" ")) {
                    String l = word.toLowerCase(Locale.ROOT);
                    if (!enumValues.contains(l)) {
                        throw new ConfigException("argument(s) must be one of the following: "
                                + String.join(", ", enumValues));
                    }
                    out.add(l);
                }
                return String.join(" ", out);
            }
            default:
                return v;
        }
    }

    private void checkRange(long n) throws ConfigException {
        if (n < min || n > max) {
            throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
        }
    }

    /** Stores an already-normalized value. */
    void store(String canonical) {
        this.value = canonical;
        switch (type) {
            case BOOL -> number = canonical.equals("yes") ? 1 : 0;
            case INT, MEMORY -> number = Long.parseLong(canonical);
            default -> number = 0;
        }
    }

    /** Value as CONFIG REWRITE writes it: quoted when it needs to be. */
    String rewriteForm() {
        if (type == Type.SPECIAL || flags.contains(Flag.MULTI_ARG)) {
            return value;
        }
        return quoteIfNeeded(value);
    }

    /**
     * One word as it must appear in a config file so that reading it back gives the same word: bare
     * when safe, else double-quoted with C-style escapes. A leading '#' is quoted, or it would read
     * back as a comment. Used by CONFIG REWRITE and by the sentinel's config rewrite.
     */
    public static String quoteIfNeeded(String v) {
        boolean bare = !v.isEmpty();
        for (int i = 0; i < v.length() && bare; i++) {
            char c = v.charAt(i);
            bare = c > ' ' && c < 127 && c != '"' && c != '\'' && c != '\\' && !(i == 0 && c == '#');
        }
        if (bare) {
            return v;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ' || c == 127) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Builder used by {@link ConfigRegistry} declarations. */
    public static final class Builder {
        private final String name;
        private final Type type;
        private final List<String> aliases = new ArrayList<>();
        private String defaultValue = "";
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;
        private List<String> enumValues = List.of();
        private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        private SpecialParser special;

        public Builder(String name, Type type) {
            this.name = name;
            this.type = type;
        }

        public Builder alias(String alias) {
            aliases.add(alias);
            return this;
        }

        public Builder defaultValue(String v) {
            this.defaultValue = v;
            return this;
        }

        public Builder range(long lo, long hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        public Builder values(String... values) {
            this.enumValues = List.of(values);
            return this;
        }

        public Builder flags(Flag... f) {
            flags.addAll(List.of(f));
            return this;
        }

        public Builder parser(SpecialParser p) {
            this.special = p;
            return this;
        }

        public ConfigDirective build() {
            if (type == Type.SPECIAL && special == null) {
                throw new IllegalStateException("special directive " + name + " needs a parser");
            }
            return new ConfigDirective(name, aliases, type, defaultValue, min, max, enumValues, flags, special);
        }
    }
}
