package io.rediha.node.server;

import io.rediha.node.command.CommandSpec;
import io.rediha.node.store.Bytes;
import io.rediha.node.store.RedisList;
import io.rediha.node.store.RedisZSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP, BRPOP, BLMOVE, BZPOPMIN...): who waits for which key, in arrival
 * order, until when.
 *
 * <p>Design: a blocked command is simply run again once one of its keys may have data. Writers
 * that add to lists or sorted sets mark the key ready; after each top-level command the
 * dispatcher calls {@link #serveReady()}, which re-runs the waiting commands first come, first
 * served. A re-run that still finds nothing blocks again. A timeout answers the null reply.
 */
public final class BlockingKeys implements io.rediha.node.store.KeyspaceListener {
    private final RedisServer server;
    private final Map<WatchedKey, ArrayDeque<Client>> waiting = new HashMap<>();
    private final Set<WatchedKey> ready = new LinkedHashSet<>();
    private final Map<Client, State> states = new HashMap<>();

    private record State(CommandSpec command, byte[][] argv, List<WatchedKey> keys, ScheduledFuture<?> timeout) {
    }

    BlockingKeys(RedisServer server) {
        this.server = server;
    }

    /**
     * Blocks {@code c} on {@code keys} (of its selected database) for {@code timeoutMillis} (0: for
     * ever); when one of them gets data, {@code argv} runs again.
     */
    public void block(Client c, CommandSpec command, byte[][] argv, List<byte[]> keys, long timeoutMillis) {
        List<WatchedKey> wks = new ArrayList<>();
        for (byte[] k : keys) {
            WatchedKey wk = new WatchedKey(c.dbIndex(), new Bytes(k));
            wks.add(wk);
            waiting.computeIfAbsent(wk, x -> new ArrayDeque<>()).add(c);
        }
        ScheduledFuture<?> timer = timeoutMillis > 0
                ? server.executor().schedule(() -> timeOut(c), timeoutMillis, TimeUnit.MILLISECONDS) : null;
        states.put(c, new State(command, argv, wks, timer));
        c.block(this);
    }

    /**
     * The end of every blocking pop that found nothing: wait on {@code keys} when the client may
     * block, else (inside MULTI or a script) answer at once with the null array a timeout gives.
     */
    public void blockOrAnswerNull(Client c, byte[][] argv, List<byte[]> keys, long timeoutMillis) {
        if (!c.mayBlock()) {
            c.addNullArray();
            return;
        }
        block(c, c.currentCommand(), argv, keys, timeoutMillis);
    }

    private void timeOut(Client c) {
        if (forget(c)) {
            c.addNullArray();
            c.unblock();
        }
    }

    /** Removes the client's wait; false when it was not blocked here. */
    boolean forget(Client c) {
        State s = states.remove(c);
        if (s == null) {
            return false;
        }
        if (s.timeout() != null) {
            s.timeout().cancel(false);
        }
        for (WatchedKey wk : s.keys()) {
            ArrayDeque<Client> q = waiting.get(wk);
            if (q != null) {
                q.remove(c);
                if (q.isEmpty()) {
                    waiting.remove(wk);
                }
            }
        }
        return true;
    }

    /**
     * CLIENT UNBLOCK: ends the wait with the null reply, or with an error when {@code error} is set.
     * False when the client is not blocked on keys.
     */
    public boolean unblock(Client c, boolean error) {
        if (!forget(c)) {
            return false;
        }
        if (error) {
            c.addError("UNBLOCKED client unblocked via CLIENT UNBLOCK");
        } else {
            c.addNullArray();
        }
        c.unblock();
        return true;
    }

    /** A writer added to {@code key}: clients waiting on it get their turn after the command. */
    public void signalKeyReady(int db, byte[] key) {
        if (waiting.isEmpty()) {
            return;
        }
        WatchedKey wk = new WatchedKey(db, new Bytes(key));
        if (waiting.containsKey(wk)) {
            ready.add(wk);
        }
    }

    /**
     * A blocked XREADGROUP must learn that its stream was deleted or replaced (DEL, SET, RENAME,
     * FLUSHALL): any change to a key that stream readers wait on gives them their turn, and the
     * re-run answers the error. Other waiters only wake for data, as before.
     */
    @Override
    public void keyModified(io.rediha.node.store.Database db, byte[] key) {
        if (!waiting.isEmpty()) {
            markStreamWaitersReady(new WatchedKey(db.id(), new Bytes(key)));
        }
    }

    @Override
    public void databaseEmptied(io.rediha.node.store.Database db) {
        for (WatchedKey wk : new ArrayList<>(waiting.keySet())) {
            if (wk.db() == db.id()) {
                markStreamWaitersReady(wk);
            }
        }
    }

    private void markStreamWaitersReady(WatchedKey wk) {
        ArrayDeque<Client> q = waiting.get(wk);
        State s = q == null || q.isEmpty() ? null : states.get(q.peekFirst());
        if (s != null && "stream".equals(s.command().group())) {
            ready.add(wk);
        }
    }

    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** Re-runs the commands of clients waiting on keys that got data, oldest first. */
    void serveReady() {
        int rounds = 0;
        while (!ready.isEmpty() && rounds++ < 1000) {
            List<WatchedKey> keys = new ArrayList<>(ready);
            ready.clear();
            for (WatchedKey wk : keys) {
                ArrayDeque<Client> q = waiting.get(wk);
                if (q == null) {
                    continue;
                }
                if (!holdsWaitedType(wk, q.peekFirst())) {
                    continue; // emptied or replaced by another type since: the waiters keep waiting
                }
                for (Client c : new ArrayList<>(q)) {
                    State s = states.get(c);
                    if (s == null || !forget(c)) {
                        continue;
                    }
                    c.unblockQuietly();
                    s.command().calls--; // the re-run completes the call counted when it blocked
                    server.dispatcher().call(c, s.command(), s.argv());
                    if (!c.isBlocked()) {
                        server.dispatcher().resumeWaiting(c);
                    }
                }
            }
        }
    }

    /**
     * True when the ready key still holds the type its waiters pop from. A transaction can push to
     * a list and then replace it with a string (LPUSH, DEL, SET): Redis leaves the waiters blocked
     * then, instead of answering them WRONGTYPE.
     */
    private boolean holdsWaitedType(WatchedKey wk, Client first) {
        State s = first == null ? null : states.get(first);
        if (s != null && "stream".equals(s.command().group())) {
            return true; // stream reads decide themselves, and answer when their stream went away
        }
        Object v = server.keyspace().db(wk.db()).peek(wk.key().data());
        if (v == null || s == null) {
            return v != null;
        }
        return switch (s.command().group()) {
            case "list" -> v instanceof RedisList;
            case "sorted_set" -> v instanceof RedisZSet;
            default -> true;
        };
    }

    /** Number of clients blocked on keys (INFO blocked_clients). */
    public int blockedCount() {
        return states.size();
    }

    void clientClosed(Client c) {
        forget(c);
    }
}
