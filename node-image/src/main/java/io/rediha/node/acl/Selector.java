package io.rediha.node.acl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of permissions: which commands, keys and channels. Every user has a root selector (the
 * rules given outside parentheses) and may have more, written {@code (+get ~cache:*)}; a call is
 * allowed when any one selector allows all of it, command, keys and channels together.
 */
final class Selector {
    /** Pattern on keys, with the permissions it grants (%R~, %W~, or ~ for both). */
    static final class KeyPattern {
        final String pattern;
        int perms;

        KeyPattern(String pattern, int perms) {
            this.pattern = pattern;
            this.perms = perms;
        }

        String describe() {
            return switch (perms) {
                case KeyAccess.READ -> "%R~" + pattern;
                case KeyAccess.WRITE -> "%W~" + pattern;
                default -> "~" + pattern;
            };
        }
    }

    /** One bit per command id ({@link CommandIds}). */
    BitSet commands = new BitSet();
    /** Set by +@all, cleared by any removal: every command, no bit test needed. */
    boolean allCommands;
    /** Set by +@all only, cleared by -@all: describes the rules as "+@all minus..." (Redis's future-commands bit). */
    boolean startsFromAll;
    /** Allowed first arguments of otherwise blocked commands (+select|0), by command id. */
    Map<Integer, List<String>> firstArgs = new HashMap<>();
    boolean allKeys;
    List<KeyPattern> keys = new ArrayList<>();
    boolean allChannels;
    List<String> channels = new ArrayList<>();

    Selector(boolean allChannels) {
        this.allChannels = allChannels;
    }

    boolean unrestricted() {
        return allCommands && allKeys && allChannels;
    }

    Selector copy() {
        Selector s = new Selector(allChannels);
        s.commands = (BitSet) commands.clone();
        s.allCommands = allCommands;
        s.startsFromAll = startsFromAll;
        firstArgs.forEach((k, v) -> s.firstArgs.put(k, new ArrayList<>(v)));
        s.allKeys = allKeys;
        for (KeyPattern p : keys) {
            s.keys.add(new KeyPattern(p.pattern, p.perms));
        }
        s.channels.addAll(channels);
        return s;
    }
}
