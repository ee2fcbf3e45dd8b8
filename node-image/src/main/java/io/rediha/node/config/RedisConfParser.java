package io.rediha.node.config;

import io.rediha.node.resp.ArgSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads redis.conf files and redis-server's command line ({@code [file] [--directive value ...]})
 * into a {@link ConfigRegistry}. Lines are split like redis-server splits them (quotes and escapes,
 * see {@link ArgSplitter}); {@code include} reads another file (globs allowed) in place;
 * {@code rename-command} is recorded for the command table. Command-line overrides are applied
 * after the file, as if appended to it.
 */
public final class RedisConfParser {

    /** Handles directives the registry does not know (Sentinel's {@code sentinel ...} lines). */
    @FunctionalInterface
    public interface ExtraDirectives {
        /** True when the line was consumed; throw a ConfigException with the reason to refuse it. */
        boolean handle(String directive, List<String> args) throws ConfigException;
    }

    private final ConfigRegistry registry;
    private final ExtraDirectives extra;
    private final Set<ConfigDirective> seen = new HashSet<>();
    private int includeDepth;

    public RedisConfParser(ConfigRegistry registry) {
        this(registry, (d, a) -> false);
    }

    public RedisConfParser(ConfigRegistry registry, ExtraDirectives extra) {
        this.registry = registry;
        this.extra = extra;
    }

    /**
     * redis-server's arguments: an optional config file (the first argument, when it does not start
     * with {@code --}), then {@code --directive value...} overrides. The file's path is recorded in
     * the registry for CONFIG REWRITE.
     */
    public void parseCommandLine(String[] args) throws ConfigFileException {
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            Path file = Path.of(args[0]).toAbsolutePath();
            parseFile(file);
            registry.setConfigFile(file);
            i = 1;
        }
        List<String> overrideLines = new ArrayList<>();
        while (i < args.length) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new ConfigFileException("Invalid argument '" + a + "': expected --directive value");
            }
            String name = a.substring(2);
            List<String> values = new ArrayList<>();
            i++;
            while (i < args.length && !args[i].startsWith("--")) {
                values.add(args[i]);
                i++;
            }
            overrideLines.add(name + " " + quoteAll(values));
            applyLine(name, values, "command line", overrideLines.size(), name + " " + String.join(" ", values));
        }
    }

    private static String quoteAll(List<String> values) {
        List<String> q = new ArrayList<>();
        for (String v : values) {
            q.add(ConfigDirective.quoteIfNeeded(v));
        }
        return String.join(" ", q);
    }

    /** Reads one file; {@code include} lines read others in place. */
    public void parseFile(Path file) throws ConfigFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigFileException("Fatal error, can't open config file '" + file + "': "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        parseLines(lines, file.toString());
    }

    /** Parses lines of text (tests, CONFIG files read elsewhere); {@code source} names them in errors. */
    public void parseLines(List<String> lines, String source) throws ConfigFileException {
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = ArgSplitter.split(line);
            if (words == null) {
                throw fatal(source, n + 1, line, "Unbalanced quotes in configuration line");
            }
            if (words.isEmpty()) {
                continue;
            }
            String directive = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            applyLine(directive, args, source, n + 1, line);
        }
    }

    private void applyLine(String directive, List<String> args, String source, int lineNo, String line)
            throws ConfigFileException {
        String d = directive.toLowerCase(Locale.ROOT);
        try {
            switch (d) {
                case "include" -> {
                    if (args.size() != 1) {
                        throw new ConfigException("Bad directive or wrong number of arguments");
                    }
                    include(args.get(0), source, lineNo, line);
                    return;
                }
                case "rename-command" -> {
                    if (args.size() != 2) {
                        throw new ConfigException("Bad directive or wrong number of arguments");
                    }
                    registry.addRenamedCommand(args.get(0), args.get(1));
                    return;
                }
                case "loadmodule" -> throw new ConfigException("Modules are not supported by this server");
                case "user" -> {
                    registry.addUserDirective(args);
                    return;
                }
                default -> {
                }
            }
            ConfigDirective dir = registry.find(d);
            if (dir == null) {
                if (extra.handle(d, List.copyOf(args))) {
                    return;
                }
                throw new ConfigException("Bad directive or wrong number of arguments");
            }
            if (args.isEmpty() && dir.type() != ConfigDirective.Type.SPECIAL) {
                throw new ConfigException("wrong number of arguments");
            }
            boolean first = seen.add(dir);
            registry.setFromFile(dir, args, first);
        } catch (ConfigException e) {
            throw fatal(source, lineNo, line, e.getMessage());
        }
    }

    private void include(String pattern, String source, int lineNo, String line) throws ConfigFileException {
        if (++includeDepth > 32) {
            throw fatal(source, lineNo, line, "Too many nested includes");
        }
        try {
            Path p = Path.of(pattern);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.contains("*") || name.contains("?") || name.contains("[")) {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
                    ds.forEach(matches::add);
                } catch (IOException e) {
                    throw fatal(source, lineNo, line, "Cannot read included files: " + e.getMessage());
                }
                matches.sort(null);
                for (Path m : matches) {
                    parseFile(m);
                }
            } else {
                parseFile(p);
            }
        } finally {
            includeDepth--;
        }
    }

    private static ConfigFileException fatal(String source, int lineNo, String line, String reason) {
        return new ConfigFileException("\n*** FATAL CONFIG FILE ERROR (rediha node) ***\n"
                + "Reading the configuration file " + source + ", at line " + lineNo + "\n"
                + ">>> '" + line + "'\n" + reason);
    }
}
