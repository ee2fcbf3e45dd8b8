package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.STRING;

import io.rediha.node.server.Client;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * String commands. Values are the client's {@code byte[]} as received (no copy on SET); counters are
 * stored as their decimal text, as Redis shows them.
 */
public final class StringCommands implements CommandGroup {
    private static final byte[] SET = Args.bytes("SET");
    private static final byte[] PXAT = Args.bytes("PXAT");
    private static final byte[] KEEPTTL = Args.bytes("KEEPTTL");
    private static final byte[] PEXPIREAT = Args.bytes("PEXPIREAT");
    private static final byte[] PERSIST = Args.bytes("PERSIST");
    private static final byte[] DEL = Args.bytes("DEL");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("get", 2, READONLY, FAST).keys(1, 1, 1).summary("Returns the string value of a key.")
                .handler(StringCommands::get).build());
        t.register(spec("set", -3, WRITE, DENYOOM).keys(1, 1, 1).summary("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
                .handler(StringCommands::set).build());
        t.register(spec("setnx", 3, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Set the string value of a key only when the key doesn't exist.")
                .handler(StringCommands::setnx).build());
        t.register(spec("setex", 4, WRITE, DENYOOM).keys(1, 1, 1).since("2.0.0").summary("Sets the string value and expiration time of a key. Creates the key if it doesn't exist.")
                .handler((c, a) -> setWithTtl(c, a, 1000)).build());
        t.register(spec("psetex", 4, WRITE, DENYOOM).keys(1, 1, 1).since("2.6.0").summary("Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.")
                .handler((c, a) -> setWithTtl(c, a, 1)).build());
        t.register(spec("getset", 3, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Returns the previous string value of a key after setting it to a new value.")
                .handler(StringCommands::getset).build());
        t.register(spec("getdel", 2, WRITE, FAST).keys(1, 1, 1).since("6.2.0").summary("Returns the string value of a key after deleting the key.")
                .handler(StringCommands::getdel).build());
        t.register(spec("getex", -2, WRITE, FAST).keys(1, 1, 1).since("6.2.0").summary("Returns the string value of a key after setting its expiration time.")
                .handler(StringCommands::getex).build());
        t.register(spec("mget", -2, READONLY, FAST).keys(1, -1, 1).summary("Atomically returns the string values of one or more keys.")
                .handler(StringCommands::mget).build());
        t.register(spec("mset", -3, WRITE, DENYOOM).keys(1, -1, 2).since("1.0.1").summary("Atomically creates or modifies the string values of one or more keys.")
                .handler(StringCommands::mset).build());
        t.register(spec("msetnx", -3, WRITE, DENYOOM).keys(1, -1, 2).since("1.0.1").summary("Atomically modifies the string values of one or more keys only when all keys don't exist.")
                .handler(StringCommands::msetnx).build());
        t.register(spec("append", 3, WRITE, DENYOOM).keys(1, 1, 1).since("2.0.0").summary("Appends a string to the value of a key. Creates the key if it doesn't exist.")
                .handler(StringCommands::append).build());
        t.register(spec("strlen", 2, READONLY, FAST).keys(1, 1, 1).since("2.2.0").summary("Returns the length of a string value.")
                .handler(StringCommands::strlen).build());
        t.register(spec("incr", 2, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .handler((c, a) -> incrBy(c, a[1], 1)).build());
        t.register(spec("decr", 2, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .handler((c, a) -> incrBy(c, a[1], -1)).build());
        t.register(spec("incrby", 3, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .handler((c, a) -> incrBy(c, a[1], Args.parseLong(a[2]))).build());
        t.register(spec("decrby", 3, WRITE, DENYOOM, FAST).keys(1, 1, 1).summary("Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.")
                .handler(StringCommands::decrby).build());
        t.register(spec("incrbyfloat", 3, WRITE, DENYOOM, FAST).keys(1, 1, 1).since("2.6.0").summary("Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .handler(StringCommands::incrbyfloat).build());
        t.register(spec("getrange", 4, READONLY).keys(1, 1, 1).since("2.4.0").summary("Returns a substring of the string stored at a key.")
                .handler(StringCommands::getrange).build());
        t.register(spec("substr", 4, READONLY).keys(1, 1, 1).summary("Returns a substring from a string value.")
                .handler(StringCommands::getrange).build());
        t.register(spec("setrange", 4, WRITE, DENYOOM).keys(1, 1, 1).since("2.2.0").summary("Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.")
                .handler(StringCommands::setrange).build());
        t.register(spec("lcs", -3, READONLY).keys(1, 2, 1).since("7.0.0").summary("Finds the longest common substring.")
                .handler(Lcs::lcs).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("string");
    }

    static void get(Client c, byte[][] a) {
        c.addBulkOrNull(Lookup.readString(c, a[1]));
    }

    /** Limit on values built by commands (APPEND, SETRANGE, SETBIT): proto-max-bulk-len. */
    static void checkStringLength(Client c, long len) {
        // Negative means the caller's offset + length overflowed: far too long as well.
        if (len < 0 || len > c.server().config().getLong("proto-max-bulk-len")) {
            throw new CommandException(ErrorReplies.STRING_TOO_LONG);
        }
    }

    static void set(Client c, byte[][] a) {
        byte[] key = a[1];
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        int expireKind = 0; // 1 EX, 2 PX, 3 EXAT, 4 PXAT
        byte[] expireArg = null;
        for (int i = 3; i < a.length; i++) {
            byte[] o = a[i];
            boolean hasNext = i + 1 < a.length;
            if (Args.is(o, "nx") && !xx) {
                nx = true;
            } else if (Args.is(o, "xx") && !nx) {
                xx = true;
            } else if (Args.is(o, "get")) {
                get = true;
            } else if (Args.is(o, "keepttl") && expireKind == 0) {
                keepTtl = true;
            } else if (Args.is(o, "ex") && expireKind == 0 && !keepTtl && hasNext) {
                expireKind = 1;
                expireArg = a[++i];
            } else if (Args.is(o, "px") && expireKind == 0 && !keepTtl && hasNext) {
                expireKind = 2;
                expireArg = a[++i];
            } else if (Args.is(o, "exat") && expireKind == 0 && !keepTtl && hasNext) {
                expireKind = 3;
                expireArg = a[++i];
            } else if (Args.is(o, "pxat") && expireKind == 0 && !keepTtl && hasNext) {
                expireKind = 4;
                expireArg = a[++i];
            } else {
                throw CommandException.syntax();
            }
        }
        long expireAt = expireKind == 0 ? -1 : absoluteExpire(c, expireArg, expireKind, "set");
        Database db = c.db();
        byte[] old = null;
        boolean exists;
        if (get) {
            old = Lookup.writeString(c, key);
            exists = old != null;
        } else if (nx || xx) {
            exists = db.exists(key);
        } else {
            exists = false;
        }
        if ((nx && exists) || (xx && !exists)) {
            if (get) {
                c.addBulkOrNull(old);
            } else {
                c.addNull();
            }
            return;
        }
        if (keepTtl) {
            db.setKeepTtl(key, a[2]);
        } else {
            db.set(key, a[2]);
        }
        Writes.changed(c, key, STRING, "set");
        if (expireAt >= 0) {
            db.setExpire(key, expireAt);
            Writes.event(c, key, GENERIC, "expire");
            if (c.server().propagation().active()) { // always as PXAT, as Redis 7.0 rewrites it
                c.propagateAs(SET, key, a[2], PXAT, Args.decimal(expireAt));
            }
        }
        if (get) {
            c.addBulkOrNull(old);
        } else {
            c.addOk();
        }
    }

    /**
     * The absolute unix-ms expiry for an EX/PX/EXAT/PXAT argument, with Redis's errors: not an
     * integer, or not positive / overflowing ("invalid expire time in 'set' command").
     */
    static long absoluteExpire(Client c, byte[] arg, int kind, String command) {
        long v = Args.parseLong(arg);
        String invalid = ErrorReplies.format(ErrorReplies.INVALID_EXPIRE, command);
        if (v <= 0) {
            throw new CommandException(invalid);
        }
        boolean seconds = kind == 1 || kind == 3;
        if (seconds) {
            if (v > Long.MAX_VALUE / 1000) {
                throw new CommandException(invalid);
            }
            v *= 1000;
        }
        if (kind == 1 || kind == 2) {
            long now = c.server().keyspace().now();
            if (v > Long.MAX_VALUE - now) {
                throw new CommandException(invalid);
            }
            v += now;
        }
        return v;
    }

    static void setnx(Client c, byte[][] a) {
        Database db = c.db();
        if (db.exists(a[1])) {
            c.addInteger(0);
            return;
        }
        db.set(a[1], a[2]);
        Writes.changed(c, a[1], STRING, "set");
        c.addInteger(1);
    }

    static void setWithTtl(Client c, byte[][] a, long unitMillis) {
        String name = unitMillis == 1000 ? "setex" : "psetex";
        long at = absoluteExpire(c, a[2], unitMillis == 1000 ? 1 : 2, name);
        Database db = c.db();
        db.set(a[1], a[3]);
        db.setExpire(a[1], at);
        Writes.changed(c, a[1], STRING, "set");
        Writes.event(c, a[1], GENERIC, "expire");
        if (c.server().propagation().active()) {
            c.propagateAs(SET, a[1], a[3], PXAT, Args.decimal(at));
        }
        c.addOk();
    }

    static void getset(Client c, byte[][] a) {
        byte[] old = Lookup.writeString(c, a[1]);
        c.db().set(a[1], a[2]);
        Writes.changed(c, a[1], STRING, "set");
        c.addBulkOrNull(old);
    }

    static void getdel(Client c, byte[][] a) {
        byte[] old = Lookup.readString(c, a[1]);
        if (old != null) {
            c.db().delete(a[1]);
            Writes.changed(c, a[1], GENERIC, "del");
            c.propagateAs(DEL, a[1]); // replicas and the AOF see the deletion, as Redis sends it
        }
        c.addBulkOrNull(old);
    }

    static void getex(Client c, byte[][] a) {
        int kind = 0;
        boolean persist = false;
        byte[] arg = null;
        for (int i = 2; i < a.length; i++) {
            boolean hasNext = i + 1 < a.length;
            if (Args.is(a[i], "persist") && kind == 0 && !persist) {
                persist = true;
            } else if (Args.is(a[i], "ex") && kind == 0 && !persist && hasNext) {
                kind = 1;
                arg = a[++i];
            } else if (Args.is(a[i], "px") && kind == 0 && !persist && hasNext) {
                kind = 2;
                arg = a[++i];
            } else if (Args.is(a[i], "exat") && kind == 0 && !persist && hasNext) {
                kind = 3;
                arg = a[++i];
            } else if (Args.is(a[i], "pxat") && kind == 0 && !persist && hasNext) {
                kind = 4;
                arg = a[++i];
            } else {
                throw CommandException.syntax();
            }
        }
        long at = kind == 0 ? -1 : absoluteExpire(c, arg, kind, "getex");
        byte[] v = Lookup.readString(c, a[1]);
        if (v == null) {
            c.addNull();
            return;
        }
        Database db = c.db();
        if (at >= 0 && at <= c.server().keyspace().now()) {
            db.delete(a[1]);
            Writes.changed(c, a[1], GENERIC, "del");
            c.propagateAs(DEL, a[1]);
        } else if (at >= 0) {
            db.setExpire(a[1], at);
            Writes.changed(c, a[1], GENERIC, "expire");
            c.propagateAs(PEXPIREAT, a[1], Args.decimal(at));
        } else if (persist && db.persist(a[1])) {
            Writes.changed(c, a[1], GENERIC, "persist");
            c.propagateAs(PERSIST, a[1]);
        }
        c.addBulk(v);
    }

    static void mget(Client c, byte[][] a) {
        c.addArrayLen(a.length - 1);
        for (int i = 1; i < a.length; i++) {
            Object v = Lookup.read(c, a[i]);
            c.addBulkOrNull(v instanceof byte[] b ? b : null);
        }
    }

    static void mset(Client c, byte[][] a) {
        if (a.length % 2 == 0) {
            c.addArityError();
            return;
        }
        Database db = c.db();
        for (int i = 1; i < a.length; i += 2) {
            db.set(a[i], a[i + 1]);
            Writes.changed(c, a[i], STRING, "set");
        }
        c.addOk();
    }

    static void msetnx(Client c, byte[][] a) {
        if (a.length % 2 == 0) {
            c.addArityError();
            return;
        }
        Database db = c.db();
        for (int i = 1; i < a.length; i += 2) {
            if (db.exists(a[i])) {
                c.addInteger(0);
                return;
            }
        }
        for (int i = 1; i < a.length; i += 2) {
            db.set(a[i], a[i + 1]);
            Writes.changed(c, a[i], STRING, "set");
        }
        c.addInteger(1);
    }

    static void append(Client c, byte[][] a) {
        byte[] old = Lookup.writeString(c, a[1]);
        byte[] v;
        if (old == null) {
            v = a[2];
            c.db().add(a[1], v);
        } else {
            checkStringLength(c, (long) old.length + a[2].length);
            v = Arrays.copyOf(old, old.length + a[2].length);
            System.arraycopy(a[2], 0, v, old.length, a[2].length);
            c.db().setKeepTtl(a[1], v);
        }
        Writes.changed(c, a[1], STRING, "append");
        c.addInteger(v.length);
    }

    static void strlen(Client c, byte[][] a) {
        byte[] v = Lookup.readString(c, a[1]);
        c.addInteger(v == null ? 0 : v.length);
    }

    static void decrby(Client c, byte[][] a) {
        long by = Args.parseLong(a[2]);
        if (by == Long.MIN_VALUE) {
            throw new CommandException("ERR decrement would overflow");
        }
        incrBy(c, a[1], -by);
    }

    static void incrBy(Client c, byte[] key, long by) {
        Dict.Node node = c.db().lookupNode(key);
        if (node != null && !(node.value instanceof byte[])) {
            throw CommandException.wrongType();
        }
        byte[] old = node == null ? null : (byte[]) node.value;
        long v = 0;
        if (old != null) {
            v = Args.parseLongOrMin(old);
            if (v == Long.MIN_VALUE && !Arrays.equals(old, Args.bytes("-9223372036854775808"))) {
                throw new CommandException(ErrorReplies.NOT_INTEGER);
            }
        }
        if ((by < 0 && v < 0 && by < Long.MIN_VALUE - v) || (by > 0 && v > 0 && by > Long.MAX_VALUE - v)) {
            throw new CommandException(ErrorReplies.INCR_OVERFLOW);
        }
        v += by;
        if (node == null) {
            c.db().setKeepTtl(key, Args.decimal(v)); // a physical find: a replica keeps logically expired keys
        } else {
            c.db().updateValue(node, Args.decimal(v));
        }
        Writes.changed(c, key, STRING, "incrby");
        c.addInteger(v);
    }

    static void incrbyfloat(Client c, byte[][] a) {
        byte[] old = Lookup.writeString(c, a[1]);
        BigDecimal base = BigDecimal.ZERO;
        if (old != null) {
            base = toDecimal(Args.parseDouble(old), old);
        }
        double incrD = Args.parseDouble(a[2]);
        double sum = (old == null ? 0 : Args.parseDouble(old)) + incrD;
        if (Double.isNaN(sum) || Double.isInfinite(sum)) {
            throw new CommandException(ErrorReplies.INCR_NAN_OR_INF);
        }
        BigDecimal result = base.add(toDecimal(incrD, a[2]));
        byte[] text = Args.bytes(formatDecimal(result));
        c.db().setKeepTtl(a[1], text);
        Writes.changed(c, a[1], STRING, "incrbyfloat");
        c.propagateAs(SET, a[1], text, KEEPTTL);
        c.addBulk(text);
    }

    /** The exact decimal of a number's text when it has one, so 0.1 + 0.2 gives 0.3 as in Redis. */
    private static BigDecimal toDecimal(double d, byte[] text) {
        try {
            return new BigDecimal(Args.str(text).trim());
        } catch (NumberFormatException e) {
            return new BigDecimal(d);
        }
    }

    /** Redis prints INCRBYFLOAT results with 17 decimals and strips trailing zeros. */
    static String formatDecimal(BigDecimal v) {
        BigDecimal r = v.setScale(17, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = r.toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static void getrange(Client c, byte[][] a) {
        long start = Args.parseLong(a[2]);
        long end = Args.parseLong(a[3]);
        byte[] v = Lookup.readString(c, a[1]);
        if (v == null) {
            c.addBulk(new byte[0]);
            return;
        }
        int len = v.length;
        if (start < 0 && end < 0 && start > end) {
            c.addBulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            c.addBulk(new byte[0]);
            return;
        }
        c.addBulk(v, (int) start, (int) (end - start + 1));
    }

    static void setrange(Client c, byte[][] a) {
        long offset = Args.parseLong(a[2]);
        if (offset < 0) {
            throw new CommandException(ErrorReplies.OFFSET_OUT_OF_RANGE);
        }
        byte[] value = a[3];
        byte[] old = Lookup.writeString(c, a[1]);
        if (old == null) {
            if (value.length == 0) {
                c.addInteger(0);
                return;
            }
            checkStringLength(c, offset + value.length);
            byte[] v = new byte[(int) (offset + value.length)];
            System.arraycopy(value, 0, v, (int) offset, value.length);
            c.db().add(a[1], v);
            Writes.changed(c, a[1], STRING, "setrange");
            c.addInteger(v.length);
            return;
        }
        if (value.length == 0) {
            c.addInteger(old.length);
            return;
        }
        checkStringLength(c, offset + value.length);
        byte[] v = old;
        if (offset + value.length > old.length) {
            v = Arrays.copyOf(old, (int) (offset + value.length));
        } else {
            v = old.clone();
        }
        System.arraycopy(value, 0, v, (int) offset, value.length);
        c.db().setKeepTtl(a[1], v);
        Writes.changed(c, a[1], STRING, "setrange");
        c.addInteger(v.length);
    }
}
