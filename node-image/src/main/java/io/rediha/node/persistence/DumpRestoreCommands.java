package io.rediha.node.persistence;

import io.rediha.node.command.Args;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.command.Lookup;
import io.rediha.node.command.Writes;
import io.rediha.node.persistence.rdb.DumpPayload;
import io.rediha.node.persistence.rdb.RdbFormatException;
import io.rediha.node.persistence.rdb.RdbValue;
import io.rediha.node.server.Client;
import io.rediha.node.server.PubSub;
import io.rediha.node.store.AccessTracking;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;

/**
 * DUMP and RESTORE, on the RDB serializer, so payloads move between rediha and Redis 7.0 both
 * ways (a payload from a newer Redis with a higher RDB version is refused, as Redis does).
 */
final class DumpRestoreCommands {
    private DumpRestoreCommands() {
    }

    static void registerInto(CommandTable t) {
        t.register(CommandSpec.builder("dump", 2).flags(CommandFlag.READONLY).keys(1, 1, 1).group("keyspace")
                .summary("Returns a serialized representation of the value stored at a key.")
                .handler(DumpRestoreCommands::dump).build());
        t.register(CommandSpec.builder("restore", -4).flags(CommandFlag.WRITE, CommandFlag.DENYOOM).keys(1, 1, 1)
                .group("keyspace").summary("Creates a key from the serialized representation of a value.")
                .handler(DumpRestoreCommands::restore).build());
    }

    static void dump(Client c, byte[][] a) {
        Object v = Lookup.read(c, a[1]);
        if (v == null) {
            c.addNull();
            return;
        }
        c.addBulk(DumpPayload.serialize(StoreValues.toRdb(v)));
    }

    static void restore(Client c, byte[][] a) {
        byte[] key = a[1];
        boolean replace = false;
        boolean absTtl = false;
        long idleSeconds = -1;
        long frequency = -1;
        for (int i = 4; i < a.length; i++) {
            if (Args.is(a[i], "replace")) {
                replace = true;
            } else if (Args.is(a[i], "absttl")) {
                absTtl = true;
            } else if ((Args.is(a[i], "idletime") || Args.is(a[i], "freq")) && i + 1 < a.length) {
                long n;
                try {
                    n = Long.parseLong(Args.str(a[++i]));
                } catch (NumberFormatException e) {
                    c.addError(ErrorReplies.NOT_INTEGER);
                    return;
                }
                if (n < 0 || (Args.is(a[i - 1], "freq") && n > 255)) {
                    c.addError(Args.is(a[i - 1], "freq") ? "ERR Invalid FREQ value, must be >= 0 and <= 255"
                            : "ERR Invalid IDLETIME value, must be >= 0");
                    return;
                }
                if (Args.is(a[i - 1], "freq")) {
                    frequency = n;
                } else {
                    idleSeconds = n;
                }
            } else {
                c.addError(ErrorReplies.SYNTAX);
                return;
            }
        }
        long ttl;
        try {
            ttl = Long.parseLong(Args.str(a[2]));
        } catch (NumberFormatException e) {
            c.addError(ErrorReplies.NOT_INTEGER);
            return;
        }
        if (ttl < 0) {
            c.addError("ERR Invalid TTL value, must be >= 0");
            return;
        }
        Database db = c.db();
        if (!replace && db.exists(key)) {
            c.addError("BUSYKEY Target key name already exists.");
            return;
        }
        RdbValue value;
        Object stored;
        try {
            value = DumpPayload.deserialize(a[3]);
            stored = StoreValues.fromRdb(value);
        } catch (RdbFormatException e) {
            c.addError(DumpPayload.BAD_PAYLOAD);
            return;
        } catch (java.io.IOException e) {
            c.addError("ERR Bad data format");
            return;
        }
        long now = db.keyspace().now();
        long expireAt = ttl == 0 ? -1 : absTtl ? ttl : now + ttl;
        boolean existed = db.peekNode(key) != null;
        if (existed) {
            db.delete(key);
        }
        if (expireAt >= 0 && expireAt <= now) {
            // already expired: Redis deletes instead of restoring
            if (existed) {
                Writes.changed(c, key, PubSub.GENERIC, "del");
            }
            c.addOk();
            return;
        }
        db.addWithExpire(key, stored, expireAt);
        Dict.Node node = db.peekNode(key);
        if (AccessTracking.lfu && frequency >= 0) {
            node.lru = AccessTracking.withFrequency((int) frequency);
        } else if (!AccessTracking.lfu && idleSeconds >= 0) {
            node.lru = AccessTracking.withIdleSeconds(idleSeconds);
        }
        Writes.changed(c, key, PubSub.GENERIC, "restore");
        c.addOk();
    }
}
