package io.rediha.node.sentinel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one config line into words the way redis.conf does: spaces separate words, double quotes
 * allow C-style escapes ({@code \n}, {@code \"}, {@code \xHH}, ...), single quotes allow only
 * {@code \'}, and a closing quote must end the word. Also writes words back so that reading them
 * again gives the same words.
 */
final class ConfigTokenizer {
    private ConfigTokenizer() {
    }

    /** The words of {@code line}; an empty list for a blank line or a comment. */
    static List<String> split(String line) throws ConfigException {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words;
            }
            if (words.isEmpty() && line.charAt(i) == '#') {
                return words;
            }
            StringBuilder word = new StringBuilder();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (i >= n) {
                        throw new ConfigException("Unbalanced quotes in configuration line");
                    }
                    char c = line.charAt(i);
                    if (c == '\\' && i + 3 < n && line.charAt(i + 1) == 'x' && isHex(line.charAt(i + 2))
                            && isHex(line.charAt(i + 3))) {
                        word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < n) {
                        i++;
                        word.append(switch (line.charAt(i)) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> line.charAt(i);
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            throw new ConfigException("Unbalanced quotes in configuration line");
                        }
                        done = true;
                    } else {
                        word.append(c);
                    }
                } else if (inSingle) {
                    if (i >= n) {
                        throw new ConfigException("Unbalanced quotes in configuration line");
                    }
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        i++;
                        word.append('\'');
                    } else if (c == '\'') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            throw new ConfigException("Unbalanced quotes in configuration line");
                        }
                        done = true;
                    } else {
                        word.append(c);
                    }
                } else {
                    if (i >= n) {
                        done = true;
                        continue;
                    }
                    char c = line.charAt(i);
                    if (Character.isWhitespace(c)) {
                        done = true;
                    } else if (c == '"' && word.isEmpty()) {
                        inDouble = true;
                    } else if (c == '\'' && word.isEmpty()) {
                        inSingle = true;
                    } else {
                        word.append(c);
                    }
                }
                if (i < n) {
                    i++;
                }
            }
            words.add(word.toString());
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** One word as it should appear in a config file: bare when safe, else double-quoted. */
    static String quote(String word) {
        boolean bare = !word.isEmpty();
        for (int i = 0; i < word.length() && bare; i++) {
            char c = word.charAt(i);
            bare = c > ' ' && c < 127 && c != '"' && c != '\'' && c != '\\' && !(i == 0 && c == '#');
        }
        if (bare) {
            return word;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
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
