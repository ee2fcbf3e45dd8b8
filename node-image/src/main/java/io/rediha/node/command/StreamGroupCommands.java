package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.STALE;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.STREAM;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisStream;
import io.rediha.node.store.RedisStream.Consumer;
import io.rediha.node.store.RedisStream.Group;
import io.rediha.node.store.RedisStream.Id;
import io.rediha.node.store.RedisStream.Nack;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Consumer groups: XGROUP (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP), XACK,
 * XPENDING, XCLAIM and XAUTOCLAIM. XCLAIM and XAUTOCLAIM propagate each claimed (or dropped)
 * pending entry as an idempotent XCLAIM, the way XREADGROUP does.
 */
final class StreamGroupCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        CommandSpec xgroup = CommandSpec.builder("xgroup", -2).group("stream").since("5.0.0")
                .summary("A container for consumer groups commands.").build();
        xgroup.addSubcommand(sub("create", -5, WRITE, DENYOOM).summary("Creates a consumer group.")
                .handler((c, a) -> xgroup(c, a)).build());
        xgroup.addSubcommand(sub("setid", -5, WRITE).summary("Sets the last-delivered ID of a consumer group.")
                .handler((c, a) -> xgroup(c, a)).build());
        xgroup.addSubcommand(sub("destroy", 4, WRITE).summary("Destroys a consumer group.")
                .handler((c, a) -> xgroup(c, a)).build());
        xgroup.addSubcommand(sub("createconsumer", 5, WRITE, DENYOOM).since("6.2.0")
                .summary("Creates a consumer in a consumer group.").handler((c, a) -> xgroup(c, a)).build());
        xgroup.addSubcommand(sub("delconsumer", 5, WRITE).summary("Deletes a consumer from a consumer group.")
                .handler((c, a) -> xgroup(c, a)).build());
        xgroup.addSubcommand(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("stream").since("5.0.0")
                .summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "XGROUP",
                        "CREATE <key> <groupname> <id|$> [option]",
                        "    Create a new consumer group. Options are:",
                        "    * MKSTREAM",
                        "      Create the empty stream if it does not exist.",
                        "    * ENTRIESREAD entries_read",
                        "      Set the group's entries_read counter (internal use).",
                        "CREATECONSUMER <key> <groupname> <consumer>",
                        "    Create a new consumer in the specified group.",
                        "DELCONSUMER <key> <groupname> <consumer>",
                        "    Remove the specified consumer.",
                        "DESTROY <key> <groupname>",
                        "    Remove the specified group.",
                        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                        "    Set the current group ID and entries_read counter."))
                .build());
        t.register(xgroup);
        t.register(StreamCommands.spec("xack", -4, WRITE, FAST).since("5.0.0")
                .summary("Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.")
                .handler(StreamGroupCommands::xack).build());
        t.register(StreamCommands.spec("xpending", -3, READONLY).since("5.0.0")
                .summary("Returns the information and entries from a stream consumer group's pending entries list.")
                .handler(StreamGroupCommands::xpending).build());
        t.register(StreamCommands.spec("xclaim", -6, WRITE, FAST).since("5.0.0")
                .summary("Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.")
                .handler(StreamGroupCommands::xclaim).build());
        t.register(StreamCommands.spec("xautoclaim", -6, WRITE, FAST).since("6.2.0")
                .summary("Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.")
                .handler(StreamGroupCommands::xautoclaim).build());
    }

    private static CommandSpec.Builder sub(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(2, 2, 1).group("stream").since("5.0.0");
    }

    private static String subcommandSyntax(byte[][] a) {
        return ErrorReplies.err("unknown subcommand or wrong number of arguments for '%s'. Try %s HELP.",
                Args.str(a[1]), Args.str(a[0]).toUpperCase(java.util.Locale.ROOT));
    }

    private static String noGroup(byte[] group, byte[] key) {
        return ErrorReplies.format("NOGROUP No such consumer group '%s' for key name '%s'", Args.str(group), Args.str(key));
    }

    // ------------------------------------------------------------------ XGROUP

    static void xgroup(Client c, byte[][] a) {
        String sub = Args.lower(a[1]);
        boolean create = sub.equals("create");
        boolean setid = sub.equals("setid");
        boolean mkstream = false;
        long entriesRead = -1;
        for (int i = 5; i < a.length; ) {
            if (create && Args.is(a[i], "mkstream")) {
                mkstream = true;
                i++;
            } else if ((create || setid) && Args.is(a[i], "entriesread") && i + 1 < a.length) {
                entriesRead = Args.parseLong(a[i + 1]);
                if (entriesRead < 0 && entriesRead != -1) {
                    throw new CommandException("ERR value for ENTRIESREAD must be positive or -1");
                }
                i += 2;
            } else {
                throw new CommandException(subcommandSyntax(a));
            }
        }
        RedisStream s = Lookup.write(c, a[2], RedisStream.class);
        byte[] groupName = a[3];
        Group g = null;
        if (!mkstream) {
            if (s == null) {
                throw new CommandException("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may "
                        + "want to use the MKSTREAM option to create an empty stream automatically.");
            }
            g = s.group(groupName);
            if (g == null && (setid || sub.equals("createconsumer") || sub.equals("delconsumer"))) {
                throw new CommandException(noGroup(groupName, a[2]));
            }
        }
        switch (sub) {
            case "create" -> {
                if (a.length > 8) {
                    throw new CommandException(subcommandSyntax(a));
                }
                Id id = isDollar(a[4]) ? (s == null ? Id.MIN : s.lastId()) : StreamIds.strictOrThrow(a[4]);
                if (s == null) {
                    s = new RedisStream();
                    c.db().add(a[2], s);
                    c.db().signalModified(a[2]);
                }
                if (s.createGroup(groupName, id, entriesRead) == null) {
                    c.addError("BUSYGROUP Consumer Group name already exists");
                    return;
                }
                c.addOk();
                c.server().dirty++;
                Writes.event(c, a[2], STREAM, "xgroup-create");
            }
            case "setid" -> {
                if (a.length != 5 && a.length != 7) {
                    throw new CommandException(subcommandSyntax(a));
                }
                g.lastId = isDollar(a[4]) ? s.lastId() : StreamIds.orThrow(a[4], 0);
                g.entriesRead = entriesRead;
                c.addOk();
                c.server().dirty++;
                Writes.event(c, a[2], STREAM, "xgroup-setid");
            }
            case "destroy" -> {
                if (g == null) {
                    c.addInteger(0);
                    return;
                }
                s.destroyGroup(groupName);
                c.addInteger(1);
                c.server().dirty++;
                Writes.event(c, a[2], STREAM, "xgroup-destroy");
                c.server().blocking().signalKeyReady(c.dbIndex(), a[2]);
            }
            case "createconsumer" -> {
                Consumer created = s.createConsumer(g, a[4], System.currentTimeMillis());
                if (created != null) {
                    c.server().dirty++;
                    Writes.event(c, a[2], STREAM, "xgroup-createconsumer");
                }
                c.addInteger(created == null ? 0 : 1);
            }
            case "delconsumer" -> {
                Consumer consumer = g.consumer(a[4]);
                long pending = 0;
                if (consumer != null) {
                    pending = s.deleteConsumer(g, consumer);
                    c.server().dirty++;
                    Writes.event(c, a[2], STREAM, "xgroup-delconsumer");
                }
                c.addInteger(pending);
            }
            default -> throw new CommandException(subcommandSyntax(a));
        }
    }

    private static boolean isDollar(byte[] a) {
        return a.length == 1 && a[0] == '$';
    }

    // ------------------------------------------------------------------ XACK

    static void xack(Client c, byte[][] a) {
        RedisStream s = Lookup.read(c, a[1], RedisStream.class);
        Group g = s == null ? null : s.group(a[2]);
        if (g == null) {
            c.addInteger(0);
            return;
        }
        Id[] ids = new Id[a.length - 3];
        for (int j = 3; j < a.length; j++) {
            ids[j - 3] = StreamIds.strictOrThrow(a[j]);
        }
        int acked = 0;
        for (Id id : ids) {
            if (g.pending.containsKey(id)) {
                s.removePending(g, id);
                acked++;
                c.server().dirty++;
            }
        }
        c.addInteger(acked);
    }

    // ------------------------------------------------------------------ XPENDING

    static void xpending(Client c, byte[][] a) {
        boolean summary = a.length == 3;
        if (a.length != 3 && (a.length < 6 || a.length > 9)) {
            throw new CommandException(ErrorReplies.SYNTAX);
        }
        long minIdle = 0;
        long count = 0;
        Id start = null;
        Id end = null;
        byte[] consumerName = null;
        if (!summary) {
            int startIdx = 3;
            if (Args.is(a[3], "idle")) {
                minIdle = Args.parseLong(a[4]);
                if (a.length < 8) {
                    throw new CommandException(ErrorReplies.SYNTAX);
                }
                startIdx += 2;
            }
            count = Math.max(0, Args.parseLong(a[startIdx + 2]));
            start = StreamIds.bound(a[startIdx], true);
            end = StreamIds.bound(a[startIdx + 1], false);
            if (startIdx + 3 < a.length) {
                consumerName = a[startIdx + 3];
            }
        }
        RedisStream s = Lookup.read(c, a[1], RedisStream.class);
        Group g = s == null ? null : s.group(a[2]);
        if (g == null) {
            c.addError(ErrorReplies.format("NOGROUP No such key '%s' or consumer group '%s'", Args.str(a[1]), Args.str(a[2])));
            return;
        }
        if (summary) {
            c.addArrayLen(4);
            c.addInteger(g.pending.size());
            if (g.pending.isEmpty()) {
                c.addNull();
                c.addNull();
                c.addNullArray();
                return;
            }
            c.addBulk(g.pending.firstKey().bytes());
            c.addBulk(g.pending.lastKey().bytes());
            List<Consumer> withPending = new ArrayList<>();
            for (Consumer consumer : g.consumers.values()) {
                if (!consumer.pending.isEmpty()) {
                    withPending.add(consumer);
                }
            }
            c.addArrayLen(withPending.size());
            for (Consumer consumer : withPending) {
                c.addArrayLen(2);
                c.addBulk(consumer.name);
                c.addBulk(Args.decimal(consumer.pending.size()));
            }
            return;
        }
        Map<Id, Nack> pel = g.pending;
        if (consumerName != null) {
            Consumer consumer = g.consumer(consumerName);
            if (consumer == null) {
                c.addArrayLen(0);
                return;
            }
            pel = consumer.pending;
        }
        long now = System.currentTimeMillis();
        List<Map.Entry<Id, Nack>> out = new ArrayList<>();
        if (start.compareTo(end) <= 0) {
            for (Map.Entry<Id, Nack> p : ((java.util.NavigableMap<Id, Nack>) pel).subMap(start, true, end, true).entrySet()) {
                if (out.size() >= count) {
                    break;
                }
                if (minIdle != 0 && now - p.getValue().deliveryTime < minIdle) {
                    continue;
                }
                out.add(p);
            }
        }
        c.addArrayLen(out.size());
        for (Map.Entry<Id, Nack> p : out) {
            Nack n = p.getValue();
            c.addArrayLen(4);
            c.addBulk(p.getKey().bytes());
            c.addBulk(n.consumer.name);
            c.addInteger(Math.max(0, now - n.deliveryTime));
            c.addInteger(n.deliveryCount);
        }
    }

    // ------------------------------------------------------------------ XCLAIM / XAUTOCLAIM

    static void xclaim(Client c, byte[][] a) {
        RedisStream s = Lookup.read(c, a[1], RedisStream.class);
        Group g = s == null ? null : s.group(a[2]);
        if (g == null) {
            c.addError(ErrorReplies.format("NOGROUP No such key '%s' or consumer group '%s'", Args.str(a[1]), Args.str(a[2])));
            return;
        }
        long minIdle = Math.max(0, Args.parseLong(a[4], "ERR Invalid min-idle-time argument for XCLAIM"));
        List<Id> ids = new ArrayList<>();
        int j = 5;
        for (; j < a.length; j++) {
            StreamIds.Parsed p = StreamIds.parse(a[j], 0, true, false);
            if (p == null) {
                break;
            }
            ids.add(p.id());
        }
        int lastIdArg = j - 1;
        long now = System.currentTimeMillis();
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        Id lastId = Id.MIN;
        for (; j < a.length; j++) {
            boolean more = j + 1 < a.length;
            if (Args.is(a[j], "force")) {
                force = true;
            } else if (Args.is(a[j], "justid")) {
                justId = true;
            } else if (Args.is(a[j], "idle") && more) {
                deliveryTime = now - Args.parseLong(a[++j], "ERR Invalid IDLE option argument for XCLAIM");
            } else if (Args.is(a[j], "time") && more) {
                deliveryTime = Args.parseLong(a[++j], "ERR Invalid TIME option argument for XCLAIM");
            } else if (Args.is(a[j], "retrycount") && more) {
                retryCount = Args.parseLong(a[++j], "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (Args.is(a[j], "lastid") && more) {
                lastId = StreamIds.strictOrThrow(a[++j]);
            } else {
                throw new CommandException(ErrorReplies.format("ERR Unrecognized XCLAIM option '%s'", Args.str(a[j])));
            }
        }
        c.preventPropagation();
        boolean propagateLastId = false;
        if (lastId.compareTo(g.lastId) > 0) {
            g.lastId = lastId;
            propagateLastId = true;
        }
        if (deliveryTime == -1 || deliveryTime < 0 || deliveryTime > now) {
            deliveryTime = now;
        }
        Consumer consumer = null;
        List<Object> replies = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            Id id = ids.get(k);
            byte[] idArg = a[5 + k];
            Nack nack = g.pending.get(id);
            RedisStream.Entry entry = s.get(id);
            if (entry == null) {
                if (nack != null) {
                    StreamReadCommands.propagateClaim(c, a[1], g, a[2], idArg, nack);
                    propagateLastId = false;
                    c.server().dirty++;
                    s.removePending(g, id);
                }
                continue;
            }
            if (force && nack == null) {
                nack = new Nack(null, now, 1);
                s.addPending(g, id, nack);
            }
            if (nack == null) {
                continue;
            }
            if (nack.consumer != null && minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = StreamReadCommands.consumerFor(c, s, g, a[1], a[3], false, now);
            }
            nack.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                nack.deliveryCount = retryCount;
            } else if (!justId) {
                nack.deliveryCount++;
            }
            RedisStream.reassign(id, nack, consumer);
            replies.add(justId ? id : entry);
            StreamReadCommands.propagateClaim(c, a[1], g, a[2], idArg, nack);
            propagateLastId = false;
            c.server().dirty++;
        }
        if (propagateLastId) {
            StreamReadCommands.propagateGroupId(c, a[1], g, a[2]);
            c.server().dirty++;
        }
        c.addArrayLen(replies.size());
        for (Object r : replies) {
            if (r instanceof Id id) {
                c.addBulk(id.bytes());
            } else {
                StreamIds.replyEntry(c, (RedisStream.Entry) r);
            }
        }
        assert lastIdArg >= 4;
    }

    static void xautoclaim(Client c, byte[][] a) {
        long minIdle = Math.max(0, Args.parseLong(a[4], "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        Id start = StreamIds.bound(a[5], true);
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < a.length; j++) {
            if (Args.is(a[j], "count") && j + 1 < a.length) {
                long max = Long.MAX_VALUE / 16;
                long v = Args.parseLongOrMin(a[j + 1]);
                if (v == Long.MIN_VALUE || v < 1 || v > max) {
                    throw new CommandException("ERR COUNT must be > 0");
                }
                count = v;
                j++;
            } else if (Args.is(a[j], "justid")) {
                justId = true;
            } else {
                throw new CommandException(ErrorReplies.SYNTAX);
            }
        }
        RedisStream s = Lookup.read(c, a[1], RedisStream.class);
        Group g = s == null ? null : s.group(a[2]);
        if (g == null) {
            c.addError(ErrorReplies.format("NOGROUP No such key '%s' or consumer group '%s'", Args.str(a[1]), Args.str(a[2])));
            return;
        }
        c.preventPropagation();
        long now = System.currentTimeMillis();
        long attempts = count * 10;
        Consumer consumer = null;
        List<Object> claimed = new ArrayList<>();
        List<Id> deleted = new ArrayList<>();
        Iterator<Map.Entry<Id, Nack>> it = new ArrayList<>(g.pending.tailMap(start, true).entrySet()).iterator();
        Id next = null;
        while (true) {
            if (attempts-- == 0 || count == 0 || !it.hasNext()) {
                next = it.hasNext() ? it.next().getKey() : null;
                break;
            }
            Map.Entry<Id, Nack> p = it.next();
            Id id = p.getKey();
            Nack nack = p.getValue();
            RedisStream.Entry entry = s.get(id);
            if (entry == null) {
                StreamReadCommands.propagateClaim(c, a[1], g, a[2], id.bytes(), nack);
                c.server().dirty++;
                s.removePending(g, id);
                deleted.add(id);
                count--;
                continue;
            }
            if (minIdle != 0 && now - nack.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = StreamReadCommands.consumerFor(c, s, g, a[1], a[3], false, now);
            }
            nack.deliveryTime = now;
            if (!justId) {
                nack.deliveryCount++;
            }
            RedisStream.reassign(id, nack, consumer);
            claimed.add(justId ? id : entry);
            count--;
            StreamReadCommands.propagateClaim(c, a[1], g, a[2], id.bytes(), nack);
            c.server().dirty++;
        }
        c.addArrayLen(3);
        c.addBulk((next == null ? Id.MIN : next).bytes());
        c.addArrayLen(claimed.size());
        for (Object r : claimed) {
            if (r instanceof Id id) {
                c.addBulk(id.bytes());
            } else {
                StreamIds.replyEntry(c, (RedisStream.Entry) r);
            }
        }
        c.addArrayLen(deleted.size());
        for (Id id : deleted) {
            c.addBulk(id.bytes());
        }
    }
}
