package io.rediha.node.server;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.store.Bytes;
import io.rediha.node.store.Database;
import io.rediha.node.store.KeyspaceListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client-side caching (CLIENT TRACKING), as Redis 6+ does it. A tracking client caches what it
 * reads; the server remembers which keys each client read (default mode), or which key prefixes
 * it cares about (BCAST mode), and when such a key changes, expires, is evicted or the dataset is
 * flushed, it tells the client to drop it: an "invalidate" push in RESP3, or a message on the
 * {@code __redis__:invalidate} channel of a RESP2 connection the client redirected to.
 *
 * <p>The table is keyed by key name only, across databases, as in Redis. Invalidations meant
 * for the client whose command made the change are held until that command has replied, so
 * they never land between a command and its reply. Command thread only.
 */
public final class Tracking implements KeyspaceListener {
    private static final byte[] INVALIDATE = "invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REDIR_BROKEN = "tracking-redir-broken".getBytes(StandardCharsets.US_ASCII);

    /** A tracking client's options (CLIENT TRACKING ON ...) and its one-shot CLIENT CACHING flag. */
    static final class ClientState {
        long redirect;
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        boolean caching;
        boolean brokenRedirect;
        final Set<Bytes> prefixes = new LinkedHashSet<>();
    }

    private final RedisServer server;
    private final Map<Bytes, Set<Long>> readers = new HashMap<>();
    private final Map<Bytes, Set<Client>> prefixes = new HashMap<>();
    private final Set<Client> trackingClients = new LinkedHashSet<>();
    private final List<byte[]> pendingForCaller = new ArrayList<>();
    /** BCAST invalidations of the running command: one message per client and prefix, as Redis sends them. */
    private final Map<Client, Map<Bytes, Set<Bytes>>> pendingBroadcast = new java.util.LinkedHashMap<>();
    private Client caller;
    private boolean flushSentInCommand;
    private boolean flushPendingForCaller;
    private long items;

    Tracking(RedisServer server) {
        this.server = server;
    }

    // ------------------------------------------------------------------ CLIENT TRACKING / CACHING

    /** CLIENT TRACKING ON with options already checked for syntax; returns an error or null. */
    public String enable(Client c, long redirect, boolean bcast, boolean optin, boolean optout, boolean noloop,
            List<byte[]> newPrefixes) {
        ClientState old = c.tracking;
        if (!bcast && !newPrefixes.isEmpty()) {
            return "ERR PREFIX option requires BCAST mode to be enabled";
        }
        if (old != null && old.bcast != bcast) {
            return "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then "
                    + "re-enabling it with a different mode.";
        }
        if (bcast && (optin || optout)) {
            return "ERR OPTIN and OPTOUT are not compatible with BCAST";
        }
        if (optin && optout) {
            return "ERR You can't use both OPTIN and OPTOUT";
        }
        if (old != null && ((optin && old.optout) || (optout && old.optin))) {
            return "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then "
                    + "re-enabling it with a different mode.";
        }
        if (bcast) {
            String collision = prefixCollision(old, newPrefixes);
            if (collision != null) {
                return collision;
            }
        }
        ClientState s = old != null ? old : new ClientState();
        s.redirect = redirect;
        s.bcast = bcast;
        s.optin = optin;
        s.optout = optout;
        s.noloop = noloop;
        s.brokenRedirect = false;
        if (bcast && newPrefixes.isEmpty() && s.prefixes.isEmpty()) {
            newPrefixes = List.of(new byte[0]); // BCAST without PREFIX: every key
        }
        for (byte[] p : newPrefixes) {
            Bytes b = new Bytes(p);
            if (s.prefixes.add(b)) {
                prefixes.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(c);
            }
        }
        c.tracking = s;
        trackingClients.add(c);
        return null;
    }

    private static String prefixCollision(ClientState old, List<byte[]> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            byte[] p = wanted.get(i);
            if (old != null) {
                for (Bytes existing : old.prefixes) {
                    if (!existing.equals(new Bytes(p)) && overlap(existing.data(), p)) {
                        return "ERR Prefix '" + text(p) + "' overlaps with an existing prefix '" + text(existing.data())
                                + "'. Prefixes for a single client must not overlap.";
                    }
                }
            }
            for (int j = i + 1; j < wanted.size(); j++) {
                if (overlap(p, wanted.get(j))) {
                    return "ERR Prefix '" + text(p) + "' overlaps with another provided prefix '" + text(wanted.get(j))
                            + "'. Prefixes for a single client must not overlap.";
                }
            }
        }
        return null;
    }

    private static boolean overlap(byte[] a, byte[] b) {
        return startsWith(a, b) || startsWith(b, a);
    }

    /** CLIENT TRACKING OFF, and the end of a tracking connection. */
    public void disable(Client c) {
        ClientState s = c.tracking;
        if (s == null) {
            return;
        }
        for (Bytes p : s.prefixes) {
            Set<Client> set = prefixes.get(p);
            if (set != null && set.remove(c) && set.isEmpty()) {
                prefixes.remove(p);
            }
        }
        c.tracking = null;
        trackingClients.remove(c);
    }

    /** CLIENT CACHING yes|no; returns an error or null. */
    public String caching(Client c, boolean yes) {
        ClientState s = c.tracking;
        if (s == null || (!s.optin && !s.optout)) {
            return "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT "
                    + "mode enabled";
        }
        if (yes && !s.optin) {
            return "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
        }
        if (!yes && !s.optout) {
            return "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";
        }
        s.caching = true;
        return null;
    }

    /** CLIENT GETREDIR: -1 when not tracking, 0 when not redirecting. */
    public long redirect(Client c) {
        return c.tracking == null ? -1 : c.tracking.redirect;
    }

    /** CLIENT TRACKINGINFO. */
    public void writeInfo(Client c) {
        ClientState s = c.tracking;
        List<String> flags = new ArrayList<>();
        flags.add(s == null ? "off" : "on");
        if (s != null) {
            if (s.bcast) {
                flags.add("bcast");
            }
            if (s.optin) {
                flags.add("optin");
                if (s.caching) {
                    flags.add("caching-yes");
                }
            }
            if (s.optout) {
                flags.add("optout");
                if (s.caching) {
                    flags.add("caching-no");
                }
            }
            if (s.noloop) {
                flags.add("noloop");
            }
            if (s.brokenRedirect) {
                flags.add("broken_redirect");
            }
        }
        c.addMapLen(3);
        c.addBulk("flags");
        c.addSetLen(flags.size());
        for (String f : flags) {
            c.addBulk(f);
        }
        c.addBulk("redirect");
        c.addInteger(redirect(c));
        c.addBulk("prefixes");
        c.addArrayLen(s == null ? 0 : s.prefixes.size());
        if (s != null) {
            for (Bytes p : s.prefixes) {
                c.addBulk(p.data());
            }
        }
    }

    /** CLIENT LIST flags: t tracking, R broken redirect, B broadcast. */
    String listFlags(Client c) {
        ClientState s = c.tracking;
        if (s == null) {
            return "";
        }
        return "t" + (s.brokenRedirect ? "R" : "") + (s.bcast ? "B" : "");
    }

    // ------------------------------------------------------------------ around commands

    boolean active() {
        return !trackingClients.isEmpty() || !pendingForCaller.isEmpty() || !pendingBroadcast.isEmpty()
                || flushPendingForCaller;
    }

    /** A top-level command starts: invalidations for {@code c} wait until it has replied. */
    void beforeCommand(Client c) {
        caller = c;
        flushSentInCommand = false;
    }

    /**
     * A command ran: remember the keys a read-only command read for its tracking client, and
     * clear the one-shot CLIENT CACHING flag, unless this was CLIENT CACHING itself.
     */
    void afterCall(Client c, CommandSpec cmd, byte[][] argv) {
        ClientState s = c.tracking;
        if (s == null) {
            return;
        }
        if (cmd.has(CommandFlag.READONLY) && !s.bcast && (s.optin ? s.caching : !(s.optout && s.caching))) {
            for (byte[] key : CommandTable.keysOf(cmd, argv)) {
                if (readers.computeIfAbsent(new Bytes(key), k -> new HashSet<>()).add(c.id())) {
                    items++;
                }
            }
            trimTable();
        }
        boolean cachingCommand = cmd.parent() != null && cmd.parent().name().equals("client")
                && cmd.name().equals("caching");
        if (!cachingCommand && !c.inMulti()) {
            s.caching = false;
        }
    }

    /** The top-level command replied: deliver what was held for its client. */
    void afterCommand() {
        Client c = caller;
        caller = null;
        flushBroadcast();
        List<byte[]> keys = new ArrayList<>(pendingForCaller);
        pendingForCaller.clear();
        boolean flush = flushPendingForCaller;
        flushPendingForCaller = false;
        if (c == null) {
            return;
        }
        for (byte[] k : keys) {
            send(c, k);
        }
        if (flush) {
            send(c, (List<byte[]>) null);
        }
    }

    // ------------------------------------------------------------------ invalidation

    @Override
    public void keyModified(Database db, byte[] key) {
        invalidate(key);
    }

    @Override
    public void keyExpired(Database db, byte[] key) {
        invalidate(key);
    }

    @Override
    public void keyEvicted(Database db, byte[] key) {
        invalidate(key);
    }

    /** A flush: every tracking client drops everything (a null invalidation), once per command. */
    @Override
    public void databaseEmptied(Database db) {
        if (trackingClients.isEmpty() || flushSentInCommand) {
            return;
        }
        flushSentInCommand = caller != null;
        readers.clear();
        items = 0;
        for (Client c : new ArrayList<>(trackingClients)) {
            if (c == caller) {
                flushPendingForCaller = true; // after its reply (FLUSHDB inside MULTI: after EXEC's)
            } else {
                send(c, (List<byte[]>) null);
            }
        }
    }

    private void invalidate(byte[] key) {
        if (trackingClients.isEmpty()) {
            return;
        }
        Set<Long> ids = readers.remove(new Bytes(key));
        if (ids != null) {
            items -= ids.size();
            for (long id : ids) {
                Client c = server.clients().get(id);
                if (c != null && c.tracking != null && !c.tracking.bcast) {
                    deliver(c, key);
                }
            }
        }
        if (!prefixes.isEmpty()) {
            for (Map.Entry<Bytes, Set<Client>> e : prefixes.entrySet()) {
                if (startsWith(key, e.getKey().data())) {
                    for (Client c : e.getValue()) {
                        if (!(c == caller && c.tracking.noloop)) {
                            pendingBroadcast.computeIfAbsent(c, k -> new java.util.LinkedHashMap<>())
                                    .computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(new Bytes(key));
                        }
                    }
                }
            }
            if (caller == null) {
                flushBroadcast(); // expiry or eviction outside a command
            }
        }
    }

    private void flushBroadcast() {
        if (pendingBroadcast.isEmpty()) {
            return;
        }
        List<Map.Entry<Client, Map<Bytes, Set<Bytes>>>> batches = new ArrayList<>(pendingBroadcast.entrySet());
        pendingBroadcast.clear();
        for (Map.Entry<Client, Map<Bytes, Set<Bytes>>> e : batches) {
            for (Set<Bytes> perPrefix : e.getValue().values()) {
                List<byte[]> keys = new ArrayList<>();
                for (Bytes b : perPrefix) {
                    keys.add(b.data());
                }
                send(e.getKey(), keys);
            }
        }
    }

    private void deliver(Client c, byte[] key) {
        if (c == caller && c.tracking.noloop) {
            return;
        }
        if (c == caller) {
            pendingForCaller.add(key);
            return;
        }
        send(c, key);
    }

    private void send(Client c, byte[] key) {
        send(c, List.of(key));
    }

    /** One invalidation ({@code keys}, or null for "everything") to {@code c} or its redirect target. */
    private void send(Client c, List<byte[]> keys) {
        ClientState s = c.tracking;
        if (s == null) {
            return;
        }
        Client target = c;
        boolean redirected = false;
        if (s.redirect > 0) {
            target = server.clients().get(s.redirect);
            if (target == null) {
                s.brokenRedirect = true;
                if (c.protocol() >= 3) {
                    c.addPushLen(2);
                    c.addPushBulk(REDIR_BROKEN);
                    c.addPushInteger(s.redirect);
                }
                return;
            }
            redirected = true;
        }
        if (target.protocol() >= 3) {
            target.addPushLen(2);
            target.addPushBulk(INVALIDATE);
        } else if (redirected && target.channels().contains(new Bytes(CHANNEL))) {
            target.addPushLen(3);
            target.addPushBulk(MESSAGE);
            target.addPushBulk(CHANNEL);
        } else {
            return; // a RESP2 connection cannot receive pushes
        }
        if (keys == null) {
            target.addNullPush();
        } else {
            target.addPushArrayLen(keys.size());
            for (byte[] k : keys) {
                target.addPushBulk(k);
            }
        }
    }

    /**
     * tracking-table-max-keys: beyond it, keys are forgotten (and invalidated) to bound memory.
     * Runs when keys are added and from the server cron, so a lowered limit takes effect.
     */
    void trimTable() {
        long max = server.config().getLong("tracking-table-max-keys");
        if (max <= 0 || readers.size() <= max) {
            return;
        }
        Iterator<Bytes> it = new ArrayList<>(readers.keySet()).iterator();
        while (readers.size() > max && it.hasNext()) {
            invalidate(it.next().data());
        }
    }

    // ------------------------------------------------------------------ INFO

    public int clientCount() {
        return trackingClients.size();
    }

    public long totalKeys() {
        return readers.size();
    }

    public long totalItems() {
        return items;
    }

    public long totalPrefixes() {
        return prefixes.size();
    }

    private static boolean startsWith(byte[] s, byte[] prefix) {
        if (prefix.length > s.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (s[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
