package io.rediha.node.script;

import io.rediha.node.server.Client;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.luaj.vm2.LuaValue;

/**
 * One execution of a script or function, and the hand-over between the command thread and the
 * script thread (see the package documentation).
 *
 * <p>Invariant: the dataset is touched by one thread at a time. Before the run is {@link #busy},
 * the command thread is parked in {@link #awaitFinish} and the script thread runs its commands
 * itself, holding {@link #lock} while it does; the command thread takes the same lock to switch to
 * busy, so the switch never happens in the middle of a command. Once busy, every command is sent
 * to the command thread and the script thread waits for its reply.
 */
final class ScriptRun {
    final Client caller;
    final Client scriptClient;
    /** The SHA1 of an EVAL script, or the function's name. */
    final String name;
    final boolean eval;
    final boolean readOnly;
    final boolean allowOom;
    final boolean oomAtStart;
    final byte[][] argv;
    final long startMillis = System.currentTimeMillis();
    volatile boolean killRequested;
    volatile boolean wrote;

    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch done = new CountDownLatch(1);
    private boolean busy;
    private boolean finished;
    private Runnable onFinishWhileBusy;
    LuaValue result;
    String error;

    ScriptRun(Client caller, Client scriptClient, String name, boolean eval, boolean readOnly, boolean allowOom,
            boolean oomAtStart, byte[][] argv) {
        this.caller = caller;
        this.scriptClient = scriptClient;
        this.name = name;
        this.eval = eval;
        this.readOnly = readOnly;
        this.allowOom = allowOom;
        this.oomAtStart = oomAtStart;
        this.argv = argv;
    }

    /**
     * Command thread: waits until the script ends or {@code millis} pass (0: no limit). On timeout
     * the run turns busy and {@code onFinish} will be posted when it ends; returns false then.
     */
    boolean awaitFinish(long millis, Runnable onFinish) throws InterruptedException {
        if (millis <= 0) {
            done.await();
            return true;
        }
        if (done.await(millis, TimeUnit.MILLISECONDS)) {
            return true;
        }
        lock.lock();
        try {
            if (finished) {
                return true;
            }
            busy = true;
            onFinishWhileBusy = onFinish;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Script thread: the script ended (result or error set). */
    void finish() {
        Runnable after;
        lock.lock();
        try {
            finished = true;
            after = busy ? onFinishWhileBusy : null;
        } finally {
            lock.unlock();
        }
        done.countDown();
        if (after != null) {
            after.run();
        }
    }

    boolean isBusy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Script thread: runs {@code command} where it may touch the dataset — here while the command
     * thread waits, on the command thread once busy ({@code onCommandThread} submits it there).
     */
    <T> T runCommand(Callable<T> command, java.util.function.Function<Callable<T>, java.util.concurrent.Future<T>> onCommandThread)
            throws Exception {
        lock.lock();
        try {
            if (!busy) {
                return command.call();
            }
        } finally {
            lock.unlock();
        }
        try {
            return onCommandThread.apply(command).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
