package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.STALE;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisStream;
import io.rediha.node.store.RedisStream.Consumer;
import io.rediha.node.store.RedisStream.Group;
import io.rediha.node.store.RedisStream.Id;
import io.rediha.node.store.RedisStream.Nack;
import java.util.Iterator;
import java.util.Map;

/** XINFO STREAM [FULL [COUNT n]] / GROUPS / CONSUMERS / HELP, with Redis 7.0's fields in its order. */
final class StreamInfoCommand implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        CommandSpec xinfo = CommandSpec.builder("xinfo", -2).group("stream").since("5.0.0")
                .summary("A container for stream introspection commands.").build();
        xinfo.addSubcommand(sub("consumers", 4).summary("Returns a list of the consumers in a consumer group.")
                .handler(StreamInfoCommand::consumers).build());
        xinfo.addSubcommand(sub("groups", 3).summary("Returns a list of the consumer groups of a stream.")
                .handler(StreamInfoCommand::groups).build());
        xinfo.addSubcommand(sub("stream", -3).summary("Returns information about a stream.")
                .handler(StreamInfoCommand::stream).build());
        xinfo.addSubcommand(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("stream").since("5.0.0")
                .summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "XINFO",
                        "CONSUMERS <key> <groupname>",
                        "    Show consumers of <groupname>.",
                        "GROUPS <key>",
                        "    Show the stream consumer groups.",
                        "STREAM <key> [FULL [COUNT <count>]",
                        "    Show information about the stream."))
                .build());
        t.register(xinfo);
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.builder(name, arity).flags(READONLY).keys(2, 2, 1).group("stream").since("5.0.0");
    }

    private static RedisStream streamOrReply(Client c, byte[] key) {
        RedisStream s = Lookup.read(c, key, RedisStream.class);
        if (s == null) {
            c.addError(ErrorReplies.NO_SUCH_KEY);
        }
        return s;
    }

    static void consumers(Client c, byte[][] a) {
        RedisStream s = streamOrReply(c, a[2]);
        if (s == null) {
            return;
        }
        Group g = s.group(a[3]);
        if (g == null) {
            c.addError(ErrorReplies.format("NOGROUP No such consumer group '%s' for key name '%s'", Args.str(a[3]), Args.str(a[2])));
            return;
        }
        long now = System.currentTimeMillis();
        c.addArrayLen(g.consumers.size());
        for (Consumer consumer : g.consumers.values()) {
            c.addMapLen(3);
            c.addBulk("name");
            c.addBulk(consumer.name);
            c.addBulk("pending");
            c.addInteger(consumer.pending.size());
            c.addBulk("idle");
            c.addInteger(Math.max(0, now - consumer.seenTime));
        }
    }

    static void groups(Client c, byte[][] a) {
        RedisStream s = streamOrReply(c, a[2]);
        if (s == null) {
            return;
        }
        c.addArrayLen(s.groupCount());
        for (Group g : s.groups()) {
            c.addMapLen(6);
            c.addBulk("name");
            c.addBulk(g.name);
            c.addBulk("consumers");
            c.addInteger(g.consumers.size());
            c.addBulk("pending");
            c.addInteger(g.pending.size());
            c.addBulk("last-delivered-id");
            c.addBulk(g.lastId.bytes());
            replyCounters(c, s, g);
        }
    }

    private static void replyCounters(Client c, RedisStream s, Group g) {
        c.addBulk("entries-read");
        if (g.entriesRead != -1) {
            c.addInteger(g.entriesRead);
        } else {
            c.addNull();
        }
        c.addBulk("lag");
        long lag = s.lag(g);
        if (lag == -1) {
            c.addNull();
        } else {
            c.addInteger(lag);
        }
    }

    static void stream(Client c, byte[][] a) {
        boolean full = false;
        long count = 10;
        int optc = a.length - 3;
        if (optc > 0) {
            if (optc != 1 && optc != 3 || !Args.is(a[3], "full")) {
                throw new CommandException(syntax(a));
            }
            full = true;
            if (optc == 3) {
                if (!Args.is(a[4], "count")) {
                    throw new CommandException(syntax(a));
                }
                count = Args.parseLong(a[5]);
                if (count < 0) {
                    count = 10;
                }
            }
        }
        RedisStream s = streamOrReply(c, a[2]);
        if (s == null) {
            return;
        }
        c.addMapLen(full ? 9 : 10);
        c.addBulk("length");
        c.addInteger(s.length());
        c.addBulk("radix-tree-keys");
        c.addInteger(s.nodeCount());
        c.addBulk("radix-tree-nodes");
        c.addInteger(radixTreeNodes(s));
        c.addBulk("last-generated-id");
        c.addBulk(s.lastId().bytes());
        c.addBulk("max-deleted-entry-id");
        c.addBulk(s.maxDeletedId().bytes());
        c.addBulk("entries-added");
        c.addInteger(s.entriesAdded());
        c.addBulk("recorded-first-entry-id");
        c.addBulk(s.firstId().bytes());
        if (!full) {
            c.addBulk("groups");
            c.addInteger(s.groupCount());
            c.addBulk("first-entry");
            replyEdge(c, s, false);
            c.addBulk("last-entry");
            replyEdge(c, s, true);
            return;
        }
        c.addBulk("entries");
        StreamIds.replyRange(c, s, Id.MIN, Id.MAX, count, false);
        c.addBulk("groups");
        c.addArrayLen(s.groupCount());
        for (Group g : s.groups()) {
            c.addMapLen(7);
            c.addBulk("name");
            c.addBulk(g.name);
            c.addBulk("last-delivered-id");
            c.addBulk(g.lastId.bytes());
            replyCounters(c, s, g);
            c.addBulk("pel-count");
            c.addInteger(g.pending.size());
            c.addBulk("pending");
            int n = limited(g.pending.size(), count);
            c.addArrayLen(n);
            Iterator<Map.Entry<Id, Nack>> it = g.pending.entrySet().iterator();
            for (int i = 0; i < n; i++) {
                Map.Entry<Id, Nack> p = it.next();
                c.addArrayLen(4);
                c.addBulk(p.getKey().bytes());
                c.addBulk(p.getValue().consumer.name);
                c.addInteger(p.getValue().deliveryTime);
                c.addInteger(p.getValue().deliveryCount);
            }
            c.addBulk("consumers");
            c.addArrayLen(g.consumers.size());
            for (Consumer consumer : g.consumers.values()) {
                c.addMapLen(4);
                c.addBulk("name");
                c.addBulk(consumer.name);
                c.addBulk("seen-time");
                c.addInteger(consumer.seenTime);
                c.addBulk("pel-count");
                c.addInteger(consumer.pending.size());
                c.addBulk("pending");
                int m = limited(consumer.pending.size(), count);
                c.addArrayLen(m);
                Iterator<Map.Entry<Id, Nack>> ci = consumer.pending.entrySet().iterator();
                for (int i = 0; i < m; i++) {
                    Map.Entry<Id, Nack> p = ci.next();
                    c.addArrayLen(3);
                    c.addBulk(p.getKey().bytes());
                    c.addInteger(p.getValue().deliveryTime);
                    c.addInteger(p.getValue().deliveryCount);
                }
            }
        }
    }

    private static int limited(int size, long count) {
        return count == 0 ? size : (int) Math.min(size, count);
    }

    private static void replyEdge(Client c, RedisStream s, boolean last) {
        Iterator<RedisStream.Entry> it = s.range(Id.MIN, Id.MAX, last);
        if (it.hasNext()) {
            StreamIds.replyEntry(c, it.next());
        } else {
            c.addNull();
        }
    }

    /**
     * Redis reports the inner node count of its radix tree here, an artefact of how it stores the
     * 128-bit node keys. We keep no such tree, so this is an estimate shaped on Redis's answers
     * (1 for an empty stream, 2 for one node, about two per node beyond).
     */
    private static long radixTreeNodes(RedisStream s) {
        int n = s.nodeCount();
        return n == 0 ? 1 : n == 1 ? 2 : 2L * n + 2;
    }

    private static String syntax(byte[][] a) {
        return ErrorReplies.err("unknown subcommand or wrong number of arguments for '%s'. Try %s HELP.",
                Args.str(a[1]), Args.str(a[0]).toUpperCase(java.util.Locale.ROOT));
    }
}
