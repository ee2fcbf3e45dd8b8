package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.SET;

import io.rediha.node.server.Client;
import io.rediha.node.store.Bytes;
import io.rediha.node.store.Glob;
import io.rediha.node.store.RedisSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Set commands. An emptied set is deleted; SPOP is propagated as the SREM of what it popped. */
public final class SetCommands implements CommandGroup {
    private static final byte[] SREM = Args.bytes("SREM");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("sadd", -3, WRITE, DENYOOM, FAST).summary("Adds one or more members to a set. Creates the key if it doesn't exist.")
                .handler(SetCommands::sadd).build());
        t.register(spec("srem", -3, WRITE, FAST).summary("Removes one or more members from a set. Deletes the set if the last member was removed.")
                .handler(SetCommands::srem).build());
        t.register(spec("spop", -2, WRITE, FAST).summary("Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.")
                .handler(SetCommands::spop).build());
        t.register(spec("srandmember", -2, READONLY).summary("Get one or multiple random members from a set")
                .handler(SetCommands::srandmember).build());
        t.register(spec("smembers", 2, READONLY).summary("Returns all members of a set.")
                .handler(SetCommands::smembers).build());
        t.register(spec("sismember", 3, READONLY, FAST).summary("Determines whether a member belongs to a set.")
                .handler((c, a) -> {
                    RedisSet s = Lookup.read(c, a[1], RedisSet.class);
                    c.addInteger(s != null && s.contains(a[2]) ? 1 : 0);
                }).build());
        t.register(spec("smismember", -3, READONLY, FAST).since("6.2.0").summary("Determines whether multiple members belong to a set.")
                .handler((c, a) -> {
                    RedisSet s = Lookup.read(c, a[1], RedisSet.class);
                    c.addArrayLen(a.length - 2);
                    for (int i = 2; i < a.length; i++) {
                        c.addInteger(s != null && s.contains(a[i]) ? 1 : 0);
                    }
                }).build());
        t.register(spec("scard", 2, READONLY, FAST).summary("Returns the number of members in a set.")
                .handler((c, a) -> {
                    RedisSet s = Lookup.read(c, a[1], RedisSet.class);
                    c.addInteger(s == null ? 0 : s.size());
                }).build());
        t.register(CommandSpec.builder("smove", 4).flags(WRITE, FAST).keys(1, 2, 1).group("set")
                .summary("Moves a member from one set to another.").handler(SetCommands::smove).build());
        t.register(multi("sinter", -2, READONLY).summary("Returns the intersect of multiple sets.")
                .handler((c, a) -> combine(c, a, 1, 'i', null)).build());
        t.register(multi("sunion", -2, READONLY).summary("Returns the union of multiple sets.")
                .handler((c, a) -> combine(c, a, 1, 'u', null)).build());
        t.register(multi("sdiff", -2, READONLY).summary("Returns the difference of multiple sets.")
                .handler((c, a) -> combine(c, a, 1, 'd', null)).build());
        t.register(multi("sinterstore", -3, WRITE, DENYOOM).summary("Stores the intersect of multiple sets in a key.")
                .handler((c, a) -> combine(c, a, 2, 'i', a[1])).build());
        t.register(multi("sunionstore", -3, WRITE, DENYOOM).summary("Stores the union of multiple sets in a key.")
                .handler((c, a) -> combine(c, a, 2, 'u', a[1])).build());
        t.register(multi("sdiffstore", -3, WRITE, DENYOOM).summary("Stores the difference of multiple sets in a key.")
                .handler((c, a) -> combine(c, a, 2, 'd', a[1])).build());
        t.register(CommandSpec.builder("sintercard", -3).flags(READONLY, CommandFlag.MOVABLEKEYS).group("set").since("7.0.0")
                .summary("Returns the number of members of the intersect of multiple sets.").handler(SetCommands::sintercard).build());
        t.register(spec("sscan", -3, READONLY).since("2.8.0").summary("Iterates over members of a set.")
                .handler(SetCommands::sscan).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("set");
    }

    private static CommandSpec.Builder multi(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, -1, 1).group("set");
    }

    static void sadd(Client c, byte[][] a) {
        RedisSet s = Lookup.write(c, a[1], RedisSet.class);
        if (s == null) {
            s = new RedisSet();
            c.db().add(a[1], s);
        }
        int n = 0;
        for (int i = 2; i < a.length; i++) {
            if (s.add(a[i])) {
                n++;
            }
        }
        if (n > 0) {
            Writes.changed(c, a[1], SET, "sadd");
        }
        c.addInteger(n);
    }

    static void deleteIfEmpty(Client c, byte[] key, RedisSet s) {
        if (s.size() == 0) {
            c.db().delete(key);
            Writes.event(c, key, GENERIC, "del");
        }
    }

    static void srem(Client c, byte[][] a) {
        RedisSet s = Lookup.write(c, a[1], RedisSet.class);
        int n = 0;
        if (s != null) {
            for (int i = 2; i < a.length; i++) {
                if (s.remove(a[i])) {
                    n++;
                }
            }
            if (n > 0) {
                Writes.changed(c, a[1], SET, "srem");
                deleteIfEmpty(c, a[1], s);
            }
        }
        c.addInteger(n);
    }

    static void spop(Client c, byte[][] a) {
        long count = -1;
        if (a.length == 3) {
            count = Args.parseLong(a[2], "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        } else if (a.length > 3) {
            throw CommandException.syntax();
        }
        RedisSet s = Lookup.write(c, a[1], RedisSet.class);
        if (s == null) {
            if (count >= 0) {
                c.addArrayLen(0);
            } else {
                c.addNull();
            }
            return;
        }
        int n = count < 0 ? 1 : (int) Math.min(count, s.size());
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] m = s.random();
            s.remove(m);
            popped.add(m);
        }
        if (n > 0) {
            Writes.changed(c, a[1], SET, "spop");
            byte[][] effect = new byte[popped.size() + 2][];
            effect[0] = SREM;
            effect[1] = a[1];
            for (int i = 0; i < popped.size(); i++) {
                effect[i + 2] = popped.get(i);
            }
            c.propagateAs(effect);
            deleteIfEmpty(c, a[1], s);
        }
        if (count < 0) {
            c.addBulk(popped.get(0));
        } else {
            c.addSetLen(popped.size());
            for (byte[] m : popped) {
                c.addBulk(m);
            }
        }
    }

    static void srandmember(Client c, byte[][] a) {
        if (a.length > 3) {
            throw CommandException.syntax();
        }
        RedisSet s = Lookup.read(c, a[1], RedisSet.class);
        if (a.length == 2) {
            c.addBulkOrNull(s == null ? null : s.random());
            return;
        }
        long count = Args.parseLong(a[2]);
        if (s == null) {
            c.addArrayLen(0);
            return;
        }
        c.addBulkArray(RandomPick.pick(s.members(), count));
    }

    static void smembers(Client c, byte[][] a) {
        RedisSet s = Lookup.read(c, a[1], RedisSet.class);
        if (s == null) {
            c.addSetLen(0);
            return;
        }
        c.addSetLen(s.size());
        s.forEach(c::addBulk);
    }

    static void smove(Client c, byte[][] a) {
        RedisSet src = Lookup.write(c, a[1], RedisSet.class);
        RedisSet dst = Lookup.write(c, a[2], RedisSet.class);
        if (src == null || !src.contains(a[3])) {
            c.addInteger(0);
            return;
        }
        if (src == dst) {
            c.addInteger(1);
            return;
        }
        src.remove(a[3]);
        Writes.changed(c, a[1], SET, "srem");
        if (dst == null) {
            dst = new RedisSet();
            c.db().add(a[2], dst);
        }
        dst.add(a[3]);
        Writes.changed(c, a[2], SET, "sadd");
        deleteIfEmpty(c, a[1], src);
        c.addInteger(1);
    }

    /** SINTER/SUNION/SDIFF and their STORE forms; keys start at {@code from}. */
    static void combine(Client c, byte[][] a, int from, char op, byte[] dest) {
        List<RedisSet> sets = new ArrayList<>();
        for (int i = from; i < a.length; i++) {
            sets.add(dest == null ? Lookup.read(c, a[i], RedisSet.class) : Lookup.write(c, a[i], RedisSet.class));
        }
        Set<Bytes> result = new LinkedHashSet<>();
        switch (op) {
            case 'u' -> {
                for (RedisSet s : sets) {
                    if (s != null) {
                        s.forEach(m -> result.add(new Bytes(m)));
                    }
                }
            }
            case 'd' -> {
                if (sets.get(0) != null) {
                    sets.get(0).forEach(m -> result.add(new Bytes(m)));
                    for (int i = 1; i < sets.size(); i++) {
                        if (sets.get(i) != null) {
                            sets.get(i).forEach(m -> result.remove(new Bytes(m)));
                        }
                    }
                }
            }
            default -> intersect(sets, result, Long.MAX_VALUE);
        }
        if (dest == null) {
            c.addSetLen(result.size());
            for (Bytes b : result) {
                c.addBulk(b.data());
            }
            return;
        }
        boolean existed = c.db().exists(dest);
        c.db().delete(dest);
        if (!result.isEmpty()) {
            RedisSet s = new RedisSet();
            for (Bytes b : result) {
                s.add(b.data());
            }
            c.db().add(dest, s);
            Writes.changed(c, dest, SET, op == 'i' ? "sinterstore" : op == 'u' ? "sunionstore" : "sdiffstore");
        } else if (existed) {
            Writes.changed(c, dest, GENERIC, "del");
        }
        c.addInteger(result.size());
    }

    private static void intersect(List<RedisSet> sets, Set<Bytes> result, long limit) {
        RedisSet smallest = null;
        for (RedisSet s : sets) {
            if (s == null) {
                return;
            }
            if (smallest == null || s.size() < smallest.size()) {
                smallest = s;
            }
        }
        RedisSet base = smallest;
        base.forEach(m -> {
            if (result.size() >= limit) {
                return;
            }
            for (RedisSet s : sets) {
                if (s != base && !s.contains(m)) {
                    return;
                }
            }
            result.add(new Bytes(m));
        });
    }

    static void sintercard(Client c, byte[][] a) {
        int numkeys = MultiPopCommands.numkeys(a, 1);
        long limit = MultiPopCommands.parseLimit(a, 2 + numkeys);
        List<RedisSet> sets = new ArrayList<>();
        for (int k = 2; k < 2 + numkeys; k++) {
            sets.add(Lookup.read(c, a[k], RedisSet.class));
        }
        Set<Bytes> result = new LinkedHashSet<>();
        intersect(sets, result, limit == 0 ? Long.MAX_VALUE : limit);
        c.addInteger(result.size());
    }

    static void sscan(Client c, byte[][] a) {
        long cursor = KeyCommands.parseCursor(a[2]);
        ScanOptions o = ScanOptions.parse(a, 3, false);
        RedisSet s = Lookup.read(c, a[1], RedisSet.class);
        List<byte[]> out = new ArrayList<>();
        long next = 0;
        if (s != null) {
            if (s.table() == null) {
                s.forEach(m -> {
                    if (o.pattern == null || Glob.matches(o.pattern, m, false)) {
                        out.add(m);
                    }
                });
            } else {
                next = ScanSupport.scanDict(s.table(), cursor, o, (n, list) -> list.add(n.key), out);
            }
        }
        c.addArrayLen(2);
        c.addBulk(Long.toUnsignedString(next));
        c.addBulkArray(out);
    }
}
