package io.rediha.node.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the keys of a call are. Most commands say it with first/last/step; the few with movable
 * keys (SORT ... STORE, ZUNIONSTORE numkeys, EVAL numkeys...) are handled by name here.
 */
final class KeyPositions {
    private KeyPositions() {
    }

    static List<byte[]> keysOf(CommandSpec spec, byte[][] argv) {
        List<byte[]> keys = new ArrayList<>();
        String name = spec.name();
        if (spec.has(CommandFlag.MOVABLEKEYS)) {
            movableKeys(name, argv, keys);
            return keys;
        }
        if (spec.firstKey() <= 0) {
            return keys;
        }
        int last = spec.lastKey() < 0 ? argv.length + spec.lastKey() : spec.lastKey();
        for (int i = spec.firstKey(); i <= last && i < argv.length; i += Math.max(1, spec.keyStep())) {
            keys.add(argv[i]);
        }
        return keys;
    }

    private static void movableKeys(String name, byte[][] argv, List<byte[]> keys) {
        switch (name) {
            case "sort", "sort_ro" -> {
                // The last STORE wins, as in SORT itself; LIMIT, GET and BY arguments are skipped
                // so that a pattern named "store" is not taken for the option.
                keys.add(argv[1]);
                byte[] store = null;
                for (int i = 2; i < argv.length; i++) {
                    String opt = new String(argv[i]).toLowerCase(Locale.ROOT);
                    switch (opt) {
                        case "limit" -> i += 2;
                        case "get", "by" -> i += 1;
                        case "store" -> store = i + 1 < argv.length ? argv[i + 1] : store;
                        default -> {
                        }
                    }
                }
                if (store != null) {
                    keys.add(store);
                }
            }
            case "zunionstore", "zinterstore", "zdiffstore" -> {
                keys.add(argv[1]);
                numkeys(argv, 2, keys);
            }
            case "zunion", "zinter", "zdiff", "sintercard", "zintercard", "eval", "evalsha", "eval_ro",
                    "evalsha_ro", "fcall", "fcall_ro", "lmpop", "zmpop" -> numkeys(argv, 1 + (name.startsWith("eval")
                    || name.startsWith("fcall") ? 1 : 0), keys);
            case "blmpop", "bzmpop" -> numkeys(argv, 2, keys);
            case "xread", "xreadgroup" -> {
                // The keys are the first half of what follows the first STREAMS word.
                for (int i = 1; i < argv.length; i++) {
                    if (new String(argv[i]).equalsIgnoreCase("streams")) {
                        int n = (argv.length - i - 1) / 2;
                        for (int k = 0; k < n; k++) {
                            keys.add(argv[i + 1 + k]);
                        }
                        break;
                    }
                }
            }
            case "georadius", "georadiusbymember" -> {
                keys.add(argv[1]);
                int stored = -1;
                for (int i = 5; i < argv.length - 1; i++) {
                    String arg = new String(argv[i]).toLowerCase(Locale.ROOT);
                    if (arg.equals("store") || arg.equals("storedist")) {
                        stored = ++i;
                    }
                }
                if (stored > 0) {
                    keys.add(argv[stored]);
                }
            }
            case "migrate" -> {
                if (argv.length > 3 && argv[3].length > 0) {
                    keys.add(argv[3]);
                }
            }
            default -> {
            }
        }
    }

    private static void numkeys(byte[][] argv, int at, List<byte[]> keys) {
        if (at >= argv.length) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(new String(argv[at]));
        } catch (NumberFormatException e) {
            return;
        }
        for (int i = 0; i < n && at + 1 + i < argv.length; i++) {
            keys.add(argv[at + 1 + i]);
        }
    }
}
