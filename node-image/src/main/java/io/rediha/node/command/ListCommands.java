package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.LIST;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * List commands. An emptied list is deleted, as in Redis, with a {@code del} event after the
 * command's own event.
 */
public final class ListCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("lpush", -3, WRITE, DENYOOM, FAST).summary("Prepends one or more elements to a list. Creates the key if it doesn't exist.")
                .handler((c, a) -> push(c, a, true, false)).build());
        t.register(spec("rpush", -3, WRITE, DENYOOM, FAST).summary("Appends one or more elements to a list. Creates the key if it doesn't exist.")
                .handler((c, a) -> push(c, a, false, false)).build());
        t.register(spec("lpushx", -3, WRITE, DENYOOM, FAST).since("2.2.0").summary("Prepends one or more elements to a list only when the list exists.")
                .handler((c, a) -> push(c, a, true, true)).build());
        t.register(spec("rpushx", -3, WRITE, DENYOOM, FAST).since("2.2.0").summary("Appends an element to a list only when the list exists.")
                .handler((c, a) -> push(c, a, false, true)).build());
        t.register(spec("lpop", -2, WRITE, FAST).summary("Returns the first elements in a list after removing it. Deletes the list if the last element was popped.")
                .handler((c, a) -> pop(c, a, true)).build());
        t.register(spec("rpop", -2, WRITE, FAST).summary("Returns and removes the last elements of a list. Deletes the list if the last element was popped.")
                .handler((c, a) -> pop(c, a, false)).build());
        t.register(spec("llen", 2, READONLY, FAST).summary("Returns the length of a list.")
                .handler((c, a) -> {
                    RedisList l = Lookup.read(c, a[1], RedisList.class);
                    c.addInteger(l == null ? 0 : l.size());
                }).build());
        t.register(spec("lindex", 3, READONLY).summary("Returns an element from a list by its index.")
                .handler(ListCommands::lindex).build());
        t.register(spec("lset", 4, WRITE, DENYOOM).summary("Sets the value of an element in a list by its index.")
                .handler(ListCommands::lset).build());
        t.register(spec("lrange", 4, READONLY).summary("Returns a range of elements from a list.")
                .handler(ListCommands::lrange).build());
        t.register(spec("ltrim", 4, WRITE).summary("Removes elements from both ends a list. Deletes the list if all elements were trimmed.")
                .handler(ListCommands::ltrim).build());
        t.register(spec("lrem", 4, WRITE).summary("Removes elements from a list. Deletes the list if the last element was removed.")
                .handler(ListCommands::lrem).build());
        t.register(spec("linsert", 5, WRITE, DENYOOM).since("2.2.0").summary("Inserts an element before or after another element in a list.")
                .handler(ListCommands::linsert).build());
        t.register(spec("lpos", -3, READONLY).since("6.0.6").summary("Returns the index of matching elements in a list.")
                .handler(ListCommands::lpos).build());
        t.register(CommandSpec.builder("lmove", 5).flags(WRITE, DENYOOM).keys(1, 2, 1).group("list").since("6.2.0")
                .summary("Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.")
                .handler((c, a) -> move(c, a[1], a[2], isLeft(a[3]), isLeft(a[4]))).build());
        t.register(CommandSpec.builder("blpop", -3).flags(WRITE, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING).keys(1, -2, 1)
                .group("list").since("2.0.0")
                .summary("Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler((c, a) -> blockingPop(c, a, true)).build());
        t.register(CommandSpec.builder("brpop", -3).flags(WRITE, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING).keys(1, -2, 1)
                .group("list").since("2.0.0")
                .summary("Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler((c, a) -> blockingPop(c, a, false)).build());
        t.register(CommandSpec.builder("blmove", 6).flags(WRITE, DENYOOM, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING)
                .keys(1, 2, 1).group("list").since("6.2.0")
                .summary("Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.")
                .handler((c, a) -> blockingMove(c, a, a[1], a[2], isLeft(a[3]), isLeft(a[4]), a[5])).build());
        t.register(CommandSpec.builder("brpoplpush", 4).flags(WRITE, DENYOOM, CommandFlag.NOSCRIPT, CommandFlag.BLOCKING)
                .keys(1, 2, 1).group("list").since("2.2.0")
                .summary("Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.")
                .handler((c, a) -> blockingMove(c, a, a[1], a[2], false, true, a[3])).build());
        t.register(CommandSpec.builder("rpoplpush", 3).flags(WRITE, DENYOOM).keys(1, 2, 1).group("list").since("1.2.0")
                .summary("Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.")
                .handler((c, a) -> move(c, a[1], a[2], false, true)).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("list");
    }

    private static final byte[] LPOP = Args.bytes("LPOP");
    private static final byte[] RPOP = Args.bytes("RPOP");
    private static final byte[] LMOVE = Args.bytes("LMOVE");
    private static final byte[] LEFT = Args.bytes("LEFT");
    private static final byte[] RIGHT = Args.bytes("RIGHT");

    /** BLPOP / BRPOP: pops from the first non-empty list, or waits for one. */
    static void blockingPop(Client c, byte[][] a, boolean left) {
        long timeout = Args.parseTimeoutMillis(a[a.length - 1]);
        for (int i = 1; i < a.length - 1; i++) {
            RedisList l = Lookup.write(c, a[i], RedisList.class);
            if (l != null) {
                byte[] v = left ? l.removeFirst() : l.removeLast();
                Writes.changed(c, a[i], LIST, left ? "lpop" : "rpop");
                deleteIfEmpty(c, a[i], l);
                c.propagateAs(left ? LPOP : RPOP, a[i]);
                c.addArrayLen(2);
                c.addBulk(a[i]);
                c.addBulk(v);
                return;
            }
        }
        c.server().blocking().blockOrAnswerNull(c, a, java.util.Arrays.asList(a).subList(1, a.length - 1), timeout);
    }

    /** BLMOVE / BRPOPLPUSH: moves at once when the source has data, or waits for it. */
    static void blockingMove(Client c, byte[][] a, byte[] src, byte[] dst, boolean fromLeft, boolean toLeft, byte[] timeoutArg) {
        long timeout = Args.parseTimeoutMillis(timeoutArg);
        RedisList l = Lookup.write(c, src, RedisList.class);
        if (l == null) {
            if (!c.mayBlock()) {
                c.addNull();
                return;
            }
            c.server().blocking().block(c, c.currentCommand(), a, List.of(src), timeout);
            return;
        }
        Lookup.write(c, dst, RedisList.class); // WRONGTYPE before anything moves
        move(c, src, dst, fromLeft, toLeft);
        c.propagateAs(LMOVE, src, dst, fromLeft ? LEFT : RIGHT, toLeft ? LEFT : RIGHT);
    }

    private static boolean isLeft(byte[] a) {
        if (Args.is(a, "left")) {
            return true;
        }
        if (Args.is(a, "right")) {
            return false;
        }
        throw CommandException.syntax();
    }

    /** Deletes {@code key} when its list became empty. */
    static void deleteIfEmpty(Client c, byte[] key, RedisList l) {
        if (l.isEmpty()) {
            c.db().delete(key);
            Writes.event(c, key, GENERIC, "del");
        }
    }

    static void push(Client c, byte[][] a, boolean left, boolean onlyIfExists) {
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            if (onlyIfExists) {
                c.addInteger(0);
                return;
            }
            l = new RedisList();
            c.db().add(a[1], l);
        }
        for (int i = 2; i < a.length; i++) {
            if (left) {
                l.addFirst(a[i]);
            } else {
                l.addLast(a[i]);
            }
        }
        Writes.changed(c, a[1], LIST, left ? "lpush" : "rpush");
        c.addInteger(l.size());
    }

    static void pop(Client c, byte[][] a, boolean left) {
        long count = -1;
        if (a.length == 3) {
            count = Args.parseLong(a[2], "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        } else if (a.length > 3) {
            c.addArityError();
            return;
        }
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            if (count >= 0) {
                c.addNullArray();
            } else {
                c.addNull();
            }
            return;
        }
        if (count < 0) {
            byte[] v = left ? l.removeFirst() : l.removeLast();
            Writes.changed(c, a[1], LIST, left ? "lpop" : "rpop");
            deleteIfEmpty(c, a[1], l);
            c.addBulk(v);
            return;
        }
        int n = (int) Math.min(count, l.size());
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(left ? l.removeFirst() : l.removeLast());
        }
        if (n > 0) {
            Writes.changed(c, a[1], LIST, left ? "lpop" : "rpop");
            deleteIfEmpty(c, a[1], l);
        }
        c.addBulkArray(out);
    }

    static void lindex(Client c, byte[][] a) {
        long idx = Args.parseLong(a[2]);
        RedisList l = Lookup.read(c, a[1], RedisList.class);
        if (l == null) {
            c.addNull();
            return;
        }
        if (idx < 0) {
            idx += l.size();
        }
        c.addBulkOrNull(idx < 0 || idx >= l.size() ? null : l.get((int) idx));
    }

    static void lset(Client c, byte[][] a) {
        long idx = Args.parseLong(a[2]);
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            throw new CommandException(ErrorReplies.NO_SUCH_KEY);
        }
        if (idx < 0) {
            idx += l.size();
        }
        if (idx < 0 || idx >= l.size()) {
            throw new CommandException(ErrorReplies.INDEX_OUT_OF_RANGE);
        }
        l.set((int) idx, a[3]);
        Writes.changed(c, a[1], LIST, "lset");
        c.addOk();
    }

    /** Clamps Redis start/stop indices to [0, size); returns null for an empty range. */
    static int[] clampRange(long start, long stop, int size) {
        if (start < 0) {
            start += size;
        }
        if (stop < 0) {
            stop += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= size) {
            return null;
        }
        if (stop >= size) {
            stop = size - 1;
        }
        return new int[]{(int) start, (int) stop};
    }

    static void lrange(Client c, byte[][] a) {
        long start = Args.parseLong(a[2]);
        long stop = Args.parseLong(a[3]);
        RedisList l = Lookup.read(c, a[1], RedisList.class);
        if (l == null) {
            c.addArrayLen(0);
            return;
        }
        int[] r = clampRange(start, stop, l.size());
        if (r == null) {
            c.addArrayLen(0);
            return;
        }
        c.addArrayLen(r[1] - r[0] + 1);
        for (int i = r[0]; i <= r[1]; i++) {
            c.addBulk(l.get(i));
        }
    }

    static void ltrim(Client c, byte[][] a) {
        long start = Args.parseLong(a[2]);
        long stop = Args.parseLong(a[3]);
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            c.addOk();
            return;
        }
        int[] r = clampRange(start, stop, l.size());
        if (r == null) {
            l.trim(1, 0);
        } else {
            l.trim(r[0], r[1]);
        }
        Writes.changed(c, a[1], LIST, "ltrim");
        deleteIfEmpty(c, a[1], l);
        c.addOk();
    }

    static void lrem(Client c, byte[][] a) {
        long count = Args.parseLong(a[2]);
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            c.addInteger(0);
            return;
        }
        int n = l.remove(a[3], count);
        if (n > 0) {
            Writes.changed(c, a[1], LIST, "lrem");
            deleteIfEmpty(c, a[1], l);
        }
        c.addInteger(n);
    }

    static void linsert(Client c, byte[][] a) {
        boolean before;
        if (Args.is(a[2], "before")) {
            before = true;
        } else if (Args.is(a[2], "after")) {
            before = false;
        } else {
            throw CommandException.syntax();
        }
        RedisList l = Lookup.write(c, a[1], RedisList.class);
        if (l == null) {
            c.addInteger(0);
            return;
        }
        int i = l.indexOf(a[3]);
        if (i < 0) {
            c.addInteger(-1);
            return;
        }
        l.insert(before ? i : i + 1, a[4]);
        Writes.changed(c, a[1], LIST, "linsert");
        c.addInteger(l.size());
    }

    static void lpos(Client c, byte[][] a) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < a.length; i++) {
            boolean hasNext = i + 1 < a.length;
            if (Args.is(a[i], "rank") && hasNext) {
                rank = Args.parseLong(a[++i]);
                if (rank == 0 || rank == Long.MIN_VALUE) {
                    throw new CommandException("ERR RANK can't be zero: use 1 to start from the first match, 2 from the "
                            + "second ... or use negative to start from the end of the list");
                }
            } else if (Args.is(a[i], "count") && hasNext) {
                count = Args.parseLong(a[++i]);
                if (count < 0) {
                    throw new CommandException("ERR COUNT can't be negative");
                }
            } else if (Args.is(a[i], "maxlen") && hasNext) {
                maxlen = Args.parseLong(a[++i]);
                if (maxlen < 0) {
                    throw new CommandException("ERR MAXLEN can't be negative");
                }
            } else {
                throw CommandException.syntax();
            }
        }
        RedisList l = Lookup.read(c, a[1], RedisList.class);
        List<Long> found = new ArrayList<>();
        if (l != null) {
            int size = l.size();
            long skip = Math.abs(rank) - 1;
            long limit = count < 0 ? 1 : count == 0 ? Long.MAX_VALUE : count;
            int scanned = 0;
            for (int k = 0; k < size && found.size() < limit; k++) {
                if (maxlen > 0 && scanned++ >= maxlen) {
                    break;
                }
                int idx = rank > 0 ? k : size - 1 - k;
                if (Arrays.equals(l.get(idx), a[2])) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        found.add((long) idx);
                    }
                }
            }
        }
        if (count < 0) {
            if (found.isEmpty()) {
                c.addNull();
            } else {
                c.addInteger(found.get(0));
            }
            return;
        }
        c.addArrayLen(found.size());
        for (long f : found) {
            c.addInteger(f);
        }
    }

    static void move(Client c, byte[] src, byte[] dst, boolean fromLeft, boolean toLeft) {
        RedisList from = Lookup.write(c, src, RedisList.class);
        if (from == null) {
            c.addNull();
            return;
        }
        RedisList to = Lookup.write(c, dst, RedisList.class);
        byte[] v = fromLeft ? from.removeFirst() : from.removeLast();
        Writes.changed(c, src, LIST, fromLeft ? "lpop" : "rpop");
        if (to == null) {
            if (from.isEmpty() && Arrays.equals(src, dst)) {
                to = from;
            } else {
                to = new RedisList();
                c.db().add(dst, to);
            }
        }
        if (toLeft) {
            to.addFirst(v);
        } else {
            to.addLast(v);
        }
        Writes.changed(c, dst, LIST, toLeft ? "lpush" : "rpush");
        deleteIfEmpty(c, src, from);
        c.addBulk(v);
    }
}
