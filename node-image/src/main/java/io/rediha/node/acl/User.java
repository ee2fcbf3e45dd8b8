package io.rediha.node.acl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ACL user: whether it may log in and with which passwords, and what it may run and touch.
 * Clients keep a reference to their user, so changes made by ACL SETUSER apply to them at once;
 * that is why SETUSER builds a {@link #copy()}, changes it, and {@link #assign}s it back.
 *
 * <p>Used on the command thread only.
 */
public final class User {
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

    private final String name;
    boolean enabled;
    boolean nopass;
    /** null when neither sanitize-payload nor skip-sanitize-payload was given. */
    Boolean sanitizePayload;
    final Set<String> passwords = new LinkedHashSet<>();
    /** One bit per command id ({@link CommandIds}). */
    BitSet commands = new BitSet();
    /** Set by +@all, cleared by any removal: every command, no bit test needed. */
    boolean allCommands;
    /** Set by +@all only, cleared by -@all: describes the user as "+@all minus..." (Redis's future-commands bit). */
    boolean startsFromAll;
    /** Allowed first arguments of otherwise blocked commands (+select|0), by command id. */
    Map<Integer, List<String>> firstArgs = new HashMap<>();
    boolean allKeys;
    List<KeyPattern> keys = new ArrayList<>();
    boolean allChannels;
    List<String> channels = new ArrayList<>();
    /** All commands, keys and channels: the dispatcher skips the checks. */
    private boolean unrestricted;

    User(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** True when no password is needed (nopass). */
    public boolean isNopass() {
        return nopass;
    }

    /** True when every command, key and channel is allowed. */
    public boolean isUnrestricted() {
        return unrestricted;
    }

    void refresh() {
        unrestricted = allCommands && allKeys && allChannels;
    }

    User copy() {
        User u = new User(name);
        u.assign(this);
        return u;
    }

    /** Takes every rule of {@code src} (name excepted). */
    void assign(User src) {
        enabled = src.enabled;
        nopass = src.nopass;
        sanitizePayload = src.sanitizePayload;
        passwords.clear();
        passwords.addAll(src.passwords);
        commands = (BitSet) src.commands.clone();
        allCommands = src.allCommands;
        startsFromAll = src.startsFromAll;
        firstArgs = new HashMap<>();
        src.firstArgs.forEach((k, v) -> firstArgs.put(k, new ArrayList<>(v)));
        allKeys = src.allKeys;
        keys = new ArrayList<>();
        for (KeyPattern p : src.keys) {
            keys.add(new KeyPattern(p.pattern, p.perms));
        }
        allChannels = src.allChannels;
        channels = new ArrayList<>(src.channels);
        refresh();
    }
}
