package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.HASH;

import io.rediha.node.server.Client;
import io.rediha.node.store.Dict;
import io.rediha.node.store.RedisHash;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Hash commands. An emptied hash is deleted. */
public final class HashCommands implements CommandGroup {
    private static final byte[] HSET = Args.bytes("HSET");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("hset", -4, WRITE, DENYOOM, FAST).since("2.0.0").summary("Creates or modifies the value of a field in a hash.")
                .handler((c, a) -> hset(c, a, false)).build());
        t.register(spec("hmset", -4, WRITE, DENYOOM, FAST).since("2.0.0").summary("Sets the values of multiple fields.")
                .handler((c, a) -> hset(c, a, true)).build());
        t.register(spec("hsetnx", 4, WRITE, DENYOOM, FAST).since("2.0.0").summary("Sets the value of a field in a hash only when the field doesn't exist.")
                .handler(HashCommands::hsetnx).build());
        t.register(spec("hget", 3, READONLY, FAST).since("2.0.0").summary("Returns the value of a field in a hash.")
                .handler((c, a) -> {
                    RedisHash h = Lookup.read(c, a[1], RedisHash.class);
                    c.addBulkOrNull(h == null ? null : h.get(a[2]));
                }).build());
        t.register(spec("hmget", -3, READONLY, FAST).since("2.0.0").summary("Returns the values of all fields in a hash.")
                .handler(HashCommands::hmget).build());
        t.register(spec("hgetall", 2, READONLY).since("2.0.0").summary("Returns all fields and values in a hash.")
                .handler(HashCommands::hgetall).build());
        t.register(spec("hdel", -3, WRITE, FAST).since("2.0.0").summary("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
                .handler(HashCommands::hdel).build());
        t.register(spec("hincrby", 4, WRITE, DENYOOM, FAST).since("2.0.0").summary("Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.")
                .handler(HashCommands::hincrby).build());
        t.register(spec("hincrbyfloat", 4, WRITE, DENYOOM, FAST).since("2.6.0").summary("Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.")
                .handler(HashCommands::hincrbyfloat).build());
        t.register(spec("hlen", 2, READONLY, FAST).since("2.0.0").summary("Returns the number of fields in a hash.")
                .handler((c, a) -> {
                    RedisHash h = Lookup.read(c, a[1], RedisHash.class);
                    c.addInteger(h == null ? 0 : h.size());
                }).build());
        t.register(spec("hexists", 3, READONLY, FAST).since("2.0.0").summary("Determines whether a field exists in a hash.")
                .handler((c, a) -> {
                    RedisHash h = Lookup.read(c, a[1], RedisHash.class);
                    c.addInteger(h != null && h.contains(a[2]) ? 1 : 0);
                }).build());
        t.register(spec("hkeys", 2, READONLY).since("2.0.0").summary("Returns all fields in a hash.")
                .handler((c, a) -> listing(c, a, true, false)).build());
        t.register(spec("hvals", 2, READONLY).since("2.0.0").summary("Returns all values in a hash.")
                .handler((c, a) -> listing(c, a, false, true)).build());
        t.register(spec("hstrlen", 3, READONLY, FAST).since("3.2.0").summary("Returns the length of the value of a field.")
                .handler((c, a) -> {
                    RedisHash h = Lookup.read(c, a[1], RedisHash.class);
                    byte[] v = h == null ? null : h.get(a[2]);
                    c.addInteger(v == null ? 0 : v.length);
                }).build());
        t.register(spec("hrandfield", -2, READONLY).since("6.2.0").summary("Returns one or more random fields from a hash.")
                .handler(HashCommands::hrandfield).build());
        t.register(spec("hscan", -3, READONLY).since("2.8.0").summary("Iterates over fields and values of a hash.")
                .handler(HashCommands::hscan).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("hash");
    }

    static void hset(Client c, byte[][] a, boolean legacy) {
        if (a.length % 2 != 0) {
            c.addArityError();
            return;
        }
        RedisHash h = Lookup.write(c, a[1], RedisHash.class);
        if (h == null) {
            h = new RedisHash();
            c.db().add(a[1], h);
        }
        int created = 0;
        for (int i = 2; i < a.length; i += 2) {
            if (h.put(a[i], a[i + 1])) {
                created++;
            }
        }
        Writes.changed(c, a[1], HASH, "hset");
        if (legacy) {
            c.addOk();
        } else {
            c.addInteger(created);
        }
    }

    static void hsetnx(Client c, byte[][] a) {
        RedisHash h = Lookup.write(c, a[1], RedisHash.class);
        if (h != null && h.contains(a[2])) {
            c.addInteger(0);
            return;
        }
        if (h == null) {
            h = new RedisHash();
            c.db().add(a[1], h);
        }
        h.put(a[2], a[3]);
        Writes.changed(c, a[1], HASH, "hset");
        c.addInteger(1);
    }

    static void hmget(Client c, byte[][] a) {
        RedisHash h = Lookup.read(c, a[1], RedisHash.class);
        c.addArrayLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            c.addBulkOrNull(h == null ? null : h.get(a[i]));
        }
    }

    static void hgetall(Client c, byte[][] a) {
        RedisHash h = Lookup.read(c, a[1], RedisHash.class);
        if (h == null) {
            c.addMapLen(0);
            return;
        }
        c.addMapLen(h.size());
        h.forEach((f, v) -> {
            c.addBulk(f);
            c.addBulk(v);
        });
    }

    static void listing(Client c, byte[][] a, boolean fields, boolean values) {
        RedisHash h = Lookup.read(c, a[1], RedisHash.class);
        if (h == null) {
            c.addArrayLen(0);
            return;
        }
        c.addArrayLen(h.size());
        h.forEach((f, v) -> c.addBulk(fields ? f : v));
    }

    static void hdel(Client c, byte[][] a) {
        RedisHash h = Lookup.write(c, a[1], RedisHash.class);
        int n = 0;
        if (h != null) {
            for (int i = 2; i < a.length; i++) {
                if (h.remove(a[i])) {
                    n++;
                }
            }
            if (n > 0) {
                Writes.changed(c, a[1], HASH, "hdel");
                if (h.size() == 0) {
                    c.db().delete(a[1]);
                    Writes.event(c, a[1], GENERIC, "del");
                }
            }
        }
        c.addInteger(n);
    }

    static void hincrby(Client c, byte[][] a) {
        long by = Args.parseLong(a[3]);
        RedisHash h = Lookup.write(c, a[1], RedisHash.class);
        long v = 0;
        byte[] old = h == null ? null : h.get(a[2]);
        if (old != null) {
            v = Args.parseLongOrMin(old);
            if (v == Long.MIN_VALUE && !Args.str(old).equals("-9223372036854775808")) {
                throw new CommandException("ERR hash value is not an integer");
            }
        }
        if ((by < 0 && v < 0 && by < Long.MIN_VALUE - v) || (by > 0 && v > 0 && by > Long.MAX_VALUE - v)) {
            throw new CommandException(ErrorReplies.INCR_OVERFLOW);
        }
        v += by;
        if (h == null) {
            h = new RedisHash();
            c.db().add(a[1], h);
        }
        h.put(a[2], Args.decimal(v));
        Writes.changed(c, a[1], HASH, "hincrby");
        c.addInteger(v);
    }

    static void hincrbyfloat(Client c, byte[][] a) {
        double by = Args.parseDouble(a[3]);
        if (Double.isNaN(by) || Double.isInfinite(by)) {
            throw new CommandException("ERR value is NaN or Infinity");
        }
        RedisHash h = Lookup.write(c, a[1], RedisHash.class);
        byte[] old = h == null ? null : h.get(a[2]);
        double base = 0;
        BigDecimal exact = BigDecimal.ZERO;
        if (old != null) {
            base = Args.parseDouble(old, "ERR hash value is not a float");
            try {
                exact = new BigDecimal(Args.str(old));
            } catch (NumberFormatException e) {
                exact = new BigDecimal(base);
            }
        }
        double sum = base + by;
        if (Double.isNaN(sum) || Double.isInfinite(sum)) {
            throw new CommandException(ErrorReplies.INCR_NAN_OR_INF);
        }
        BigDecimal incr;
        try {
            incr = new BigDecimal(Args.str(a[3]));
        } catch (NumberFormatException e) {
            incr = new BigDecimal(by);
        }
        byte[] text = Args.bytes(StringCommands.formatDecimal(exact.add(incr)));
        if (h == null) {
            h = new RedisHash();
            c.db().add(a[1], h);
        }
        h.put(a[2], text);
        Writes.changed(c, a[1], HASH, "hincrbyfloat");
        c.propagateAs(HSET, a[1], a[2], text);
        c.addBulk(text);
    }

    static void hrandfield(Client c, byte[][] a) {
        RedisHash h = Lookup.read(c, a[1], RedisHash.class);
        if (a.length == 2) {
            if (h == null) {
                c.addNull();
                return;
            }
            List<byte[]> fields = h.fields();
            c.addBulk(fields.get(ThreadLocalRandom.current().nextInt(fields.size())));
            return;
        }
        long count = Args.parseLong(a[2]);
        boolean withValues = false;
        if (a.length == 4) {
            if (!Args.is(a[3], "withvalues")) {
                throw CommandException.syntax();
            }
            withValues = true;
        } else if (a.length > 4) {
            throw CommandException.syntax();
        }
        if (h == null) {
            c.addArrayLen(0);
            return;
        }
        List<byte[]> fields = h.fields();
        List<byte[]> picked = RandomPick.pick(fields, count);
        if (withValues && c.protocol() >= 3) {
            c.addArrayLen(picked.size());
            for (byte[] f : picked) {
                c.addArrayLen(2);
                c.addBulk(f);
                c.addBulk(h.get(f));
            }
            return;
        }
        c.addArrayLen(withValues ? picked.size() * 2L : picked.size());
        for (byte[] f : picked) {
            c.addBulk(f);
            if (withValues) {
                c.addBulk(h.get(f));
            }
        }
    }

    static void hscan(Client c, byte[][] a) {
        long cursor = KeyCommands.parseCursor(a[2]);
        ScanOptions o = ScanOptions.parse(a, 3, false);
        RedisHash h = Lookup.read(c, a[1], RedisHash.class);
        List<byte[]> out = new ArrayList<>();
        long next = 0;
        if (h != null) {
            Dict table = h.table();
            if (table == null) {
                h.forEach((f, v) -> {
                    if (o.pattern == null || io.rediha.node.store.Glob.matches(o.pattern, f, false)) {
                        out.add(f);
                        out.add(v);
                    }
                });
            } else {
                next = ScanSupport.scanDict(table, cursor, o, (n, list) -> {
                    list.add(n.key);
                    list.add((byte[]) n.value);
                }, out);
            }
        }
        c.addArrayLen(2);
        c.addBulk(Long.toUnsignedString(next));
        c.addBulkArray(out);
    }
}
