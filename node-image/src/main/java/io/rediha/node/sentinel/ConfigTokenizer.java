package io.rediha.node.sentinel;

import io.rediha.node.config.ConfigDirective;
import io.rediha.node.resp.ArgSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * sentinel.conf lines to words and back, with the same rules as redis.conf: the server's
 * {@link ArgSplitter} reads them and {@link ConfigDirective#quoteIfNeeded} writes them, so both
 * config files quote alike. Adds what a config file has and a command line has not: comments, and
 * a {@link ConfigException} for unbalanced quotes.
 */
final class ConfigTokenizer {
    private ConfigTokenizer() {
    }

    /** The words of {@code line}; an empty list for a blank line or a comment. */
    static List<String> split(String line) throws ConfigException {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
            return new ArrayList<>();
        }
        List<String> words = ArgSplitter.split(line);
        if (words == null) {
            throw new ConfigException("Unbalanced quotes in configuration line");
        }
        return words;
    }

    /** One word as it should appear in a config file: bare when safe, else double-quoted. */
    static String quote(String word) {
        return ConfigDirective.quoteIfNeeded(word);
    }

    /** A config line made of {@code words}, each quoted as needed. */
    static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }
}
