package io.rediha.node.server;

import io.rediha.node.store.Bytes;
import io.rediha.node.store.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels and patterns, their subscribers, PUBLISH, and keyspace notifications.
 *
 * <p>A message is written into each subscriber's reply buffer at once and flushed with the round;
 * a subscriber that does not read is cut off by the pubsub class of client-output-buffer-limit
 * ({@link ClientRegistry#checkOutputLimits}), so the server never holds an unbounded backlog.
 * RESP3 subscribers get push frames ({@code >}); RESP2 subscribers get arrays.
 */
public final class PubSub {
    private static final byte[] MESSAGE = bytes("message");
    private static final byte[] PMESSAGE = bytes("pmessage");

    private final RedisServer server;
    private final Map<Bytes, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<Bytes, Set<Client>> patterns = new LinkedHashMap<>();
    private int keyspaceEvents;

    PubSub(RedisServer server) {
        this.server = server;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Subscribes; false when already subscribed. */
    public boolean subscribe(Client c, byte[] channel) {
        Bytes ch = new Bytes(channel);
        if (!c.channels.add(ch)) {
            return false;
        }
        channels.computeIfAbsent(ch, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean unsubscribe(Client c, byte[] channel) {
        Bytes ch = new Bytes(channel);
        if (!c.channels.remove(ch)) {
            return false;
        }
        Set<Client> subs = channels.get(ch);
        if (subs != null) {
            subs.remove(c);
            if (subs.isEmpty()) {
                channels.remove(ch);
            }
        }
        return true;
    }

    public boolean psubscribe(Client c, byte[] pattern) {
        Bytes p = new Bytes(pattern);
        if (!c.patterns.add(p)) {
            return false;
        }
        patterns.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean punsubscribe(Client c, byte[] pattern) {
        Bytes p = new Bytes(pattern);
        if (!c.patterns.remove(p)) {
            return false;
        }
        Set<Client> subs = patterns.get(p);
        if (subs != null) {
            subs.remove(c);
            if (subs.isEmpty()) {
                patterns.remove(p);
            }
        }
        return true;
    }

    void unsubscribeAll(Client c) {
        for (Bytes ch : new ArrayList<>(c.channels)) {
            unsubscribe(c, ch.data());
        }
        for (Bytes p : new ArrayList<>(c.patterns)) {
            punsubscribe(c, p.data());
        }
    }

    /** Delivers {@code message}; returns the number of clients that received it. */
    public int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> subs = channels.get(new Bytes(channel));
        if (subs != null) {
            for (Client c : subs) {
                c.addPushLen(3);
                c.addPushBulk(MESSAGE);
                c.addPushBulk(channel);
                c.addPushBulk(message);
                receivers++;
            }
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<Bytes, Set<Client>> e : patterns.entrySet()) {
                if (!Glob.matches(e.getKey().data(), channel, false)) {
                    continue;
                }
                for (Client c : e.getValue()) {
                    c.addPushLen(4);
                    c.addPushBulk(PMESSAGE);
                    c.addPushBulk(e.getKey().data());
                    c.addPushBulk(channel);
                    c.addPushBulk(message);
                    receivers++;
                }
            }
        }
        server.stats().pubsubChannelsPublished++;
        return receivers;
    }

    /** Active channels, optionally filtered by a glob (PUBSUB CHANNELS). */
    public List<byte[]> activeChannels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Bytes ch : channels.keySet()) {
            if (pattern == null || Glob.matches(pattern, ch.data(), false)) {
                out.add(ch.data());
            }
        }
        return out;
    }

    public int subscriberCount(byte[] channel) {
        Set<Client> subs = channels.get(new Bytes(channel));
        return subs == null ? 0 : subs.size();
    }

    public int patternCount() {
        return patterns.size();
    }

    public int channelCount() {
        return channels.size();
    }

    // ------------------------------------------------------------------ keyspace notifications

    /** Event classes of notify-keyspace-events, one bit per character of "g$lshzxetdmnKE". */
    public static final int GENERIC = 1;
    public static final int STRING = 1 << 1;
    public static final int LIST = 1 << 2;
    public static final int SET = 1 << 3;
    public static final int HASH = 1 << 4;
    public static final int ZSET = 1 << 5;
    public static final int EXPIRED = 1 << 6;
    public static final int EVICTED = 1 << 7;
    public static final int STREAM = 1 << 8;
    public static final int MODULE = 1 << 9;
    public static final int KEY_MISS = 1 << 10;
    public static final int NEW = 1 << 11;
    private static final int KEYSPACE = 1 << 12;
    private static final int KEYEVENT = 1 << 13;

    void setKeyspaceEvents(String classes) {
        int flags = 0;
        String order = "g$lshzxetdmnKE";
        for (char ch : classes.toCharArray()) {
            if (ch == 'A') {
                flags |= GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;
            } else {
                int i = order.indexOf(ch);
                if (i >= 0) {
                    flags |= 1 << i;
                }
            }
        }
        keyspaceEvents = flags;
    }

    /**
     * Publishes {@code __keyspace@<db>__:<key>} and/or {@code __keyevent@<db>__:<event>} when the
     * event's class is enabled. Cheap when notifications are off, which is the default.
     */
    public void notifyKeyspaceEvent(int type, String event, byte[] key, int db) {
        int flags = keyspaceEvents;
        if ((flags & type) == 0 || (flags & (KEYSPACE | KEYEVENT)) == 0) {
            return;
        }
        byte[] ev = bytes(event);
        if ((flags & KEYSPACE) != 0) {
            byte[] prefix = bytes("__keyspace@" + db + "__:");
            publish(concat(prefix, key), ev);
        }
        if ((flags & KEYEVENT) != 0) {
            byte[] prefix = bytes("__keyevent@" + db + "__:");
            publish(concat(prefix, ev), key);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
