package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.BLOCKING;
import static io.rediha.node.command.CommandFlag.MOVABLEKEYS;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.STREAM;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisStream;
import io.rediha.node.store.RedisStream.Consumer;
import io.rediha.node.store.RedisStream.Group;
import io.rediha.node.store.RedisStream.Id;
import io.rediha.node.store.RedisStream.Nack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * XREAD and XREADGROUP, blocking included.
 *
 * <p>Blocking follows {@link io.rediha.node.server.BlockingKeys}: a blocked read runs again when
 * one of its streams may have news. Before blocking, the call is remembered as a new argument
 * array in which {@code $} is replaced by the ID it meant at that moment, together with its
 * deadline and the COUNT a blocked read defaults to; a re-run recognises itself by that array.
 * A re-run of XREADGROUP whose stream or group has gone answers the error Redis sends then.
 *
 * <p>XREADGROUP is never propagated as itself: every entry it hands out is propagated as an
 * XCLAIM that recreates the pending entry, and with NOACK the group's new last ID as XGROUP SETID.
 */
final class StreamReadCommands implements CommandGroup {
    private static final int BLOCKED_DEFAULT_COUNT = 1000;

    /** A blocked read waiting to run again: when it gives up, and its COUNT. */
    private record Waiting(long deadlineMillis, long count) {
    }

    /** Argument arrays of blocked reads (by identity; arrays use identity equality). */
    private static final Map<byte[][], Waiting> WAITING = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void registerInto(CommandTable t) {
        t.register(CommandSpec.builder("xread", -4).flags(READONLY, BLOCKING, MOVABLEKEYS).group("stream").since("5.0.0")
                .summary("Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.")
                .handler((c, a) -> read(c, a, false)).build());
        t.register(CommandSpec.builder("xreadgroup", -7).flags(WRITE, BLOCKING, MOVABLEKEYS).group("stream").since("5.0.0")
                .summary("Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.")
                .handler((c, a) -> read(c, a, true)).build());
    }

    private static final byte[] XCLAIM = Args.bytes("XCLAIM");
    private static final byte[] XGROUP = Args.bytes("XGROUP");
    private static final byte[] ZERO = Args.bytes("0");
    private static final byte[] TIME = Args.bytes("TIME");
    private static final byte[] RETRYCOUNT = Args.bytes("RETRYCOUNT");
    private static final byte[] FORCE = Args.bytes("FORCE");
    private static final byte[] JUSTID = Args.bytes("JUSTID");
    private static final byte[] LASTID = Args.bytes("LASTID");
    private static final byte[] SETID = Args.bytes("SETID");
    private static final byte[] ENTRIESREAD = Args.bytes("ENTRIESREAD");
    private static final byte[] CREATECONSUMER = Args.bytes("CREATECONSUMER");

    static void read(Client c, byte[][] a, boolean xreadgroup) {
        c.preventPropagation(); // effects are propagated one by one below
        Waiting rerun = WAITING.remove(a);
        long timeout = -1;
        long count = 0;
        int streamsArg = 0;
        int streamsCount = 0;
        boolean noack = false;
        byte[] groupName = null;
        byte[] consumerName = null;
        String name = Args.lower(a[0]);
        for (int i = 1; i < a.length; i++) {
            int more = a.length - i - 1;
            byte[] o = a[i];
            if (Args.is(o, "block") && more > 0) {
                i++;
                timeout = parseTimeout(a[i]);
            } else if (Args.is(o, "count") && more > 0) {
                i++;
                count = Math.max(0, Args.parseLong(a[i]));
            } else if (Args.is(o, "streams") && more > 0) {
                streamsArg = i + 1;
                streamsCount = a.length - streamsArg;
                if (streamsCount % 2 != 0) {
                    throw new CommandException("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.");
                }
                streamsCount /= 2;
                break;
            } else if (Args.is(o, "group") && more >= 2) {
                if (!xreadgroup) {
                    throw new CommandException("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.");
                }
                groupName = a[i + 1];
                consumerName = a[i + 2];
                i += 2;
            } else if (Args.is(o, "noack")) {
                if (!xreadgroup) {
                    throw new CommandException("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.");
                }
                noack = true;
            } else {
                throw new CommandException(ErrorReplies.SYNTAX);
            }
        }
        if (streamsArg == 0) {
            throw new CommandException(ErrorReplies.SYNTAX);
        }
        if (xreadgroup && groupName == null) {
            throw new CommandException("ERR Missing GROUP option for XREADGROUP");
        }
        Id[] ids = new Id[streamsCount];
        Group[] groups = groupName == null ? null : new Group[streamsCount];
        boolean[] newOnly = new boolean[streamsCount];
        for (int k = 0; k < streamsCount; k++) {
            byte[] key = a[streamsArg + k];
            byte[] idArg = a[streamsArg + streamsCount + k];
            Object v = c.db().get(key);
            if (rerun != null && groupName != null && !(v instanceof RedisStream)) {
                c.addError("UNBLOCKED the stream key no longer exists");
                return;
            }
            if (v != null && !(v instanceof RedisStream)) {
                if (rerun != null) {
                    v = null; // a waiting XREAD keeps waiting until the key holds a stream again
                } else {
                    throw CommandException.wrongType();
                }
            }
            RedisStream s = (RedisStream) v;
            if (groupName != null) {
                Group g = s == null ? null : s.group(groupName);
                if (g == null) {
                    if (rerun != null) {
                        c.addError("NOGROUP the consumer group this client was blocked on no longer exists");
                        return;
                    }
                    throw new CommandException(ErrorReplies.format("NOGROUP No such key '%s' or consumer group '%s' in XREADGROUP with GROUP option",
                            Args.str(key), Args.str(groupName)));
                }
                groups[k] = g;
            }
            if (idArg.length == 1 && idArg[0] == '$') {
                if (xreadgroup) {
                    throw new CommandException("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.");
                }
                ids[k] = s == null ? Id.MIN : s.lastId();
            } else if (idArg.length == 1 && idArg[0] == '>') {
                if (!xreadgroup) {
                    throw new CommandException("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.");
                }
                newOnly[k] = true;
            } else {
                ids[k] = StreamIds.strictOrThrow(idArg);
            }
        }
        if (rerun != null) {
            count = rerun.count();
        }

        // Serve synchronously what can be served.
        long now = System.currentTimeMillis();
        boolean[] serve = new boolean[streamsCount];
        int served = 0;
        for (int k = 0; k < streamsCount; k++) {
            if (!(c.db().get(a[streamsArg + k]) instanceof RedisStream s)) {
                continue;
            }
            if (groups != null && !newOnly[k]) {
                serve[k] = true;
            } else {
                Id after = groups != null ? groups[k].lastId : ids[k];
                serve[k] = s.length() > 0 && s.lastLiveId().compareTo(after) > 0;
            }
            served += serve[k] ? 1 : 0;
        }
        if (served > 0) {
            if (c.protocol() >= 3) {
                c.addMapLen(served);
            } else {
                c.addArrayLen(served);
            }
        }
        for (int k = 0; k < streamsCount; k++) {
            if (!serve[k]) {
                continue;
            }
            byte[] key = a[streamsArg + k];
            RedisStream s = (RedisStream) c.db().get(key);
            if (c.protocol() < 3) {
                c.addArrayLen(2);
            }
            c.addBulk(key);
            if (groups == null) {
                Id start = ids[k].next();
                StreamIds.replyRange(c, s, start == null ? Id.MAX : start, Id.MAX, count, false);
                continue;
            }
            Consumer consumer = consumerFor(c, s, groups[k], key, consumerName, noack, now);
            if (newOnly[k]) {
                deliverNew(c, s, groups[k], consumer, key, groupName, count, noack, now);
            } else {
                Id after = ids[k].next(); // like every read, history starts after the given ID
                replyHistory(c, s, consumer, after == null ? Id.MAX : after, count, now);
            }
            c.server().dirty++;
        }
        if (served > 0) {
            return;
        }
        if (timeout == -1 && rerun == null) {
            c.addNullArray();
            return;
        }
        if (!c.mayBlock()) {
            c.addNullArray();
            return;
        }
        long deadline = rerun != null ? rerun.deadlineMillis() : timeout == 0 ? 0 : now + timeout;
        long remaining = 0;
        if (deadline != 0) {
            remaining = deadline - now;
            if (remaining <= 0) {
                c.addNullArray();
                return;
            }
        }
        byte[][] again = a.clone();
        for (int k = 0; k < streamsCount; k++) {
            if (!newOnly[k]) {
                again[streamsArg + streamsCount + k] = ids[k].bytes();
            }
        }
        WAITING.put(again, new Waiting(deadline, count == 0 ? BLOCKED_DEFAULT_COUNT : count));
        c.server().blocking().block(c, c.currentCommand(), again,
                Arrays.asList(a).subList(streamsArg, streamsArg + streamsCount), remaining);
    }

    /**
     * The block timeout in milliseconds, with Redis's errors; the overflow check mirrors Redis's,
     * which adds the timeout to the current time.
     */
    private static long parseTimeout(byte[] arg) {
        long t = Args.parseLong(arg, "ERR timeout is not an integer or out of range");
        if (t < 0) {
            throw new CommandException(ErrorReplies.TIMEOUT_NEGATIVE);
        }
        if (t > 0 && t > Long.MAX_VALUE - System.currentTimeMillis()) {
            throw new CommandException("ERR timeout is out of range");
        }
        return t;
    }

    /** The group's consumer {@code name}, created (and announced) when it does not exist yet. */
    static Consumer consumerFor(Client c, RedisStream s, Group g, byte[] key, byte[] name, boolean noack, long now) {
        Consumer consumer = g.consumer(name);
        if (consumer != null) {
            consumer.seenTime = now;
            return consumer;
        }
        consumer = s.createConsumer(g, name, now);
        c.server().dirty++;
        Writes.event(c, key, STREAM, "xgroup-createconsumer");
        if (noack) {
            c.server().propagation().alsoPropagate(c.dbIndex(), XGROUP, CREATECONSUMER, key, g.name, name);
        }
        return consumer;
    }

    /** XREADGROUP with an explicit ID: the consumer's own pending entries from that ID on. */
    private static void replyHistory(Client c, RedisStream s, Consumer consumer, Id from, long count, long now) {
        List<Map.Entry<Id, Nack>> picked = new ArrayList<>();
        for (Map.Entry<Id, Nack> p : consumer.pending.tailMap(from, true).entrySet()) {
            if (count != 0 && picked.size() >= count) {
                break;
            }
            picked.add(p);
        }
        c.addArrayLen(picked.size());
        for (Map.Entry<Id, Nack> p : picked) {
            RedisStream.Entry e = s.get(p.getKey());
            if (e == null) {
                c.addArrayLen(2);
                c.addBulk(p.getKey().bytes());
                c.addNullArray();
            } else {
                StreamIds.replyEntry(c, e);
                p.getValue().deliveryTime = now;
                p.getValue().deliveryCount++;
            }
        }
    }

    /** XREADGROUP with {@code >}: entries after the group's last ID, added to the pending lists. */
    private static void deliverNew(Client c, RedisStream s, Group g, Consumer consumer, byte[] key, byte[] groupName,
            long count, boolean noack, long now) {
        Id start = g.lastId.next();
        List<RedisStream.Entry> picked = new ArrayList<>();
        Iterator<RedisStream.Entry> it = s.range(start == null ? Id.MAX : start, Id.MAX, false);
        while (it.hasNext() && (count == 0 || picked.size() < count)) {
            picked.add(it.next());
        }
        boolean propagateLastId = false;
        c.addArrayLen(picked.size());
        for (RedisStream.Entry e : picked) {
            if (e.id.compareTo(g.lastId) > 0) {
                s.markDelivered(g, e.id);
                propagateLastId |= noack;
            }
            StreamIds.replyEntry(c, e);
            if (noack) {
                continue;
            }
            Nack nack = g.pending.get(e.id);
            if (nack == null) {
                nack = new Nack(consumer, now, 1);
                s.addPending(g, e.id, nack);
            } else {
                RedisStream.reassign(e.id, nack, consumer);
                nack.deliveryTime = now;
                nack.deliveryCount = 1;
            }
            propagateClaim(c, key, g, groupName, e.id.bytes(), nack);
        }
        if (propagateLastId) {
            propagateGroupId(c, key, g, groupName);
        }
    }

    /** The idempotent XCLAIM that recreates a pending entry on replicas and in the AOF. */
    static void propagateClaim(Client c, byte[] key, Group g, byte[] groupName, byte[] id, Nack nack) {
        c.server().propagation().alsoPropagate(c.dbIndex(), XCLAIM, key, groupName, nack.consumer.name, ZERO, id,
                TIME, Args.decimal(nack.deliveryTime), RETRYCOUNT, Args.decimal(nack.deliveryCount), FORCE, JUSTID,
                LASTID, g.lastId.bytes());
    }

    /** XGROUP SETID with the group's last ID and read counter. */
    static void propagateGroupId(Client c, byte[] key, Group g, byte[] groupName) {
        c.server().propagation().alsoPropagate(c.dbIndex(), XGROUP, SETID, key, groupName, g.lastId.bytes(),
                ENTRIESREAD, Args.decimal(g.entriesRead));
    }
}
