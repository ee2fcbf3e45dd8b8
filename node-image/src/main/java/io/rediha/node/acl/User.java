package io.rediha.node.acl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One ACL user: whether it may log in and with which passwords, and its selectors (what it may
 * run and touch). Clients keep a reference to their user, so changes made by ACL SETUSER apply to
 * them at once; that is why SETUSER builds a {@link #copy()}, changes it, and {@link #assign}s it
 * back.
 *
 * <p>Used on the command thread only.
 */
public final class User {
    private final String name;
    boolean enabled;
    boolean nopass;
    /** null when neither sanitize-payload nor skip-sanitize-payload was given. */
    Boolean sanitizePayload;
    final Set<String> passwords = new LinkedHashSet<>();
    /** The rules given outside parentheses. */
    Selector root;
    /** The {@code (...)} selectors, in the order given. */
    final List<Selector> selectors = new ArrayList<>();
    /** The root selector allows every command, key and channel: the dispatcher skips the checks. */
    private boolean unrestricted;

    User(String name, boolean allChannelsByDefault) {
        this.name = name;
        this.root = new Selector(allChannelsByDefault);
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
        unrestricted = root.unrestricted();
    }

    User copy() {
        User u = new User(name, false);
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
        root = src.root.copy();
        selectors.clear();
        for (Selector s : src.selectors) {
            selectors.add(s.copy());
        }
        refresh();
    }

    /** The root selector, then the others. */
    List<Selector> allSelectors() {
        List<Selector> all = new ArrayList<>(selectors.size() + 1);
        all.add(root);
        all.addAll(selectors);
        return all;
    }
}
