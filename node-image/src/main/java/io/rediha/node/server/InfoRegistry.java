package io.rediha.node.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sections INFO can show, in Redis's order. {@code INFO} and {@code INFO default} show the
 * default sections, {@code INFO all} adds commandstats and latencystats, {@code INFO everything}
 * shows all; named sections are shown in registration order.
 */
public final class InfoRegistry {
    private record Entry(String title, boolean inDefault, InfoSection section) {
    }

    private final Map<String, Entry> sections = new LinkedHashMap<>();

    /**
     * Adds or replaces a section. {@code title} is what follows {@code # } (for example
     * {@code Replication}); the lowercase title is the name INFO takes.
     */
    public synchronized void register(String title, boolean inDefault, InfoSection section) {
        // Replacing keeps the section's place, so INFO keeps Redis's order.
        sections.put(title.toLowerCase(Locale.ROOT), new Entry(title, inDefault, section));
    }

    /** Removes a section (Sentinel shows no keyspace or persistence); true when it existed. */
    public synchronized boolean unregister(String title) {
        return sections.remove(title.toLowerCase(Locale.ROOT)) != null;
    }

    /** The INFO text for the requested section names (none: the default set). */
    public synchronized String render(List<String> requested) {
        Set<String> names = new java.util.LinkedHashSet<>();
        boolean all = false;
        boolean everything = false;
        boolean defaults = requested.isEmpty();
        for (String r : requested) {
            String n = r.toLowerCase(Locale.ROOT);
            switch (n) {
                case "all" -> all = true;
                case "everything" -> everything = true;
                case "default" -> defaults = true;
                default -> names.add(n);
            }
        }
        StringBuilder sb = new StringBuilder(4096);
        List<String> order = new ArrayList<>(sections.keySet());
        for (String name : order) {
            Entry e = sections.get(name);
            boolean show = everything || names.contains(name) || all || (defaults && e.inDefault());
            if (!show) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("\r\n");
            }
            sb.append("# ").append(e.title()).append("\r\n");
            e.section().write(sb);
        }
        return sb.toString();
    }
}
