package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.STREAM;

import io.rediha.node.server.Client;
import io.rediha.node.store.EncodingLimits;
import io.rediha.node.store.RedisStream;
import io.rediha.node.store.RedisStream.Id;

/**
 * Stream commands that work on entries: XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID. It
 * also registers the rest of the stream family ({@link StreamReadCommands} for XREAD and
 * XREADGROUP, {@link StreamGroupCommands}, {@link StreamInfoCommand}), so the table needs one line.
 *
 * <p>Replication: XADD propagates the ID it generated, and an approximate trim ({@code ~})
 * propagates as an exact one to the length (or first ID) it produced, so replicas and the AOF
 * end up with the same entries whatever their node layout.
 */
public final class StreamCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("xadd", -5, WRITE, DENYOOM, FAST).since("5.0.0")
                .summary("Appends a new message to a stream. Creates the key if it doesn't exist.")
                .handler(StreamCommands::xadd).build());
        t.register(spec("xrange", -4, READONLY).since("5.0.0")
                .summary("Returns the messages from a stream within a range of IDs.")
                .handler((c, a) -> xrange(c, a, false)).build());
        t.register(spec("xrevrange", -4, READONLY).since("5.0.0")
                .summary("Returns the messages from a stream within a range of IDs in reverse order.")
                .handler((c, a) -> xrange(c, a, true)).build());
        t.register(spec("xlen", 2, READONLY, FAST).since("5.0.0").summary("Return the number of messages in a stream.")
                .handler((c, a) -> {
                    RedisStream s = Lookup.read(c, a[1], RedisStream.class);
                    c.addInteger(s == null ? 0 : s.length());
                }).build());
        t.register(spec("xdel", -3, WRITE, FAST).since("5.0.0")
                .summary("Returns the number of messages after removing them from a stream.")
                .handler(StreamCommands::xdel).build());
        t.register(spec("xtrim", -4, WRITE).since("5.0.0")
                .summary("Deletes messages from the beginning of a stream.")
                .handler(StreamCommands::xtrim).build());
        t.register(spec("xsetid", -3, WRITE, DENYOOM, FAST).since("5.0.0")
                .summary("An internal command for replicating stream values.")
                .handler(StreamCommands::xsetid).build());
        new StreamReadCommands().registerInto(t);
        new StreamGroupCommands().registerInto(t);
        new StreamInfoCommand().registerInto(t);
    }

    static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("stream");
    }

    // ------------------------------------------------------------------ XADD / XTRIM options

    /** The trimming and XADD options; {@code idIndex} is where XADD's ID is. */
    private static final class TrimOptions {
        boolean byMinId;
        boolean strategyGiven;
        boolean approx;
        long maxLen;
        Id minId;
        long limit;
        boolean noMkStream;
        int strategyArgIndex;
        int idIndex;
        Id id;
        boolean idGiven;
        boolean seqGiven = true;
    }

    private static TrimOptions parseTrimOptions(Client c, byte[][] a, boolean xadd) {
        TrimOptions o = new TrimOptions();
        boolean limitGiven = false;
        int i = 2;
        for (; i < a.length; i++) {
            int more = a.length - 1 - i;
            byte[] opt = a[i];
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if (Args.is(opt, "maxlen") && more > 0 || Args.is(opt, "minid") && more > 0) {
                boolean minid = Args.is(opt, "minid");
                if (o.strategyGiven) {
                    throw new CommandException("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                o.approx = false;
                byte[] next = a[i + 1];
                if (more >= 2 && next.length == 1 && (next[0] == '~' || next[0] == '=')) {
                    o.approx = next[0] == '~';
                    i++;
                }
                if (minid) {
                    o.minId = StreamIds.strictOrThrow(a[i + 1]);
                } else {
                    o.maxLen = Args.parseLong(a[i + 1]);
                    if (o.maxLen < 0) {
                        throw new CommandException("ERR The MAXLEN argument must be >= 0.");
                    }
                }
                i++;
                o.byMinId = minid;
                o.strategyGiven = true;
                o.strategyArgIndex = i;
            } else if (Args.is(opt, "limit") && more > 0) {
                o.limit = Args.parseLong(a[i + 1]);
                if (o.limit < 0) {
                    throw new CommandException("ERR The LIMIT argument must be >= 0.");
                }
                limitGiven = true;
                i++;
            } else if (xadd && Args.is(opt, "nomkstream")) {
                o.noMkStream = true;
            } else if (xadd) {
                StreamIds.Parsed p = StreamIds.parse(opt, 0, true, true);
                if (p == null) {
                    throw new CommandException(StreamIds.INVALID_ID);
                }
                o.id = p.id();
                o.seqGiven = p.seqGiven();
                o.idGiven = true;
                break;
            } else {
                throw new CommandException(ErrorReplies.SYNTAX);
            }
        }
        if (o.limit != 0 && !o.strategyGiven) {
            throw new CommandException("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !o.strategyGiven) {
            throw new CommandException("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (c.isMaster() || c.isPseudo()) {
            o.limit = 0; // the master already trimmed and sent the exact result
        } else if (limitGiven) {
            if (!o.approx) {
                throw new CommandException("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else if (o.approx) {
            long l = 100 * EncodingLimits.streamNodeMaxEntries;
            o.limit = l <= 0 ? 10000 : Math.min(l, 1_000_000);
        } else {
            o.limit = 0;
        }
        o.idIndex = i;
        return o;
    }

    private static long trim(RedisStream s, TrimOptions o) {
        if (!o.strategyGiven) {
            return 0;
        }
        return s.trim(o.maxLen, o.byMinId ? o.minId : null, o.approx, o.limit);
    }

    /** Rewrites {@code ~ n} as {@code = <what the trim left>} for propagation. */
    private static void rewriteApproxTrim(byte[][] prop, RedisStream s, TrimOptions o) {
        prop[o.strategyArgIndex - 1] = Args.bytes("=");
        if (o.byMinId) {
            Id first = s.edgeId(true, false);
            prop[o.strategyArgIndex] = (first == null ? Id.MAX : first).bytes();
        } else {
            prop[o.strategyArgIndex] = Args.decimal(s.length());
        }
    }

    // ------------------------------------------------------------------ XADD

    static void xadd(Client c, byte[][] a) {
        TrimOptions o = parseTrimOptions(c, a, true);
        int fieldPos = o.idIndex + 1;
        int pairsArgs = a.length - fieldPos;
        if (pairsArgs < 2 || pairsArgs % 2 == 1) {
            c.addArityError();
            return;
        }
        if (o.idGiven && o.seqGiven && o.id.isZero()) {
            c.addError("ERR The ID specified in XADD must be greater than 0-0");
            return;
        }
        RedisStream s = Lookup.write(c, a[1], RedisStream.class);
        boolean created = false;
        if (s == null) {
            if (o.noMkStream) {
                c.addNull();
                return;
            }
            s = new RedisStream();
            created = true;
        }
        if (s.lastId().equals(Id.MAX)) {
            c.addError("ERR The stream has exhausted the last possible ID, unable to add more items");
            return;
        }
        Id id;
        if (!o.idGiven) {
            id = s.nextAutoId(System.currentTimeMillis());
        } else if (o.seqGiven) {
            id = o.id;
        } else if (s.lastId().ms() == o.id.ms()) {
            id = s.lastId().next();
            if (id == null || id.ms() != o.id.ms()) {
                id = null;
            }
        } else {
            id = o.id;
        }
        if (id == null || id.compareTo(s.lastId()) <= 0) {
            c.addError("ERR The ID specified in XADD is equal or smaller than the target stream top item");
            return;
        }
        byte[][] fv = java.util.Arrays.copyOfRange(a, fieldPos, a.length);
        if (created) {
            c.db().add(a[1], s);
        }
        s.append(id, fv, EncodingLimits.streamNodeMaxBytes, EncodingLimits.streamNodeMaxEntries);
        byte[] idBytes = id.bytes();
        c.addBulk(idBytes);
        Writes.changed(c, a[1], STREAM, "xadd");
        byte[][] prop = null;
        if (trim(s, o) > 0) {
            Writes.event(c, a[1], STREAM, "xtrim");
        }
        if (o.strategyGiven && o.approx) {
            prop = a.clone();
            rewriteApproxTrim(prop, s, o);
        }
        if (!o.idGiven || !o.seqGiven) {
            prop = prop == null ? a.clone() : prop;
            prop[o.idIndex] = idBytes;
        }
        if (prop != null) {
            c.propagateAs(prop);
        }
        c.server().blocking().signalKeyReady(c.dbIndex(), a[1]);
    }

    // ------------------------------------------------------------------ XRANGE / XREVRANGE / XDEL / XTRIM

    static void xrange(Client c, byte[][] a, boolean reverse) {
        Id start = StreamIds.bound(reverse ? a[3] : a[2], true);
        Id end = StreamIds.bound(reverse ? a[2] : a[3], false);
        long count = -1;
        for (int j = 4; j < a.length; j++) {
            if (Args.is(a[j], "count") && j + 1 < a.length) {
                count = Math.max(0, Args.parseLong(a[++j]));
            } else {
                throw new CommandException(ErrorReplies.SYNTAX);
            }
        }
        RedisStream s = Lookup.read(c, a[1], RedisStream.class);
        if (s == null) {
            c.addArrayLen(0);
        } else if (count == 0) {
            c.addNullArray();
        } else {
            StreamIds.replyRange(c, s, start, end, count < 0 ? 0 : count, reverse);
        }
    }

    static void xdel(Client c, byte[][] a) {
        RedisStream s = Lookup.write(c, a[1], RedisStream.class);
        if (s == null) {
            c.addInteger(0);
            return;
        }
        Id[] ids = new Id[a.length - 2];
        for (int j = 2; j < a.length; j++) {
            ids[j - 2] = StreamIds.strictOrThrow(a[j]);
        }
        int deleted = 0;
        for (Id id : ids) {
            if (s.delete(id)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            Writes.changed(c, a[1], STREAM, "xdel");
            c.server().dirty += deleted - 1;
        }
        c.addInteger(deleted);
    }

    static void xtrim(Client c, byte[][] a) {
        TrimOptions o = parseTrimOptions(c, a, false);
        RedisStream s = Lookup.write(c, a[1], RedisStream.class);
        if (s == null) {
            c.addInteger(0);
            return;
        }
        long deleted = trim(s, o);
        if (deleted > 0) {
            if (o.approx) {
                byte[][] prop = a.clone();
                rewriteApproxTrim(prop, s, o);
                c.propagateAs(prop);
            }
            c.db().signalModified(a[1]);
            Writes.event(c, a[1], STREAM, "xtrim");
            c.server().dirty += deleted;
        }
        c.addInteger(deleted);
    }

    // ------------------------------------------------------------------ XSETID

    static void xsetid(Client c, byte[][] a) {
        Id id = StreamIds.strictOrThrow(a[2]);
        long entriesAdded = -1;
        Id maxDeleted = Id.MIN;
        for (int i = 3; i < a.length; i += 2) {
            boolean more = i + 1 < a.length;
            if (Args.is(a[i], "entriesadded") && more) {
                entriesAdded = Args.parseLong(a[i + 1]);
                if (entriesAdded < 0) {
                    throw new CommandException("ERR entries_added must be positive");
                }
            } else if (Args.is(a[i], "maxdeletedid") && more) {
                maxDeleted = StreamIds.strictOrThrow(a[i + 1]);
                if (id.compareTo(maxDeleted) < 0) {
                    throw new CommandException("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw new CommandException(ErrorReplies.SYNTAX);
            }
        }
        RedisStream s = Lookup.write(c, a[1], RedisStream.class);
        if (s == null) {
            c.addError(ErrorReplies.NO_SUCH_KEY);
            return;
        }
        if (s.length() > 0) {
            if (id.compareTo(s.lastLiveId()) < 0) {
                c.addError("ERR The ID specified in XSETID is smaller than the target stream top item");
                return;
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                c.addError("ERR The entries_added specified in XSETID is smaller than the target stream length");
                return;
            }
        }
        s.setLastId(id);
        if (entriesAdded != -1) {
            s.setEntriesAdded(entriesAdded);
        }
        if (!maxDeleted.isZero()) {
            s.setMaxDeletedId(maxDeleted);
        }
        c.addOk();
        c.server().dirty++;
        Writes.event(c, a[1], STREAM, "xsetid");
    }
}
