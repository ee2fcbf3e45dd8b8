package io.rediha.node.acl;

import io.rediha.node.server.Client;
import java.nio.charset.StandardCharsets;
import java.util.LinkedList;
import java.util.List;

/**
 * ACL LOG: the most recent refusals (command, key, channel) and failed AUTHs, newest first,
 * at most {@code acllog-max-len}. A refusal equal to one of the ten newest entries (same reason,
 * context, object and user) counts into that entry instead of adding one, as in Redis, so a client
 * retrying in a loop does not flush the log.
 */
public final class AclLog {
    /** Why an entry was logged; the name is what ACL LOG shows. */
    public enum Reason { COMMAND, KEY, CHANNEL, AUTH }

    static final class Entry {
        final Reason reason;
        final String context;
        final String object;
        final String username;
        long count = 1;
        long createdMillis;
        String clientInfo;

        Entry(Reason reason, String context, String object, String username) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
        }

        boolean sameEvent(Entry o) {
            return reason == o.reason && context.equals(o.context) && object.equals(o.object)
                    && username.equals(o.username);
        }
    }

    private final LinkedList<Entry> entries = new LinkedList<>();
    private long maxLen = 128;

    void setMaxLen(long maxLen) {
        this.maxLen = maxLen;
        trim();
    }

    /** Records a refusal; {@code context} is toplevel or multi (queued, or re-checked by EXEC). */
    void add(Client c, Reason reason, String context, String object, String username) {
        Entry e = new Entry(reason, context, object, username);
        e.createdMillis = System.currentTimeMillis();
        e.clientInfo = c.server().clients().describe(c);
        int scanned = 0;
        for (var it = entries.iterator(); it.hasNext() && scanned < 10; scanned++) {
            Entry old = it.next();
            if (old.sameEvent(e)) {
                it.remove();
                old.count++;
                old.createdMillis = e.createdMillis;
                old.clientInfo = e.clientInfo;
                entries.addFirst(old);
                return;
            }
        }
        entries.addFirst(e);
        trim();
    }

    private void trim() {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    void reset() {
        entries.clear();
    }

    List<Entry> newest(long count) {
        return entries.stream().limit(count).toList();
    }

    /** ACL LOG [count]: seven fields per entry, as Redis 7.0 shows them. */
    void reply(Client c, long count) {
        List<Entry> list = newest(count);
        long now = System.currentTimeMillis();
        c.addArrayLen(list.size());
        for (Entry e : list) {
            c.addMapLen(7);
            c.addBulk("count");
            c.addInteger(e.count);
            c.addBulk("reason");
            c.addBulk(e.reason.name().toLowerCase(java.util.Locale.ROOT));
            c.addBulk("context");
            c.addBulk(e.context);
            c.addBulk("object");
            c.addBulk(e.object.getBytes(StandardCharsets.ISO_8859_1));
            c.addBulk("username");
            c.addBulk(e.username.getBytes(StandardCharsets.ISO_8859_1));
            c.addBulk("age-seconds");
            c.addDouble((now - e.createdMillis) / 1000.0);
            c.addBulk("client-info");
            c.addBulk(e.clientInfo);
        }
    }
}
