package io.rediha.cli.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .env} file next to a compose file, read as Compose reads it: {@code KEY=VALUE} lines,
 * {@code #} comments, optional {@code export }, and values in single or double quotes.
 * {@code rediha generate} keeps the password here (mode 0600) so it is never a literal in the file.
 */
public final class DotEnv {
    private DotEnv() {
    }

    /** The variables of {@code dir/.env}; empty when there is no such file. */
    public static Map<String, String> read(Path dir) {
        Path file = dir.resolve(".env");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new ComposeException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            vars.put(key, value);
        }
        return vars;
    }
}
