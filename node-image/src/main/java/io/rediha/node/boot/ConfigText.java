package io.rediha.node.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few pieces of redis.conf / sentinel.conf syntax the entrypoint needs to read and write. */
final class ConfigText {
    private ConfigText() {
    }

    /** A value as a config argument: bare when safe, otherwise double-quoted with escapes. */
    static String quote(String value) {
        boolean bare = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\'' && c != '\\');
        if (bare) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The words of a config line (quotes and escapes resolved), empty for blank and comment lines.
     * Unbalanced quotes yield the words read so far: this reader only looks for a few directives
     * in files the node itself validates when it starts.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n || (words.isEmpty() && line.charAt(i) == '#')) {
                break;
            }
            StringBuilder w = new StringBuilder();
            char q = line.charAt(i);
            if (q == '"' || q == '\'') {
                i++;
                while (i < n && line.charAt(i) != q) {
                    char c = line.charAt(i);
                    if (c == '\\' && q == '"' && i + 1 < n) {
                        char e = line.charAt(++i);
                        w.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        w.append(c);
                    }
                    i++;
                }
                i++; // closing quote
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    w.append(line.charAt(i++));
                }
            }
            words.add(w.toString());
        }
        return words;
    }

    /** The directive a line sets, lowercased ("" for blank and comment lines). */
    static String directive(String line) {
        List<String> w = words(line);
        return w.isEmpty() ? "" : w.get(0).toLowerCase(Locale.ROOT);
    }

    /** A line from words, each quoted as needed. */
    static String line(String... words) {
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
