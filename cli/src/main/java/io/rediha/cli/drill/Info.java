package io.rediha.cli.drill;

import java.util.HashMap;
import java.util.Map;

/** The fields of an INFO reply, by name. Section headers and blank lines are skipped. */
public final class Info {
    private Info() {
    }

    public static Map<String, String> parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
