package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.ZSET;

import io.rediha.node.server.Client;
import io.rediha.node.store.Bytes;
import io.rediha.node.store.Glob;
import io.rediha.node.store.RedisSet;
import io.rediha.node.store.RedisValue;
import io.rediha.node.store.RedisZSet;
import io.rediha.node.store.RedisZSet.LexRange;
import io.rediha.node.store.RedisZSet.ScoreRange;
import io.rediha.node.store.RedisZSet.ZNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sorted set commands. */
public final class ZSetCommands implements CommandGroup {
    private static final byte[] ZREM = Args.bytes("ZREM");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("zadd", -4, WRITE, DENYOOM, FAST).since("1.2.0").summary("Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.")
                .handler(ZSetCommands::zadd).build());
        t.register(spec("zincrby", 4, WRITE, DENYOOM, FAST).since("1.2.0").summary("Increments the score of a member in a sorted set.")
                .handler(ZSetCommands::zincrby).build());
        t.register(spec("zrem", -3, WRITE, FAST).since("1.2.0").summary("Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.")
                .handler(ZSetCommands::zrem).build());
        t.register(spec("zcard", 2, READONLY, FAST).since("1.2.0").summary("Returns the number of members in a sorted set.")
                .handler((c, a) -> {
                    RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
                    c.addInteger(z == null ? 0 : z.size());
                }).build());
        t.register(spec("zscore", 3, READONLY, FAST).since("1.2.0").summary("Returns the score of a member in a sorted set.")
                .handler((c, a) -> {
                    RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
                    Double s = z == null ? null : z.score(a[2]);
                    if (s == null) {
                        c.addNull();
                    } else {
                        c.addDouble(s);
                    }
                }).build());
        t.register(spec("zmscore", -3, READONLY, FAST).since("6.2.0").summary("Returns the score of one or more members in a sorted set.")
                .handler((c, a) -> {
                    RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
                    c.addArrayLen(a.length - 2);
                    for (int i = 2; i < a.length; i++) {
                        Double s = z == null ? null : z.score(a[i]);
                        if (s == null) {
                            c.addNull();
                        } else {
                            c.addDouble(s);
                        }
                    }
                }).build());
        t.register(spec("zrank", 3, READONLY, FAST).since("2.0.0").summary("Returns the index of a member in a sorted set ordered by ascending scores.")
                .handler((c, a) -> rank(c, a, false)).build());
        t.register(spec("zrevrank", 3, READONLY, FAST).since("2.0.0").summary("Returns the index of a member in a sorted set ordered by descending scores.")
                .handler((c, a) -> rank(c, a, true)).build());
        t.register(spec("zcount", 4, READONLY, FAST).since("2.0.0").summary("Returns the count of members in a sorted set that have scores within a range.")
                .handler(ZSetCommands::zcount).build());
        t.register(spec("zlexcount", 4, READONLY, FAST).since("2.8.9").summary("Returns the number of members in a sorted set within a lexicographical range.")
                .handler(ZSetCommands::zlexcount).build());
        t.register(spec("zrange", -4, READONLY).since("1.2.0").summary("Returns members in a sorted set within a range of indexes.")
                .handler((c, a) -> zrange(c, a, 1, null, 0, false)).build());
        t.register(spec("zrevrange", -4, READONLY).since("1.2.0").summary("Returns members in a sorted set within a range of indexes in reverse order.")
                .handler((c, a) -> zrange(c, a, 1, null, 0, true)).build());
        t.register(spec("zrangebyscore", -4, READONLY).since("1.0.5").summary("Returns members in a sorted set within a range of scores.")
                .handler((c, a) -> zrange(c, a, 1, null, 1, false)).build());
        t.register(spec("zrevrangebyscore", -4, READONLY).since("2.2.0").summary("Returns members in a sorted set within a range of scores in reverse order.")
                .handler((c, a) -> zrange(c, a, 1, null, 1, true)).build());
        t.register(spec("zrangebylex", -4, READONLY).since("2.8.9").summary("Returns members in a sorted set within a lexicographical range.")
                .handler((c, a) -> zrange(c, a, 1, null, 2, false)).build());
        t.register(spec("zrevrangebylex", -4, READONLY).since("2.8.9").summary("Returns members in a sorted set within a lexicographical range in reverse order.")
                .handler((c, a) -> zrange(c, a, 1, null, 2, true)).build());
        t.register(CommandSpec.builder("zrangestore", -5).flags(WRITE, DENYOOM).keys(1, 2, 1).group("sorted_set").since("6.2.0")
                .summary("Stores a range of members from sorted set in a key.")
                .handler((c, a) -> zrange(c, a, 2, a[1], 0, false)).build());
        t.register(spec("zpopmin", -2, WRITE, FAST).since("5.0.0").summary("Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .handler((c, a) -> zpop(c, a, false)).build());
        t.register(spec("zpopmax", -2, WRITE, FAST).since("5.0.0").summary("Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .handler((c, a) -> zpop(c, a, true)).build());
        t.register(CommandSpec.builder("bzpopmin", -3).flags(WRITE, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING, FAST)
                .keys(1, -2, 1).group("sorted_set").since("5.0.0")
                .summary("Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .handler((c, a) -> blockingZpop(c, a, false)).build());
        t.register(CommandSpec.builder("bzpopmax", -3).flags(WRITE, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING, FAST)
                .keys(1, -2, 1).group("sorted_set").since("5.0.0")
                .summary("Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.  Deletes the sorted set if the last element was popped.")
                .handler((c, a) -> blockingZpop(c, a, true)).build());
        t.register(spec("zremrangebyrank", 4, WRITE).since("2.0.0").summary("Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.")
                .handler((c, a) -> zremrange(c, a, 0)).build());
        t.register(spec("zremrangebyscore", 4, WRITE).since("1.2.0").summary("Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.")
                .handler((c, a) -> zremrange(c, a, 1)).build());
        t.register(spec("zremrangebylex", 4, WRITE).since("2.8.9").summary("Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.")
                .handler((c, a) -> zremrange(c, a, 2)).build());
        t.register(spec("zrandmember", -2, READONLY).since("6.2.0").summary("Returns one or more random members from a sorted set.")
                .handler(ZSetCommands::zrandmember).build());
        t.register(spec("zscan", -3, READONLY).since("2.8.0").summary("Iterates over members and scores of a sorted set.")
                .handler(ZSetCommands::zscan).build());
        t.register(setop("zunionstore", -4, true, WRITE, DENYOOM).since("2.0.0").summary("Stores the union of multiple sorted sets in a key.")
                .handler((c, a) -> setOperation(c, a, 'u', true)).build());
        t.register(setop("zinterstore", -4, true, WRITE, DENYOOM).since("2.0.0").summary("Stores the intersect of multiple sorted sets in a key.")
                .handler((c, a) -> setOperation(c, a, 'i', true)).build());
        t.register(setop("zdiffstore", -4, true, WRITE, DENYOOM).since("6.2.0").summary("Stores the difference of multiple sorted sets in a key.")
                .handler((c, a) -> setOperation(c, a, 'd', true)).build());
        t.register(setop("zunion", -3, false, READONLY).since("6.2.0").summary("Returns the union of multiple sorted sets.")
                .handler((c, a) -> setOperation(c, a, 'u', false)).build());
        t.register(setop("zinter", -3, false, READONLY).since("6.2.0").summary("Returns the intersect of multiple sorted sets.")
                .handler((c, a) -> setOperation(c, a, 'i', false)).build());
        t.register(setop("zdiff", -3, false, READONLY).since("6.2.0").summary("Returns the difference between multiple sorted sets.")
                .handler((c, a) -> setOperation(c, a, 'd', false)).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("sorted_set");
    }

    private static final byte[] ZPOPMIN = Args.bytes("ZPOPMIN");
    private static final byte[] ZPOPMAX = Args.bytes("ZPOPMAX");

    /** BZPOPMIN / BZPOPMAX: pops from the first non-empty sorted set, or waits for one. */
    static void blockingZpop(Client c, byte[][] a, boolean max) {
        long timeout = Args.parseTimeoutMillis(a[a.length - 1]);
        for (int i = 1; i < a.length - 1; i++) {
            RedisZSet z = Lookup.write(c, a[i], RedisZSet.class);
            if (z != null) {
                ZNode x = max ? z.last() : z.first();
                z.remove(x.member);
                Writes.changed(c, a[i], ZSET, max ? "zpopmax" : "zpopmin");
                deleteIfEmpty(c, a[i], z);
                c.propagateAs(max ? ZPOPMAX : ZPOPMIN, a[i]);
                c.addArrayLen(3);
                c.addBulk(a[i]);
                c.addBulk(x.member);
                c.addDouble(x.score);
                return;
            }
        }
        c.server().blocking().blockOrAnswerNull(c, a, java.util.Arrays.asList(a).subList(1, a.length - 1), timeout);
    }

    private static CommandSpec.Builder setop(String name, int arity, boolean store, CommandFlag... flags) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).flags(flags).flags(CommandFlag.MOVABLEKEYS).group("sorted_set");
        return store ? b.keys(1, 1, 1) : b;
    }

    // ------------------------------------------------------------------ parsing

    static ScoreRange parseScoreRange(byte[] min, byte[] max) {
        double[] lo = parseBound(min);
        double[] hi = parseBound(max);
        return new ScoreRange(lo[0], lo[1] != 0, hi[0], hi[1] != 0);
    }

    private static double[] parseBound(byte[] b) {
        boolean exclusive = b.length > 0 && b[0] == '(';
        byte[] num = exclusive ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
        double v = Args.parseDouble(num, ErrorReplies.MIN_GT_MAX);
        return new double[]{v, exclusive ? 1 : 0};
    }

    static LexRange parseLexRange(byte[] min, byte[] max) {
        Object[] lo = parseLexBound(min);
        Object[] hi = parseLexBound(max);
        return new LexRange((byte[]) lo[0], (Boolean) lo[1], (Boolean) lo[2], (byte[]) hi[0], (Boolean) hi[1], (Boolean) hi[2]);
    }

    /** {value, exclusive, infinite}; "-" is (null, _, true), "+" is (non-null marker, _, true) as a min and vice versa. */
    private static Object[] parseLexBound(byte[] b) {
        if (b.length == 1 && b[0] == '-') {
            return new Object[]{null, false, true};
        }
        if (b.length == 1 && b[0] == '+') {
            return new Object[]{new byte[0], false, true};
        }
        if (b.length > 0 && (b[0] == '(' || b[0] == '[')) {
            return new Object[]{java.util.Arrays.copyOfRange(b, 1, b.length), b[0] == '(', false};
        }
        throw new CommandException(ErrorReplies.MIN_MAX_NOT_STRING);
    }

    /** "+" as a max must always pass and "-" as a max must never: flip the markers. */
    private static LexRange lexForRange(byte[] min, byte[] max) {
        Object[] lo = parseLexBound(min);
        Object[] hi = parseLexBound(max);
        byte[] hiVal = (byte[]) hi[0];
        if ((Boolean) hi[2]) {
            hiVal = hiVal == null ? new byte[0] : null; // "-" never passes, "+" always passes
        }
        return new LexRange((byte[]) lo[0], (Boolean) lo[1], (Boolean) lo[2], hiVal, (Boolean) hi[1], (Boolean) hi[2]);
    }

    // ------------------------------------------------------------------ replies

    private static void writeWithScores(Client c, List<ZNode> nodes, boolean withScores) {
        if (withScores && c.protocol() >= 3) {
            c.addArrayLen(nodes.size());
            for (ZNode n : nodes) {
                c.addArrayLen(2);
                c.addBulk(n.member);
                c.addDouble(n.score);
            }
            return;
        }
        c.addArrayLen(withScores ? nodes.size() * 2L : nodes.size());
        for (ZNode n : nodes) {
            c.addBulk(n.member);
            if (withScores) {
                c.addDouble(n.score);
            }
        }
    }

    static void deleteIfEmpty(Client c, byte[] key, RedisZSet z) {
        if (z.size() == 0) {
            c.db().delete(key);
            Writes.event(c, key, GENERIC, "del");
        }
    }

    // ------------------------------------------------------------------ commands

    static void zadd(Client c, byte[][] a) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < a.length; i++) {
            if (Args.is(a[i], "nx")) {
                nx = true;
            } else if (Args.is(a[i], "xx")) {
                xx = true;
            } else if (Args.is(a[i], "gt")) {
                gt = true;
            } else if (Args.is(a[i], "lt")) {
                lt = true;
            } else if (Args.is(a[i], "ch")) {
                ch = true;
            } else if (Args.is(a[i], "incr")) {
                incr = true;
            } else {
                break;
            }
        }
        int pairs = a.length - i;
        if (pairs == 0 || pairs % 2 != 0) {
            throw CommandException.syntax();
        }
        if (nx && xx) {
            throw new CommandException("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException(ErrorReplies.GT_LT_NX);
        }
        if (incr && pairs > 2) {
            throw new CommandException("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs / 2];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = Args.parseDouble(a[i + 2 * k]);
        }
        RedisZSet z = Lookup.write(c, a[1], RedisZSet.class);
        if (z == null) {
            if (xx) {
                if (incr) {
                    c.addNull();
                } else {
                    c.addInteger(0);
                }
                return;
            }
            z = new RedisZSet();
            c.db().add(a[1], z);
        }
        int added = 0;
        int changed = 0;
        double lastScore = 0;
        boolean aborted = false;
        for (int k = 0; k < scores.length; k++) {
            byte[] member = a[i + 2 * k + 1];
            double score = scores[k];
            Double cur = z.score(member);
            if (cur != null) {
                if (nx) {
                    aborted = true;
                    continue;
                }
                if (incr) {
                    score = cur + score;
                    if (Double.isNaN(score)) {
                        throw new CommandException("ERR resulting score is not a number (NaN)");
                    }
                }
                if ((gt && score <= cur) || (lt && score >= cur)) {
                    aborted = true;
                    continue;
                }
                lastScore = score;
                if (score != cur) {
                    z.add(member, score);
                    changed++;
                }
            } else {
                if (xx) {
                    aborted = true;
                    continue;
                }
                z.add(member, score);
                lastScore = score;
                added++;
            }
        }
        if (added + changed > 0) {
            Writes.changed(c, a[1], ZSET, incr ? "zincr" : "zadd");
        }
        deleteIfEmpty(c, a[1], z);
        if (incr) {
            if (aborted) {
                c.addNull();
            } else {
                c.addDouble(lastScore);
            }
        } else {
            c.addInteger(ch ? added + changed : added);
        }
    }

    static void zincrby(Client c, byte[][] a) {
        double by = Args.parseDouble(a[2]);
        RedisZSet z = Lookup.write(c, a[1], RedisZSet.class);
        if (z == null) {
            z = new RedisZSet();
            c.db().add(a[1], z);
        }
        Double cur = z.score(a[3]);
        double score = (cur == null ? 0 : cur) + by;
        if (Double.isNaN(score)) {
            throw new CommandException("ERR resulting score is not a number (NaN)");
        }
        z.add(a[3], score);
        Writes.changed(c, a[1], ZSET, "zincr");
        c.addDouble(score);
    }

    static void zrem(Client c, byte[][] a) {
        RedisZSet z = Lookup.write(c, a[1], RedisZSet.class);
        int n = 0;
        if (z != null) {
            for (int i = 2; i < a.length; i++) {
                if (z.remove(a[i])) {
                    n++;
                }
            }
            if (n > 0) {
                Writes.changed(c, a[1], ZSET, "zrem");
                deleteIfEmpty(c, a[1], z);
            }
        }
        c.addInteger(n);
    }

    static void rank(Client c, byte[][] a, boolean reverse) {
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        long r = z == null ? -1 : z.rank(a[2]);
        if (r < 0) {
            c.addNull();
            return;
        }
        c.addInteger(reverse ? z.size() - 1 - r : r);
    }

    static void zcount(Client c, byte[][] a) {
        ScoreRange r = parseScoreRange(a[2], a[3]);
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        if (z == null) {
            c.addInteger(0);
            return;
        }
        ZNode first = z.firstInRange(r);
        if (first == null) {
            c.addInteger(0);
            return;
        }
        ZNode last = z.lastInRange(r);
        c.addInteger(z.rank(last.member) - z.rank(first.member) + 1);
    }

    static void zlexcount(Client c, byte[][] a) {
        LexRange r = lexForRange(a[2], a[3]);
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        if (z == null) {
            c.addInteger(0);
            return;
        }
        ZNode first = z.firstInLex(r);
        if (first == null) {
            c.addInteger(0);
            return;
        }
        ZNode last = z.lastInLex(r);
        if (last == null) {
            c.addInteger(0);
            return;
        }
        long n = z.rank(last.member) - z.rank(first.member) + 1;
        c.addInteger(Math.max(0, n));
    }

    /**
     * ZRANGE and its older forms. {@code mode}: 0 by index, 1 by score, 2 by lex; {@code at} is where
     * the source key is; {@code dest} is set for ZRANGESTORE.
     */
    static void zrange(Client c, byte[][] a, int at, byte[] dest, int mode, boolean reverse) {
        String name = Args.lower(a[0]);
        boolean legacy = !name.equals("zrange") && !name.equals("zrangestore");
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean hasLimit = false;
        for (int i = at + 3; i < a.length; i++) {
            boolean hasTwo = i + 2 < a.length;
            if (Args.is(a[i], "withscores") && dest == null && !(legacy && mode == 2)) {
                withScores = true;
            } else if (Args.is(a[i], "limit") && hasTwo && (mode != 0 || !legacy)) {
                offset = Args.parseLong(a[i + 1]);
                limit = Args.parseLong(a[i + 2]);
                hasLimit = true;
                i += 2;
            } else if (!legacy && Args.is(a[i], "byscore") && mode == 0) {
                mode = 1;
            } else if (!legacy && Args.is(a[i], "bylex") && mode == 0) {
                mode = 2;
            } else if (!legacy && Args.is(a[i], "rev")) {
                reverse = true;
            } else {
                throw CommandException.syntax();
            }
        }
        if (hasLimit && mode == 0) {
            throw new CommandException("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && mode == 2) {
            throw new CommandException("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        byte[] minArg = a[at + 1];
        byte[] maxArg = a[at + 2];
        // ZREVRANGEBYSCORE/ZREVRANGEBYLEX and ZRANGE ... REV take max before min.
        boolean swapped = reverse && mode != 0;
        byte[] lo = swapped ? maxArg : minArg;
        byte[] hi = swapped ? minArg : maxArg;
        List<ZNode> nodes = new ArrayList<>();
        if (mode == 0) {
            long start = Args.parseLong(minArg);
            long stop = Args.parseLong(maxArg);
            RedisZSet z = dest == null ? Lookup.read(c, a[at], RedisZSet.class) : Lookup.write(c, a[at], RedisZSet.class);
            if (z != null) {
                int[] r = ListCommands.clampRange(start, stop, z.size());
                if (r != null) {
                    if (!reverse) {
                        ZNode n = z.byRank(r[0]);
                        for (int k = r[0]; k <= r[1] && n != null; k++, n = n.next()) {
                            nodes.add(n);
                        }
                    } else {
                        ZNode n = z.byRank(z.size() - 1 - r[0]);
                        for (int k = r[0]; k <= r[1] && n != null; k++, n = n.prev()) {
                            nodes.add(n);
                        }
                    }
                }
            }
        } else if (mode == 1) {
            ScoreRange r = parseScoreRange(lo, hi);
            RedisZSet z = dest == null ? Lookup.read(c, a[at], RedisZSet.class) : Lookup.write(c, a[at], RedisZSet.class);
            if (z != null) {
                ZNode n = reverse ? z.lastInRange(r) : z.firstInRange(r);
                collect(nodes, n, reverse, offset, limit, x -> r.aboveMin(x.score) && r.belowMax(x.score));
            }
        } else {
            LexRange r = lexForRange(lo, hi);
            RedisZSet z = dest == null ? Lookup.read(c, a[at], RedisZSet.class) : Lookup.write(c, a[at], RedisZSet.class);
            if (z != null) {
                ZNode n = reverse ? z.lastInLex(r) : z.firstInLex(r);
                collect(nodes, n, reverse, offset, limit, x -> r.aboveMin(x.member) && r.belowMax(x.member));
            }
        }
        if (dest == null) {
            writeWithScores(c, nodes, withScores);
            return;
        }
        boolean existed = c.db().exists(dest);
        c.db().delete(dest);
        if (!nodes.isEmpty()) {
            RedisZSet out = new RedisZSet();
            for (ZNode n : nodes) {
                out.add(n.member, n.score);
            }
            c.db().add(dest, out);
            Writes.changed(c, dest, ZSET, "zrangestore");
        } else if (existed) {
            Writes.changed(c, dest, GENERIC, "del");
        }
        c.addInteger(nodes.size());
    }

    private static void collect(List<ZNode> out, ZNode start, boolean reverse, long offset, long limit,
                                java.util.function.Predicate<ZNode> inRange) {
        if (offset < 0) {
            return;
        }
        ZNode n = start;
        while (n != null && offset > 0) {
            n = reverse ? n.prev() : n.next();
            offset--;
        }
        while (n != null && limit != 0 && inRange.test(n)) {
            out.add(n);
            if (limit > 0) {
                limit--;
            }
            n = reverse ? n.prev() : n.next();
        }
    }

    static void zpop(Client c, byte[][] a, boolean max) {
        long count = -1;
        if (a.length == 3) {
            count = Args.parseLong(a[2], "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        } else if (a.length > 3) {
            throw CommandException.syntax();
        }
        RedisZSet z = Lookup.write(c, a[1], RedisZSet.class);
        List<ZNode> popped = new ArrayList<>();
        if (z != null) {
            long n = count < 0 ? 1 : Math.min(count, z.size());
            for (long i = 0; i < n; i++) {
                ZNode x = max ? z.last() : z.first();
                popped.add(x);
                z.remove(x.member);
            }
            if (!popped.isEmpty()) {
                Writes.changed(c, a[1], ZSET, max ? "zpopmax" : "zpopmin");
                byte[][] effect = new byte[popped.size() + 2][];
                effect[0] = ZREM;
                effect[1] = a[1];
                for (int i = 0; i < popped.size(); i++) {
                    effect[i + 2] = popped.get(i).member;
                }
                c.propagateAs(effect);
                deleteIfEmpty(c, a[1], z);
            }
        }
        if (count < 0 || c.protocol() < 3) {
            c.addArrayLen(popped.size() * 2L);
            for (ZNode x : popped) {
                c.addBulk(x.member);
                c.addDouble(x.score);
            }
            return;
        }
        writeWithScores(c, popped, true);
    }

    static void zremrange(Client c, byte[][] a, int mode) {
        RedisZSet z;
        List<ZNode> doomed = new ArrayList<>();
        if (mode == 0) {
            long start = Args.parseLong(a[2]);
            long stop = Args.parseLong(a[3]);
            z = Lookup.write(c, a[1], RedisZSet.class);
            if (z != null) {
                int[] r = ListCommands.clampRange(start, stop, z.size());
                if (r != null) {
                    ZNode n = z.byRank(r[0]);
                    for (int k = r[0]; k <= r[1] && n != null; k++, n = n.next()) {
                        doomed.add(n);
                    }
                }
            }
        } else if (mode == 1) {
            ScoreRange r = parseScoreRange(a[2], a[3]);
            z = Lookup.write(c, a[1], RedisZSet.class);
            if (z != null) {
                collect(doomed, z.firstInRange(r), false, 0, -1, x -> r.belowMax(x.score));
            }
        } else {
            LexRange r = lexForRange(a[2], a[3]);
            z = Lookup.write(c, a[1], RedisZSet.class);
            if (z != null) {
                collect(doomed, z.firstInLex(r), false, 0, -1, x -> r.belowMax(x.member));
            }
        }
        for (ZNode n : doomed) {
            z.remove(n.member);
        }
        if (!doomed.isEmpty()) {
            Writes.changed(c, a[1], ZSET, mode == 0 ? "zremrangebyrank" : mode == 1 ? "zremrangebyscore" : "zremrangebylex");
            deleteIfEmpty(c, a[1], z);
        }
        c.addInteger(doomed.size());
    }

    static void zrandmember(Client c, byte[][] a) {
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        if (a.length == 2) {
            if (z == null) {
                c.addNull();
                return;
            }
            c.addBulk(z.byRank(java.util.concurrent.ThreadLocalRandom.current().nextInt(z.size())).member);
            return;
        }
        long count = Args.parseLong(a[2]);
        boolean withScores = false;
        if (a.length == 4) {
            if (!Args.is(a[3], "withscores")) {
                throw CommandException.syntax();
            }
            withScores = true;
        } else if (a.length > 4) {
            throw CommandException.syntax();
        }
        if (z == null) {
            c.addArrayLen(0);
            return;
        }
        List<ZNode> all = new ArrayList<>();
        for (ZNode n = z.first(); n != null; n = n.next()) {
            all.add(n);
        }
        writeWithScores(c, RandomPick.pick(all, count), withScores);
    }

    static void zscan(Client c, byte[][] a) {
        long cursor = KeyCommands.parseCursor(a[2]);
        ScanOptions o = ScanOptions.parse(a, 3, false);
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        List<byte[]> out = new ArrayList<>();
        long next = 0;
        if (z != null) {
            if (z.encoding().equals("listpack")) {
                for (ZNode n = z.first(); n != null; n = n.next()) {
                    if (o.pattern == null || Glob.matches(o.pattern, n.member, false)) {
                        out.add(n.member);
                        out.add(Args.bytes(io.rediha.node.resp.RespWriter.formatDouble(n.score)));
                    }
                }
            } else {
                next = ScanSupport.scanDict(z.dict(), cursor, o, (n, list) -> {
                    list.add(n.key);
                    list.add(Args.bytes(io.rediha.node.resp.RespWriter.formatDouble(((ZNode) n.value).score)));
                }, out);
            }
        }
        c.addArrayLen(2);
        c.addBulk(Long.toUnsignedString(next));
        c.addBulkArray(out);
    }

    /** ZUNION/ZINTER/ZDIFF and their STORE forms. */
    static void setOperation(Client c, byte[][] a, char op, boolean store) {
        int nkIdx = store ? 2 : 1;
        String name = Args.lower(a[0]);
        long numkeys = Args.parseLong(a[nkIdx]);
        if (numkeys < 1) {
            throw new CommandException("ERR at least 1 input key is needed for '" + name + "' command");
        }
        if (numkeys > a.length - nkIdx - 1) {
            throw CommandException.syntax();
        }
        int first = nkIdx + 1;
        double[] weights = new double[(int) numkeys];
        java.util.Arrays.fill(weights, 1);
        char aggregate = 's';
        boolean withScores = false;
        for (int i = first + (int) numkeys; i < a.length; i++) {
            if (Args.is(a[i], "weights") && op != 'd' && i + numkeys < a.length) {
                for (int k = 0; k < numkeys; k++) {
                    weights[k] = Args.parseDouble(a[i + 1 + k], "ERR weight value is not a float");
                }
                i += (int) numkeys;
            } else if (Args.is(a[i], "aggregate") && op != 'd' && i + 1 < a.length) {
                String agg = Args.lower(a[++i]);
                switch (agg) {
                    case "sum" -> aggregate = 's';
                    case "min" -> aggregate = 'n';
                    case "max" -> aggregate = 'x';
                    default -> throw CommandException.syntax();
                }
            } else if (!store && Args.is(a[i], "withscores")) {
                withScores = true;
            } else {
                throw CommandException.syntax();
            }
        }
        List<Map<Bytes, Double>> inputs = new ArrayList<>();
        for (int k = 0; k < numkeys; k++) {
            Object v = store ? c.db().get(a[first + k]) : Lookup.read(c, a[first + k]);
            inputs.add(asScores(v));
        }
        Map<Bytes, Double> result = new LinkedHashMap<>();
        final char agg = aggregate;
        if (op == 'u') {
            for (int k = 0; k < inputs.size(); k++) {
                if (inputs.get(k) == null) {
                    continue;
                }
                for (Map.Entry<Bytes, Double> e : inputs.get(k).entrySet()) {
                    double s = weighted(e.getValue(), weights[k]);
                    result.merge(e.getKey(), s, (x, y) -> combine(x, y, agg));
                }
            }
        } else if (op == 'i') {
            boolean anyMissing = inputs.stream().anyMatch(m -> m == null);
            if (!anyMissing) {
                for (Map.Entry<Bytes, Double> e : inputs.get(0).entrySet()) {
                    double s = weighted(e.getValue(), weights[0]);
                    boolean all = true;
                    for (int k = 1; k < inputs.size() && all; k++) {
                        Double o = inputs.get(k).get(e.getKey());
                        if (o == null) {
                            all = false;
                        } else {
                            s = combine(s, weighted(o, weights[k]), aggregate);
                        }
                    }
                    if (all) {
                        result.put(e.getKey(), s);
                    }
                }
            }
        } else {
            if (inputs.get(0) != null) {
                result.putAll(inputs.get(0));
                for (int k = 1; k < inputs.size(); k++) {
                    if (inputs.get(k) != null) {
                        result.keySet().removeAll(inputs.get(k).keySet());
                    }
                }
            }
        }
        RedisZSet out = new RedisZSet();
        for (Map.Entry<Bytes, Double> e : result.entrySet()) {
            out.add(e.getKey().data(), e.getValue());
        }
        if (!store) {
            List<ZNode> nodes = new ArrayList<>();
            for (ZNode n = out.first(); n != null; n = n.next()) {
                nodes.add(n);
            }
            writeWithScores(c, nodes, withScores);
            return;
        }
        byte[] dest = a[1];
        boolean existed = c.db().exists(dest);
        c.db().delete(dest);
        if (out.size() > 0) {
            c.db().add(dest, out);
            Writes.changed(c, dest, ZSET, op == 'u' ? "zunionstore" : op == 'i' ? "zinterstore" : "zdiffstore");
        } else if (existed) {
            Writes.changed(c, dest, GENERIC, "del");
        }
        c.addInteger(out.size());
    }

    private static double weighted(double score, double weight) {
        double v = score * weight;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double combine(double x, double y, char aggregate) {
        return switch (aggregate) {
            case 'n' -> Math.min(x, y);
            case 'x' -> Math.max(x, y);
            default -> {
                double s = x + y;
                yield Double.isNaN(s) ? 0 : s;
            }
        };
    }

    /** Member to score for a sorted set, or a plain set (score 1); null when absent. */
    private static Map<Bytes, Double> asScores(Object v) {
        if (v == null) {
            return null;
        }
        Map<Bytes, Double> m = new LinkedHashMap<>();
        if (v instanceof RedisZSet z) {
            for (ZNode n = z.first(); n != null; n = n.next()) {
                m.put(new Bytes(n.member), n.score);
            }
        } else if (v instanceof RedisSet s) {
            s.forEach(x -> m.put(new Bytes(x), 1.0));
        } else if (v instanceof RedisValue || v instanceof byte[]) {
            throw CommandException.wrongType();
        }
        return m;
    }
}
