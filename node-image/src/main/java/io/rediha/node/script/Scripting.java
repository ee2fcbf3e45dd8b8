package io.rediha.node.script;

import io.netty.buffer.Unpooled;
import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.resp.RespReplyParser;
import io.rediha.node.resp.RespValue;
import io.rediha.node.server.Client;
import io.rediha.node.server.CommandGuard;
import io.rediha.node.server.RedisServer;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The scripting engine of one server: the sandboxed Lua state, the {@code redis} API table, the
 * script thread, and the run in progress. EVAL and FCALL both come here to run a Lua function
 * ({@link #run}); {@link ScriptCommands} and {@link FunctionLibraries} hold the commands.
 */
final class Scripting {
    static final String BUSY_EVAL = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";
    private static final Field FILELINE = fileline();

    final RedisServer server;
    final LuaSandbox sandbox;
    final RedisApi api;
    private final ExecutorService scriptThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rediha-script");
        t.setDaemon(true);
        return t;
    });
    /** The run in progress, set and cleared on the command thread. */
    private volatile ScriptRun current;
    /** While FUNCTION LOAD runs a library's body: when it must have finished (System.nanoTime), else 0. */
    volatile long loadDeadlineNanos;

    Scripting(RedisServer server) {
        this.server = server;
        this.api = new RedisApi(this);
        this.sandbox = new LuaSandbox(api.table(), new KillHook());
        api.table().lock();
    }

    private Client scriptClient;

    /** The pseudo client scripts run commands with (one, reused: only one script runs at a time). */
    Client scriptClient() {
        if (scriptClient == null) {
            scriptClient = server.createPseudoClient();
            scriptClient.captureReplies();
        }
        return scriptClient;
    }

    ScriptRun current() {
        return current;
    }

    /** Stops the script thread (server stop). */
    void close() {
        ScriptRun r = current;
        if (r != null) {
            r.killRequested = true;
        }
        scriptThread.shutdownNow();
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code fn(args)} for {@code caller} and replies, on the command thread. A run that
     * outlives busy-reply-threshold blocks its caller and replies when it ends.
     */
    void run(ScriptRun run, LuaFunction fn, Varargs args, LuaValue keys, LuaValue argvTable) {
        Client c = run.caller;
        c.preventPropagation(); // the commands the script runs propagate, never the script
        current = run;
        scriptThread.execute(() -> {
            try {
                if (keys != null) {
                    sandbox.setGlobal("KEYS", keys);
                    sandbox.setGlobal("ARGV", argvTable);
                }
                run.result = fn.invoke(args).arg1();
            } catch (ScriptKilled k) {
                run.error = KILLED + location(run, null);
            } catch (LuaError e) {
                run.error = errorMessage(run, e);
            } catch (StackOverflowError e) {
                run.error = "ERR user_script: stack overflow" + location(run, null);
            } catch (RuntimeException e) {
                server.log().warning("Script " + run.name + " failed: " + e);
                run.error = "ERR " + e + location(run, null);
            } finally {
                run.finish();
            }
        });
        long threshold = server.config().getLong("busy-reply-threshold");
        boolean finished;
        try {
            finished = run.awaitFinish(threshold, () -> server.executor().execute(() -> endBusyRun(run)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.killRequested = true;
            finished = false;
        }
        if (finished) {
            current = null;
            reply(run);
            return;
        }
        server.log().warning("Slow script detected: still in execution after " + (System.currentTimeMillis() - run.startMillis)
                + " milliseconds. You can try killing the script using the " + (run.eval ? "SCRIPT" : "FUNCTION")
                + " KILL command. Script name is: " + run.name + ".");
        c.block(run);
    }

    private void endBusyRun(ScriptRun run) {
        current = null;
        reply(run);
        if (run.caller.isBlocked()) {
            run.caller.unblock();
        }
    }

    private static void reply(ScriptRun run) {
        if (run.error != null) {
            run.caller.addError(run.error);
        } else {
            LuaReplies.reply(run.caller, run.result == null ? LuaValue.NIL : run.result);
        }
    }

    /** The error reply for an uncaught Lua error: Redis's "... script: name, on @source:line." form. */
    private String errorMessage(ScriptRun run, LuaError e) {
        return plainError(e) + location(run, e);
    }

    /** The error text of a Lua error, with Lua 5.1's "chunk:line: message" position. */
    String plainError(LuaError e) {
        LuaValue obj = e.getMessageObject();
        String text = LuaReplies.errorText(obj == null ? LuaValue.NIL : obj);
        if (text == null) {
            String raw = obj != null && obj.isstring() ? obj.tojstring() : String.valueOf(e.getMessage());
            text = "ERR " + LuaSandbox.lua51Position(raw);
        }
        return LuaReplies.errorReply(text);
    }

    private String location(ScriptRun run, LuaError e) {
        String where = null;
        if (e != null && FILELINE != null) {
            try {
                where = (String) FILELINE.get(e);
            } catch (IllegalAccessException ignored) {
                where = null;
            }
        }
        if (where == null) {
            where = "@" + (run.eval ? "user_script" : "user_function") + ":1";
        }
        return " script: " + run.name + ", on " + where + ".";
    }

    private static Field fileline() {
        try {
            Field f = LuaError.class.getDeclaredField("fileline");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ redis.call

    /**
     * redis.call / redis.pcall: the checks Redis makes for scripts, then the command through the
     * dispatcher with the script's client. Returns the reply as a Lua value; an error reply comes
     * back as an {@code {err=...}} table (redis.call raises it).
     */
    LuaValue call(Varargs args) {
        ScriptRun run = current;
        if (run == null) {
            throw new LuaError("redis.call can only be used while a script runs");
        }
        checkKilled(run);
        if (args.narg() == 0) {
            return error("ERR Please specify at least one argument for this redis lib call");
        }
        byte[][] argv = new byte[args.narg()][];
        for (int i = 1; i <= args.narg(); i++) {
            LuaValue a = args.arg(i);
            if (a.type() == LuaValue.TNUMBER) {
                argv[i - 1] = numberText(a).getBytes(StandardCharsets.US_ASCII);
            } else if (a.type() == LuaValue.TSTRING) {
                LuaString s = a.checkstring();
                argv[i - 1] = java.util.Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
            } else {
                return error("ERR Lua redis lib command arguments must be strings or integers");
            }
        }
        CommandSpec cmd = server.commands().lookup(argv[0]);
        if (cmd != null && cmd.hasSubcommands() && argv.length > 1) {
            CommandSpec sub = cmd.subcommand(new String(argv[1], StandardCharsets.UTF_8));
            cmd = sub != null ? sub : cmd.handler() == null ? null : cmd;
        }
        if (cmd == null) {
            return error("ERR Unknown Redis command called from script");
        }
        if (!cmd.arityAccepts(argv.length) || (cmd.hasSubcommands() && cmd.handler() == null)) {
            return error("ERR Wrong number of args calling Redis command from script");
        }
        if (cmd.has(CommandFlag.NOSCRIPT) && !api.denyScriptsDisabled) {
            return error("ERR This Redis command is not allowed from script");
        }
        if (cmd.has(CommandFlag.WRITE)) {
            if (run.readOnly) {
                return error("ERR Write commands are not allowed from read-only scripts.");
            }
        }
        if (cmd.has(CommandFlag.DENYOOM) && run.oomAtStart && !run.allowOom) {
            return error(ErrorReplies.OOM);
        }
        final CommandSpec spec = cmd;
        try {
            byte[] reply = run.runCommand(() -> execute(run, spec, argv), task -> server.executor().submit(task));
            RespValue v = new RespReplyParser(Long.MAX_VALUE, 10_000).parse(Unpooled.wrappedBuffer(reply));
            return v == null ? LuaValue.NIL : LuaReplies.toLua(v, run.scriptClient.protocol());
        } catch (ScriptKilled k) {
            throw k;
        } catch (Exception e) {
            return error("ERR " + e.getMessage());
        }
    }

    /** Runs one command of the script; on whichever thread may touch the dataset now. */
    private byte[] execute(ScriptRun run, CommandSpec cmd, byte[][] argv) {
        Client sc = run.scriptClient;
        String denied = server.acl().checkFromScript(run.caller, cmd, argv);
        if (denied != null) {
            sc.addError(denied);
            return sc.takeCapturedReply();
        }
        for (CommandGuard g : server.guards()) {
            String err = g.check(sc, cmd, argv);
            if (err != null) {
                sc.addError(err);
                return sc.takeCapturedReply();
            }
        }
        if (cmd.has(CommandFlag.WRITE)) {
            run.wrote = true;
        }
        server.dispatcher().call(sc, cmd, argv);
        return sc.takeCapturedReply();
    }

    private static LuaValue error(String text) {
        LuaTable t = new LuaTable();
        t.rawset("err", text);
        return t;
    }

    /** A Lua number as redis.call passes it: integers without a fraction, others as Lua prints them. */
    static String numberText(LuaValue n) {
        double d = n.todouble();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Cjson.formatNumber(d);
    }

    private static void checkKilled(ScriptRun run) {
        if (run.killRequested) {
            throw new ScriptKilled();
        }
    }

    // ------------------------------------------------------------------ busy state and kill

    /**
     * The guard that answers BUSY while a script is past busy-reply-threshold: only SCRIPT KILL,
     * FUNCTION KILL, SHUTDOWN NOSAVE and commands flagged allow-busy get through.
     */
    CommandGuard busyGuard() {
        return (c, cmd, argv) -> {
            ScriptRun run = current;
            if (run == null || c == run.scriptClient || !run.isBusy()) {
                return null;
            }
            String name = cmd.fullName();
            boolean allowed = cmd.has(CommandFlag.ALLOW_BUSY)
                    || (run.eval ? name.equals("script|kill") : name.equals("function|kill") || name.equals("function|stats"))
                    || (name.equals("shutdown") && hasNosave(argv));
            return allowed ? null : run.eval ? BUSY_EVAL : BUSY_FUNCTION;
        };
    }

    private static boolean hasNosave(byte[][] argv) {
        for (int i = 1; i < argv.length; i++) {
            if (new String(argv[i], StandardCharsets.US_ASCII).equalsIgnoreCase("nosave")) {
                return true;
            }
        }
        return false;
    }

    /** SCRIPT KILL / FUNCTION KILL. */
    void kill(Client c, boolean eval) {
        ScriptRun run = current;
        if (run == null || !run.isBusy()) {
            c.addError("NOTBUSY No scripts in execution right now.");
            return;
        }
        if (run.eval != eval) {
            c.addError(run.eval ? BUSY_EVAL : BUSY_FUNCTION);
            return;
        }
        if (run.wrote) {
            c.addError("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either "
                    + "wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.");
            return;
        }
        run.killRequested = true;
        server.log().warning("Lua script killed by user with SCRIPT KILL.");
        c.addOk();
    }

    /** Thrown inside the interpreter once a kill was asked; an Error so that pcall cannot catch it. */
    static final class ScriptKilled extends Error {
        private static final long serialVersionUID = 1L;

        ScriptKilled() {
            super("killed", null, false, false);
        }
    }

    /** A library body that ran past its time at FUNCTION LOAD; not catchable by pcall either. */
    static final class LoadTimedOut extends Error {
        private static final long serialVersionUID = 1L;

        LoadTimedOut() {
            super("ERR FUNCTION LOAD timeout", null, false, false);
        }
    }

    /**
     * Sees every instruction: every 10,000 it checks whether SCRIPT KILL asked to stop, or a
     * library being loaded ran out of time.
     */
    private final class KillHook extends DebugLib {
        private int countdown = 10_000;

        @Override
        public void onInstruction(int pc, Varargs v, int top) {
            if (--countdown <= 0) {
                countdown = 10_000;
                ScriptRun run = current;
                if (run != null && run.killRequested) {
                    throw new ScriptKilled();
                }
                long deadline = loadDeadlineNanos;
                if (deadline != 0 && System.nanoTime() > deadline) {
                    throw new LoadTimedOut();
                }
            }
            super.onInstruction(pc, v, top);
        }
    }

    // ------------------------------------------------------------------ helpers

    static String sha1hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Java function usable from Lua. */
    abstract static class Fn extends VarArgFunction {
    }
}
