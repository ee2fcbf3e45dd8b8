package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.BLOCKING;
import static io.rediha.node.command.CommandFlag.MOVABLEKEYS;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.LIST;
import static io.rediha.node.server.PubSub.ZSET;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisList;
import io.rediha.node.store.RedisSet;
import io.rediha.node.store.RedisZSet;
import io.rediha.node.store.RedisZSet.ZNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis 7's pops over several keys, LMPOP / BLMPOP and ZMPOP / BZMPOP, and ZINTERCARD, the
 * sorted-set twin of SINTERCARD. They share one argument shape, {@code numkeys key... <where>
 * [COUNT n]}, parsed here once, and one reply shape: the key that was popped from and its
 * elements, or a null array when every key was empty.
 *
 * <p>Effects propagate as the single-key pop that happened (LPOP key n, ZPOPMIN key n), as Redis
 * does, so replicas and the AOF never need to know these commands.
 */
public final class MultiPopCommands implements CommandGroup {
    private static final byte[] LPOP = Args.bytes("LPOP");
    private static final byte[] RPOP = Args.bytes("RPOP");
    private static final byte[] ZPOPMIN = Args.bytes("ZPOPMIN");
    private static final byte[] ZPOPMAX = Args.bytes("ZPOPMAX");

    @Override
    public void registerInto(CommandTable t) {
        t.register(CommandSpec.builder("lmpop", -4).flags(WRITE, MOVABLEKEYS).group("list").since("7.0.0")
                .summary("Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.")
                .handler((c, a) -> pop(c, a, 1, true, false)).build());
        t.register(CommandSpec.builder("blmpop", -5).flags(WRITE, MOVABLEKEYS, NOSCRIPT, BLOCKING).group("list").since("7.0.0")
                .summary("Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler((c, a) -> pop(c, a, 2, true, true)).build());
        t.register(CommandSpec.builder("zmpop", -4).flags(WRITE, MOVABLEKEYS).group("sorted_set").since("7.0.0")
                .summary("Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.")
                .handler((c, a) -> pop(c, a, 1, false, false)).build());
        t.register(CommandSpec.builder("bzmpop", -5).flags(WRITE, MOVABLEKEYS, NOSCRIPT, BLOCKING).group("sorted_set").since("7.0.0")
                .summary("Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .handler((c, a) -> pop(c, a, 2, false, true)).build());
        t.register(CommandSpec.builder("zintercard", -3).flags(READONLY, MOVABLEKEYS).group("sorted_set").since("7.0.0")
                .summary("Returns the number of members of the intersect of multiple sorted sets.")
                .handler(MultiPopCommands::zintercard).build());
    }

    /** {@code numkeys} at {@code a[at]}: at least 1, and no more keys than arguments. */
    static int numkeys(byte[][] a, int at) {
        long n = Args.parseLong(a[at], "ERR numkeys should be greater than 0");
        if (n <= 0) {
            throw new CommandException("ERR numkeys should be greater than 0");
        }
        if (n > a.length - at - 1) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        return (int) n;
    }

    /** [B]LMPOP / [B]ZMPOP; {@code numkeysAt} is 2 for the blocking forms, whose timeout comes first. */
    private static void pop(Client c, byte[][] a, int numkeysAt, boolean list, boolean blocking) {
        long timeout = blocking ? Args.parseTimeoutMillis(a[1]) : 0;
        long n = Args.parseLong(a[numkeysAt], "ERR numkeys should be greater than 0");
        if (n <= 0) {
            throw new CommandException("ERR numkeys should be greater than 0");
        }
        long whereAt = numkeysAt + n + 1;
        if (whereAt >= a.length) {
            throw CommandException.syntax();
        }
        boolean first = side(a[(int) whereAt], list);
        long count = -1;
        for (int i = (int) whereAt + 1; i < a.length; i++) {
            if (count == -1 && Args.is(a[i], "count") && i + 1 < a.length) {
                count = Args.parseLong(a[++i], "ERR count should be greater than 0");
                if (count <= 0) {
                    throw new CommandException("ERR count should be greater than 0");
                }
            } else {
                throw CommandException.syntax();
            }
        }
        count = Math.max(count, 1);
        List<byte[]> keys = Arrays.asList(a).subList(numkeysAt + 1, (int) whereAt);
        for (byte[] key : keys) {
            boolean popped = list ? popList(c, key, first, count) : popZSet(c, key, first, count);
            if (popped) {
                return;
            }
        }
        if (!blocking) {
            c.addNullArray();
            return;
        }
        c.server().blocking().blockOrAnswerNull(c, a, keys, timeout);
    }

    /** LEFT/RIGHT for lists, MIN/MAX for sorted sets; true for the head (LEFT, MIN). */
    private static boolean side(byte[] where, boolean list) {
        if (Args.is(where, list ? "left" : "min")) {
            return true;
        }
        if (Args.is(where, list ? "right" : "max")) {
            return false;
        }
        throw CommandException.syntax();
    }

    private static boolean popList(Client c, byte[] key, boolean left, long count) {
        RedisList l = Lookup.write(c, key, RedisList.class);
        if (l == null) {
            return false;
        }
        int n = (int) Math.min(count, l.size());
        c.addArrayLen(2);
        c.addBulk(key);
        c.addArrayLen(n);
        for (int i = 0; i < n; i++) {
            c.addBulk(left ? l.removeFirst() : l.removeLast());
        }
        Writes.changed(c, key, LIST, left ? "lpop" : "rpop");
        ListCommands.deleteIfEmpty(c, key, l);
        c.propagateAs(left ? LPOP : RPOP, key, Args.decimal(n));
        return true;
    }

    private static boolean popZSet(Client c, byte[] key, boolean min, long count) {
        RedisZSet z = Lookup.write(c, key, RedisZSet.class);
        if (z == null) {
            return false;
        }
        int n = (int) Math.min(count, z.size());
        c.addArrayLen(2);
        c.addBulk(key);
        c.addArrayLen(n);
        for (int i = 0; i < n; i++) {
            ZNode x = min ? z.first() : z.last();
            z.remove(x.member);
            c.addArrayLen(2);
            c.addBulk(x.member);
            c.addDouble(x.score);
        }
        Writes.changed(c, key, ZSET, min ? "zpopmin" : "zpopmax");
        ZSetCommands.deleteIfEmpty(c, key, z);
        c.propagateAs(min ? ZPOPMIN : ZPOPMAX, key, Args.decimal(n));
        return true;
    }

    /** ZINTERCARD numkeys key... [LIMIT n]: sets count as sorted sets whose scores are all 1. */
    static void zintercard(Client c, byte[][] a) {
        long numkeys = Args.parseLong(a[1]); // the sorted-set family's own numkeys errors
        if (numkeys < 1) {
            throw new CommandException("ERR at least 1 input key is needed for 'zintercard' command");
        }
        if (numkeys > a.length - 2) {
            throw CommandException.syntax();
        }
        int n = (int) numkeys;
        long limit = parseLimit(a, 2 + n);
        List<Object> inputs = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Object v = Lookup.read(c, a[2 + k]);
            if (v != null && !(v instanceof RedisZSet) && !(v instanceof RedisSet)) {
                throw CommandException.wrongType();
            }
            inputs.add(v);
        }
        if (inputs.contains(null)) {
            c.addInteger(0);
            return;
        }
        inputs.sort((x, y) -> Long.compare(size(x), size(y))); // walk the smallest
        long[] count = {0};
        forEachMember(inputs.get(0), m -> {
            if (limit > 0 && count[0] >= limit) {
                return;
            }
            for (int k = 1; k < inputs.size(); k++) {
                if (!contains(inputs.get(k), m)) {
                    return;
                }
            }
            count[0]++;
        });
        c.addInteger(count[0]);
    }

    /** {@code [LIMIT n]...} from {@code from} on: 0 means no limit. */
    static long parseLimit(byte[][] a, int from) {
        long limit = 0;
        for (int i = from; i < a.length; i++) {
            if (Args.is(a[i], "limit") && i + 1 < a.length) {
                limit = Args.parseLong(a[++i], "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new CommandException("ERR LIMIT can't be negative");
                }
            } else {
                throw CommandException.syntax();
            }
        }
        return limit;
    }

    private static long size(Object v) {
        return v instanceof RedisZSet z ? z.size() : ((RedisSet) v).size();
    }

    private static boolean contains(Object v, byte[] m) {
        return v instanceof RedisZSet z ? z.score(m) != null : ((RedisSet) v).contains(m);
    }

    private static void forEachMember(Object v, java.util.function.Consumer<byte[]> visitor) {
        if (v instanceof RedisZSet z) {
            for (ZNode x = z.first(); x != null; x = x.next()) {
                visitor.accept(x.member);
            }
        } else {
            ((RedisSet) v).forEach(visitor);
        }
    }
}
