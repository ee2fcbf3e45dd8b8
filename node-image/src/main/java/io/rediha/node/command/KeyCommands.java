package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;

import io.rediha.node.server.Client;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;
import io.rediha.node.store.Glob;
import io.rediha.node.store.RedisValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic key commands: DEL UNLINK EXISTS TYPE RENAME RENAMENX MOVE COPY KEYS SCAN RANDOMKEY TOUCH,
 * and expiry: EXPIRE PEXPIRE EXPIREAT PEXPIREAT (NX XX GT LT) TTL PTTL EXPIRETIME PEXPIRETIME
 * PERSIST. Relative expiries are propagated as PEXPIREAT, so a replica or an AOF replayed later
 * expires the key at the same instant; an expiry already in the past deletes the key and
 * propagates DEL.
 */
public final class KeyCommands implements CommandGroup {
    private static final byte[] DEL = Args.bytes("DEL");
    private static final byte[] PEXPIREAT = Args.bytes("PEXPIREAT");

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("del", -2, WRITE).keys(1, -1, 1).summary("Deletes one or more keys.")
                .handler(KeyCommands::del).build());
        t.register(spec("unlink", -2, WRITE, FAST).keys(1, -1, 1).since("4.0.0").summary("Asynchronously deletes one or more keys.")
                .handler(KeyCommands::del).build());
        t.register(spec("exists", -2, READONLY, FAST).keys(1, -1, 1).summary("Determines whether one or more keys exist.")
                .handler(KeyCommands::exists).build());
        t.register(spec("type", 2, READONLY, FAST).keys(1, 1, 1).summary("Determines the type of value stored at a key.")
                .handler((c, a) -> c.addSimple(Lookup.typeName(Lookup.readNoTouch(c, a[1])))).build());
        t.register(spec("rename", 3, WRITE).keys(1, 2, 1).summary("Renames a key and overwrites the destination.")
                .handler((c, a) -> rename(c, a, false)).build());
        t.register(spec("renamenx", 3, WRITE, FAST).keys(1, 2, 1).summary("Renames a key only when the target key name doesn't exist.")
                .handler((c, a) -> rename(c, a, true)).build());
        t.register(spec("move", 3, WRITE, FAST).keys(1, 1, 1).summary("Moves a key to another database.")
                .handler(KeyCommands::move).build());
        t.register(spec("copy", -3, WRITE, CommandFlag.DENYOOM).keys(1, 2, 1).since("6.2.0").summary("Copies the value of a key to a new key.")
                .handler(KeyCommands::copy).build());
        t.register(spec("keys", 2, READONLY).summary("Returns all key names that match a pattern.")
                .handler(KeyCommands::keys).build());
        t.register(spec("scan", -2, READONLY).since("2.8.0").summary("Iterates over the key names in the database.")
                .handler(KeyCommands::scan).build());
        t.register(spec("randomkey", 1, READONLY).summary("Returns a random key name from the database.")
                .handler((c, a) -> c.addBulkOrNull(c.db().randomKey())).build());
        t.register(spec("touch", -2, READONLY, FAST).keys(1, -1, 1).since("3.2.1").summary("Returns the number of existing keys out of those specified after updating the time they were last accessed.")
                .handler(KeyCommands::touch).build());
        t.register(spec("expire", -3, WRITE, FAST).keys(1, 1, 1).summary("Sets the expiration time of a key in seconds.")
                .handler((c, a) -> expire(c, a, 1000, false, "expire")).build());
        t.register(spec("pexpire", -3, WRITE, FAST).keys(1, 1, 1).since("2.6.0").summary("Sets the expiration time of a key in milliseconds.")
                .handler((c, a) -> expire(c, a, 1, false, "pexpire")).build());
        t.register(spec("expireat", -3, WRITE, FAST).keys(1, 1, 1).since("1.2.0").summary("Sets the expiration time of a key to a Unix timestamp.")
                .handler((c, a) -> expire(c, a, 1000, true, "expireat")).build());
        t.register(spec("pexpireat", -3, WRITE, FAST).keys(1, 1, 1).since("2.6.0").summary("Sets the expiration time of a key to a Unix milliseconds timestamp.")
                .handler((c, a) -> expire(c, a, 1, true, "pexpireat")).build());
        t.register(spec("ttl", 2, READONLY, FAST).keys(1, 1, 1).summary("Returns the expiration time in seconds of a key.")
                .handler((c, a) -> ttl(c, a, false, false)).build());
        t.register(spec("pttl", 2, READONLY, FAST).keys(1, 1, 1).since("2.6.0").summary("Returns the expiration time in milliseconds of a key.")
                .handler((c, a) -> ttl(c, a, true, false)).build());
        t.register(spec("expiretime", 2, READONLY, FAST).keys(1, 1, 1).since("7.0.0").summary("Returns the expiration time of a key as a Unix timestamp.")
                .handler((c, a) -> ttl(c, a, false, true)).build());
        t.register(spec("pexpiretime", 2, READONLY, FAST).keys(1, 1, 1).since("7.0.0").summary("Returns the expiration time of a key as a Unix milliseconds timestamp.")
                .handler((c, a) -> ttl(c, a, true, true)).build());
        t.register(spec("persist", 2, WRITE, FAST).keys(1, 1, 1).since("2.2.0").summary("Removes the expiration time of a key.")
                .handler(KeyCommands::persist).build());
        t.register(spec("sort", -2, WRITE, CommandFlag.DENYOOM, CommandFlag.MOVABLEKEYS).keys(1, 1, 1)
                .summary("Sorts the elements in a list, a set, or a sorted set, optionally storing the result.")
                .handler((c, a) -> Sort.sort(c, a, false)).build());
        t.register(spec("sort_ro", -2, READONLY).keys(1, 1, 1).since("7.0.0")
                .summary("Returns the sorted elements of a list, a set, or a sorted set.")
                .handler((c, a) -> Sort.sort(c, a, true)).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("generic");
    }

    static void del(Client c, byte[][] a) {
        Database db = c.db();
        int n = 0;
        for (int i = 1; i < a.length; i++) {
            if (db.peekNode(a[i]) != null && db.delete(a[i])) {
                Writes.changed(c, a[i], GENERIC, "del");
                n++;
            }
        }
        c.addInteger(n);
    }

    static void exists(Client c, byte[][] a) {
        int n = 0;
        for (int i = 1; i < a.length; i++) {
            if (Lookup.readNoTouch(c, a[i]) != null) {
                n++;
            }
        }
        c.addInteger(n);
    }

    static void touch(Client c, byte[][] a) {
        int n = 0;
        for (int i = 1; i < a.length; i++) {
            if (c.db().get(a[i]) != null) {
                n++;
            }
        }
        c.addInteger(n);
    }

    static void rename(Client c, byte[][] a, boolean nx) {
        Database db = c.db();
        Dict.Node src = db.lookupNode(a[1]);
        if (src == null) {
            throw new CommandException(ErrorReplies.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(a[1], a[2])) {
            if (nx) {
                c.addInteger(0);
            } else {
                c.addOk();
            }
            return;
        }
        if (nx && db.exists(a[2])) {
            c.addInteger(0);
            return;
        }
        Object value = src.value;
        long expireAt = src.expireAt();
        db.delete(a[1]);
        db.delete(a[2]);
        db.add(a[2], value);
        if (expireAt != 0) {
            db.setExpire(a[2], expireAt);
        }
        c.db().signalModified(a[1]);
        c.db().signalModified(a[2]);
        c.server().pubsub().notifyKeyspaceEvent(GENERIC, "rename_from", a[1], c.dbIndex());
        c.server().pubsub().notifyKeyspaceEvent(GENERIC, "rename_to", a[2], c.dbIndex());
        c.server().dirty++;
        if (nx) {
            c.addInteger(1);
        } else {
            c.addOk();
        }
    }

    static int dbIndexOrReply(Client c, byte[] arg) {
        long idx = Args.parseLongOrMin(arg);
        if (idx == Long.MIN_VALUE) {
            throw new CommandException(ErrorReplies.NOT_INTEGER);
        }
        if (idx < 0 || idx >= c.server().keyspace().databases()) {
            throw new CommandException(ErrorReplies.DB_INDEX_OUT_OF_RANGE);
        }
        return (int) idx;
    }

    static void move(Client c, byte[][] a) {
        int target = dbIndexOrReply(c, a[2]);
        if (target == c.dbIndex()) {
            throw new CommandException(ErrorReplies.SAME_OBJECT);
        }
        Database src = c.db();
        Database dst = c.server().keyspace().db(target);
        Dict.Node n = src.lookupNode(a[1]);
        if (n == null || dst.exists(a[1])) {
            c.addInteger(0);
            return;
        }
        Object v = n.value;
        long at = n.expireAt();
        src.delete(a[1]);
        dst.add(a[1], v);
        if (at != 0) {
            dst.setExpire(a[1], at);
        }
        src.signalModified(a[1]);
        dst.signalModified(a[1]);
        c.server().pubsub().notifyKeyspaceEvent(GENERIC, "move_from", a[1], src.id());
        c.server().pubsub().notifyKeyspaceEvent(GENERIC, "move_to", a[1], dst.id());
        c.server().dirty++;
        c.addInteger(1);
    }

    static void copy(Client c, byte[][] a) {
        Database dst = c.db();
        boolean replace = false;
        for (int i = 3; i < a.length; i++) {
            if (Args.is(a[i], "replace")) {
                replace = true;
            } else if (Args.is(a[i], "db") && i + 1 < a.length) {
                dst = c.server().keyspace().db(dbIndexOrReply(c, a[++i]));
            } else {
                throw CommandException.syntax();
            }
        }
        Database src = c.db();
        if (src == dst && java.util.Arrays.equals(a[1], a[2])) {
            throw new CommandException(ErrorReplies.SAME_OBJECT);
        }
        Dict.Node n = src.lookupNode(a[1]);
        if (n == null) {
            c.addInteger(0);
            return;
        }
        if (dst.exists(a[2])) {
            if (!replace) {
                c.addInteger(0);
                return;
            }
            dst.delete(a[2]);
        }
        Object copy = n.value instanceof byte[] b ? b.clone() : ((RedisValue) n.value).copy();
        dst.add(a[2], copy);
        if (n.expireAt() != 0) {
            dst.setExpire(a[2], n.expireAt());
        }
        dst.signalModified(a[2]);
        c.server().pubsub().notifyKeyspaceEvent(GENERIC, "copy_to", a[2], dst.id());
        c.server().dirty++;
        c.addInteger(1);
    }

    static void keys(Client c, byte[][] a) {
        boolean all = Glob.isMatchAll(a[1]);
        List<byte[]> out = new ArrayList<>();
        for (byte[] k : c.db().keys()) {
            if (all || Glob.matches(a[1], k, false)) {
                out.add(k);
            }
        }
        c.addBulkArray(out);
    }

    /** Parses a SCAN cursor: an unsigned decimal, else {@code ERR invalid cursor}. */
    static long parseCursor(byte[] arg) {
        try {
            String s = Args.str(arg);
            if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '+') {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new CommandException("ERR invalid cursor");
        }
    }

    static void scan(Client c, byte[][] a) {
        long cursor = parseCursor(a[1]);
        ScanOptions o = ScanOptions.parse(a, 2, true);
        Database db = c.db();
        List<byte[]> found = new ArrayList<>();
        long now = c.server().keyspace().now();
        int maxBuckets = (int) Math.min(Integer.MAX_VALUE, o.count * 10L);
        int buckets = 0;
        do {
            cursor = db.scan(cursor, n -> {
                if (n.expireAt() != 0 && n.expireAt() <= now) {
                    return;
                }
                found.add(n.key);
            });
            buckets++;
        } while (cursor != 0 && found.size() < o.count && buckets < maxBuckets);
        List<byte[]> out = new ArrayList<>(found.size());
        for (byte[] k : found) {
            if (o.pattern != null && !Glob.matches(o.pattern, k, false)) {
                continue;
            }
            if (o.type != null) {
                Object v = db.peek(k);
                if (v == null || !Lookup.typeName(v).equals(o.type)) {
                    continue;
                }
            }
            out.add(k);
        }
        c.addArrayLen(2);
        c.addBulk(Long.toUnsignedString(cursor));
        c.addBulkArray(out);
    }

    // ------------------------------------------------------------------ expiry

    static void expire(Client c, byte[][] a, long unitMillis, boolean absolute, String name) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < a.length; i++) {
            if (Args.is(a[i], "nx")) {
                nx = true;
            } else if (Args.is(a[i], "xx")) {
                xx = true;
            } else if (Args.is(a[i], "gt")) {
                gt = true;
            } else if (Args.is(a[i], "lt")) {
                lt = true;
            } else {
                throw new CommandException("ERR Unsupported option " + Args.str(a[i]));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandException(ErrorReplies.NX_XX_GT_LT);
        }
        if (gt && lt) {
            throw new CommandException("ERR GT and LT options at the same time are not compatible");
        }
        long v = Args.parseLong(a[2]);
        String invalid = ErrorReplies.format(ErrorReplies.INVALID_EXPIRE, name);
        if (unitMillis == 1000) {
            if (v > Long.MAX_VALUE / 1000 || v < Long.MIN_VALUE / 1000) {
                throw new CommandException(invalid);
            }
            v *= 1000;
        }
        long now = c.server().keyspace().now();
        if (!absolute) {
            if ((v > 0 && v > Long.MAX_VALUE - now) || (v < 0 && v < Long.MIN_VALUE + now)) {
                throw new CommandException(invalid);
            }
            v += now;
        }
        Database db = c.db();
        Dict.Node n = db.lookupNode(a[1]);
        if (n == null) {
            c.addInteger(0);
            return;
        }
        long current = n.expireAt() == 0 ? -1 : n.expireAt();
        if (nx && current != -1 || xx && current == -1) {
            c.addInteger(0);
            return;
        }
        if (gt && (current == -1 || v <= current)) {
            c.addInteger(0);
            return;
        }
        if (lt && current != -1 && v >= current) {
            c.addInteger(0);
            return;
        }
        if (v <= now && !c.server().keyspace().replicaMode() && !c.isMaster()) {
            db.delete(a[1]);
            Writes.changed(c, a[1], GENERIC, "del");
            c.propagateAs(DEL, a[1]);
            c.addInteger(1);
            return;
        }
        db.setExpire(a[1], v);
        Writes.changed(c, a[1], GENERIC, "expire");
        if (c.server().propagation().active()) {
            c.propagateAs(PEXPIREAT, a[1], Args.decimal(v));
        }
        c.addInteger(1);
    }

    static void ttl(Client c, byte[][] a, boolean millis, boolean absolute) {
        Dict.Node n = c.db().peekNode(a[1]);
        if (n == null) {
            c.server().stats().keyspaceMisses++;
            c.addInteger(-2);
            return;
        }
        c.server().stats().keyspaceHits++;
        if (n.expireAt() == 0) {
            c.addInteger(-1);
            return;
        }
        long at = n.expireAt();
        if (absolute) {
            c.addInteger(millis ? at : at / 1000);
            return;
        }
        long left = Math.max(0, at - c.server().keyspace().now());
        c.addInteger(millis ? left : (left + 500) / 1000);
    }

    static void persist(Client c, byte[][] a) {
        Database db = c.db();
        if (db.lookupNode(a[1]) == null || !db.persist(a[1])) {
            c.addInteger(0);
            return;
        }
        Writes.changed(c, a[1], GENERIC, "persist");
        c.addInteger(1);
    }
}
