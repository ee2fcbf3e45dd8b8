package io.rediha.node.persistence;

import io.rediha.node.persistence.rdb.Listpack;
import io.rediha.node.persistence.rdb.RdbStreams;
import io.rediha.node.store.RedisStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a {@link RedisStream} to and from its RDB form. Each node becomes the listpack Redis
 * keeps for it: the master entry (live count, deleted count, field count, the master fields, a
 * 0 terminator), then per entry its flags (1 deleted, 2 same fields as the master), the ID as
 * differences from the master ID, the field count and fields unless they are the master's, the
 * values, and the number of elements the entry used, so the listpack can be walked backwards.
 */
final class StreamValues {
    private StreamValues() {
    }

    private static final int FLAG_DELETED = 1;
    private static final int FLAG_SAME_FIELDS = 2;

    static RdbStreams.Stream toRdb(RedisStream s) {
        List<RdbStreams.Node> nodes = new ArrayList<>(s.nodeCount());
        for (RedisStream.Node n : s.nodes()) {
            nodes.add(new RdbStreams.Node(id(n.master), encodeNode(n)));
        }
        List<RdbStreams.Group> groups = new ArrayList<>();
        for (RedisStream.Group g : s.groups()) {
            List<RdbStreams.Pending> pel = new ArrayList<>(g.pending.size());
            for (Map.Entry<RedisStream.Id, RedisStream.Nack> p : g.pending.entrySet()) {
                pel.add(new RdbStreams.Pending(id(p.getKey()), p.getValue().deliveryTime, p.getValue().deliveryCount));
            }
            List<RdbStreams.Consumer> consumers = new ArrayList<>();
            for (RedisStream.Consumer c : g.consumers.values()) {
                List<RdbStreams.Id> ids = new ArrayList<>(c.pending.size());
                c.pending.keySet().forEach(i -> ids.add(id(i)));
                consumers.add(new RdbStreams.Consumer(c.name, c.seenTime, ids));
            }
            groups.add(new RdbStreams.Group(g.name, id(g.lastId), g.entriesRead, pel, consumers));
        }
        return new RdbStreams.Stream(nodes, s.length(), id(s.lastId()), id(s.firstId()), id(s.maxDeletedId()),
                s.entriesAdded(), groups);
    }

    private static byte[] encodeNode(RedisStream.Node n) {
        Listpack.Builder lp = new Listpack.Builder();
        lp.add(decimal(n.liveCount()));
        lp.add(decimal(n.deletedCount()));
        lp.add(decimal(n.masterFields.length));
        for (byte[] f : n.masterFields) {
            lp.add(f);
        }
        lp.add(decimal(0));
        for (RedisStream.Entry e : n.entries()) {
            int flags = (e.deleted() ? FLAG_DELETED : 0) | (e.sameFields ? FLAG_SAME_FIELDS : 0);
            lp.add(decimal(flags));
            lp.add(decimal(e.id.ms() - n.master.ms()));
            lp.add(decimal(e.id.seq() - n.master.seq()));
            int fields = e.fieldCount();
            if (!e.sameFields) {
                lp.add(decimal(fields));
            }
            for (int i = 0; i < e.fieldsAndValues.length; i++) {
                if (!e.sameFields || i % 2 == 1) {
                    lp.add(e.fieldsAndValues[i]);
                }
            }
            lp.add(decimal(3 + fields + (e.sameFields ? 0 : fields + 1)));
        }
        return lp.finish();
    }

    static RedisStream fromRdb(RdbStreams.Stream r) throws IOException {
        RedisStream s = new RedisStream();
        for (RdbStreams.Node node : r.nodes()) {
            decodeNode(s, id(node.master()), node.listpack());
        }
        RedisStream.Id first = r.firstId() != null ? id(r.firstId()) : null;
        s.restoreMetadata(r.length(), id(r.lastId()), first == null ? RedisStream.Id.MIN : first, id(r.maxDeletedId()),
                r.entriesAdded());
        if (first == null) {
            RedisStream.Id live = s.edgeId(true, true);
            s.restoreMetadata(r.length(), id(r.lastId()), live == null ? RedisStream.Id.MIN : live, id(r.maxDeletedId()),
                    r.entriesAdded());
        }
        if (r.length() > 0 && s.nodeCount() == 0) {
            throw new IOException("stream length inconsistent with its nodes");
        }
        for (RdbStreams.Group rg : r.groups()) {
            long entriesRead = rg.entriesRead() == Long.MIN_VALUE ? s.entriesUpTo(id(rg.lastId())) : rg.entriesRead();
            RedisStream.Group g = s.createGroup(rg.name(), id(rg.lastId()), entriesRead);
            if (g == null) {
                throw new IOException("duplicated consumer group name " + new String(rg.name(), StandardCharsets.UTF_8));
            }
            Map<RedisStream.Id, RedisStream.Nack> nacks = new HashMap<>();
            for (RdbStreams.Pending p : rg.pending()) {
                RedisStream.Nack nack = new RedisStream.Nack(null, p.deliveryTime(), p.deliveryCount());
                if (nacks.put(id(p.id()), nack) != null) {
                    throw new IOException("duplicated global PEL entry loading stream consumer group");
                }
                s.addPending(g, id(p.id()), nack);
            }
            for (RdbStreams.Consumer rc : rg.consumers()) {
                RedisStream.Consumer c = s.createConsumer(g, rc.name(), rc.seenTime());
                if (c == null) {
                    throw new IOException("duplicate stream consumer detected");
                }
                for (RdbStreams.Id pid : rc.pending()) {
                    RedisStream.Nack nack = nacks.get(id(pid));
                    if (nack == null || nack.consumer != null) {
                        throw new IOException("consumer PEL entry not in the group PEL, or owned twice");
                    }
                    RedisStream.reassign(id(pid), nack, c);
                }
            }
            for (RedisStream.Nack nack : nacks.values()) {
                if (nack.consumer == null) {
                    throw new IOException("group PEL entry without a consumer");
                }
            }
        }
        return s;
    }

    private static void decodeNode(RedisStream s, RedisStream.Id master, byte[] lp) throws IOException {
        List<byte[]> items;
        try {
            items = Listpack.decode(lp);
        } catch (IllegalArgumentException e) {
            throw new IOException("stream listpack: " + e.getMessage(), e);
        }
        try {
            int p = 0;
            long live = num(items.get(p++));
            long deleted = num(items.get(p++));
            int masterCount = (int) num(items.get(p++));
            byte[][] masterFields = new byte[masterCount][];
            for (int i = 0; i < masterCount; i++) {
                masterFields[i] = items.get(p++);
            }
            if (num(items.get(p++)) != 0) {
                throw new IOException("stream listpack: master entry without its terminator");
            }
            RedisStream.Node node = s.addLoadedNode(master, masterFields);
            while (p < items.size()) {
                int flags = (int) num(items.get(p++));
                RedisStream.Id id = new RedisStream.Id(master.ms() + num(items.get(p++)), master.seq() + num(items.get(p++)));
                boolean same = (flags & FLAG_SAME_FIELDS) != 0;
                int fields = same ? masterCount : (int) num(items.get(p++));
                byte[][] fv = new byte[fields * 2][];
                for (int i = 0; i < fields; i++) {
                    fv[2 * i] = same ? masterFields[i] : items.get(p++);
                    fv[2 * i + 1] = items.get(p++);
                }
                p++; // the element count, for walking backwards
                s.addLoadedEntry(node, id, fv, same, (flags & FLAG_DELETED) != 0);
            }
            if (node.liveCount() != live || node.deletedCount() != deleted) {
                throw new IOException("stream listpack: master entry counts do not match its entries");
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new IOException("stream listpack is truncated or malformed", e);
        }
    }

    private static long num(byte[] b) {
        return Long.parseLong(new String(b, StandardCharsets.US_ASCII));
    }

    private static byte[] decimal(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private static RdbStreams.Id id(RedisStream.Id i) {
        return new RdbStreams.Id(i.ms(), i.seq());
    }

    private static RedisStream.Id id(RdbStreams.Id i) {
        return new RedisStream.Id(i.ms(), i.seq());
    }
}
