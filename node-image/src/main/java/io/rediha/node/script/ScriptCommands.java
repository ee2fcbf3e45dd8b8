package io.rediha.node.script;

import static io.rediha.node.command.CommandFlag.ALLOW_BUSY;
import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.MOVABLEKEYS;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.NO_MANDATORY_KEYS;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.SKIP_MONITOR;
import static io.rediha.node.command.CommandFlag.STALE;
import static io.rediha.node.command.CommandFlag.WRITE;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandHandler;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.ErrorReplies;
import io.rediha.node.server.Client;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The scripting commands and their COMMAND table entries: EVAL, EVALSHA, EVAL_RO, EVALSHA_RO,
 * SCRIPT LOAD/EXISTS/FLUSH/KILL/HELP, FCALL, FCALL_RO and FUNCTION LOAD/DELETE/FLUSH/LIST/STATS/
 * KILL/HELP. The table entries exist before the server (and its engine) does, so handlers reach
 * the engine through {@code engine}.
 */
final class ScriptCommands {
    /** A script in the cache: its body, its compiled chunk, and its shebang flags (null: none). */
    record Cached(byte[] body, LuaClosure chunk, Set<String> flags) {
    }

    private final Supplier<Scripting> engine;
    private final Supplier<FunctionLibraries> functions;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ScriptCommands(Supplier<Scripting> engine, Supplier<FunctionLibraries> functions) {
        this.engine = engine;
        this.functions = functions;
    }

    void registerInto(CommandTable t) {
        t.register(spec("eval", false, (c, a) -> eval(c, a, false, false)).build());
        t.register(spec("evalsha", false, (c, a) -> eval(c, a, true, false)).build());
        t.register(spec("eval_ro", true, (c, a) -> eval(c, a, false, true)).build());
        t.register(spec("evalsha_ro", true, (c, a) -> eval(c, a, true, true)).build());
        t.register(spec("fcall", false, (c, a) -> fcall(c, a, false)).since("7.0.0").build());
        t.register(spec("fcall_ro", true, (c, a) -> fcall(c, a, true)).since("7.0.0").build());
        CommandSpec script = CommandSpec.builder("script", -2).group("scripting").since("2.6.0")
                .summary("A container for Lua scripts management commands.").build();
        script.addSubcommand(sub("load", 3, this::scriptLoad, NOSCRIPT, STALE));
        script.addSubcommand(sub("exists", -3, this::scriptExists, NOSCRIPT));
        script.addSubcommand(sub("flush", -2, this::scriptFlush, NOSCRIPT));
        script.addSubcommand(sub("kill", 2, (c, a) -> engine.get().kill(c, true), NOSCRIPT, ALLOW_BUSY));
        script.addSubcommand(sub("help", 2, (c, a) -> help(c, SCRIPT_HELP, "SCRIPT"), LOADING, STALE));
        t.register(script);
        CommandSpec function = CommandSpec.builder("function", -2).group("scripting").since("7.0.0")
                .summary("A container for function commands.").build();
        function.addSubcommand(sub("load", -3, this::functionLoad, WRITE, DENYOOM, NOSCRIPT));
        function.addSubcommand(sub("delete", 3, this::functionDelete, WRITE, NOSCRIPT));
        function.addSubcommand(sub("flush", -2, this::functionFlush, WRITE, NOSCRIPT));
        function.addSubcommand(sub("list", -2, (c, a) -> functions.get().list(c, a), NOSCRIPT));
        function.addSubcommand(sub("stats", 2, (c, a) -> functions.get().stats(c), NOSCRIPT, ALLOW_BUSY));
        function.addSubcommand(sub("kill", 2, (c, a) -> engine.get().kill(c, false), NOSCRIPT, ALLOW_BUSY));
        function.addSubcommand(sub("help", 2, (c, a) -> help(c, FUNCTION_HELP, "FUNCTION"), LOADING, STALE));
        t.register(function);
    }

    private static CommandSpec.Builder spec(String name, boolean ro, CommandHandler h) {
        CommandSpec.Builder b = CommandSpec.builder(name, -3).flags(NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS,
                MOVABLEKEYS).group("scripting").since(name.startsWith("eval_") || name.startsWith("evalsha_") ? "7.0.0" : "2.6.0")
                .summary("Executes a " + (name.startsWith("fcall") ? "function" : "Lua script") + " on the server.")
                .handler(h);
        if (ro) {
            b.flags(READONLY);
        }
        return b;
    }

    private static CommandSpec sub(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("scripting").since("2.6.0").handler(h).build();
    }

    // ------------------------------------------------------------------ EVAL

    private void eval(Client c, byte[][] argv, boolean bySha, boolean ro) {
        Integer numkeys = numkeysOrReply(c, argv);
        if (numkeys == null) {
            return;
        }
        Cached script;
        if (bySha) {
            script = cache.get(new String(argv[1], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
            if (script == null) {
                c.addError("NOSCRIPT No matching script. Please use EVAL.");
                return;
            }
        } else {
            try {
                script = cached(argv[1]);
            } catch (IllegalArgumentException e) {
                c.addError(e.getMessage());
                return;
            }
        }
        Set<String> flags = script.flags();
        boolean readOnly = ro || (flags != null && flags.contains("no-writes"));
        String sha = Scripting.sha1hex(script.body());
        start(c, argv, numkeys, readOnly, flags, sha, true, script.chunk());
    }

    private void start(Client c, byte[][] argv, int numkeys, boolean readOnly, Set<String> flags, String name, boolean eval,
            LuaFunction fn) {
        Scripting s = engine.get();
        boolean oom = s.server.outOfMemory();
        boolean allowOom = flags != null && (flags.contains("allow-oom") || flags.contains("no-writes"));
        if (flags != null && oom && !allowOom) {
            c.addError(ErrorReplies.OOM);
            return;
        }
        LuaTable keys = new LuaTable();
        LuaTable args = new LuaTable();
        for (int i = 0; i < numkeys; i++) {
            keys.rawset(i + 1, LuaValue.valueOf(argv[3 + i]));
        }
        for (int i = 3 + numkeys; i < argv.length; i++) {
            args.rawset(i - 2 - numkeys, LuaValue.valueOf(argv[i]));
        }
        Client sc = s.scriptClient();
        sc.select(c.dbIndex());
        sc.setProtocol(2);
        ScriptRun run = new ScriptRun(c, sc, name, eval, readOnly, allowOom, oom, argv);
        if (eval) {
            s.run(run, fn, LuaValue.NONE, keys, args);
        } else {
            s.run(run, fn, LuaValue.varargsOf(keys, args), null, null);
        }
    }

    /** numkeys, or null after replying the error Redis gives. */
    private static Integer numkeysOrReply(Client c, byte[][] argv) {
        long n;
        try {
            n = Long.parseLong(new String(argv[2], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            c.addError(ErrorReplies.NOT_INTEGER);
            return null;
        }
        if (n > argv.length - 3) {
            c.addError("ERR Number of keys can't be greater than number of args");
            return null;
        }
        if (n < 0) {
            c.addError("ERR Number of keys can't be negative");
            return null;
        }
        return (int) n;
    }

    /** The cached entry for {@code body}, compiling it first; IllegalArgumentException carries the error. */
    private Cached cached(byte[] body) {
        String sha = Scripting.sha1hex(body);
        Cached hit = cache.get(sha);
        if (hit != null) {
            return hit;
        }
        Set<String> flags = null;
        byte[] code = body;
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("#!")) {
            int eol = text.indexOf('\n');
            String line = eol < 0 ? text.substring(2) : text.substring(2, eol);
            flags = shebangFlags(line);
            code = ("\n" + (eol < 0 ? "" : text.substring(eol + 1))).getBytes(StandardCharsets.UTF_8);
        }
        LuaClosure chunk;
        try {
            chunk = engine.get().sandbox.compile(code, "user_script");
        } catch (LuaError e) {
            throw new IllegalArgumentException("ERR Error compiling script (new function): " + LuaSandbox.lua51CompileError(e.getMessage()));
        }
        Cached c = new Cached(body, chunk, flags);
        cache.put(sha, c);
        return c;
    }

    private static Set<String> shebangFlags(String line) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("lua")) {
            throw new IllegalArgumentException("ERR Unexpected engine in script shebang: " + words[0]);
        }
        Set<String> flags = new LinkedHashSet<>();
        for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("flags=")) {
                throw new IllegalArgumentException("ERR Unknown lua shebang option: " + words[i]);
            }
            for (String f : words[i].substring(6).split(",")) {
                if (f.isEmpty()) {
                    continue;
                }
                if (!FunctionLibraries.KNOWN_FLAGS.contains(f)) {
                    throw new IllegalArgumentException("ERR Unexpected flag in script shebang: " + f);
                }
                flags.add(f);
            }
        }
        return flags;
    }

    // ------------------------------------------------------------------ SCRIPT

    private void scriptLoad(Client c, byte[][] argv) {
        try {
            cached(argv[2]);
            c.addBulk(Scripting.sha1hex(argv[2]));
        } catch (IllegalArgumentException e) {
            c.addError(e.getMessage());
        }
    }

    private void scriptExists(Client c, byte[][] argv) {
        c.addArrayLen(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            c.addInteger(cache.containsKey(new String(argv[i], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT)) ? 1 : 0);
        }
    }

    private void scriptFlush(Client c, byte[][] argv) {
        if (!flushModeOk(argv)) {
            c.addError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
            return;
        }
        cache.clear();
        c.addOk();
    }

    private static boolean flushModeOk(byte[][] argv) {
        if (argv.length == 2) {
            return true;
        }
        String m = new String(argv[2], StandardCharsets.US_ASCII);
        return argv.length == 3 && (m.equalsIgnoreCase("sync") || m.equalsIgnoreCase("async"));
    }

    // ------------------------------------------------------------------ FUNCTION and FCALL

    private void fcall(Client c, byte[][] argv, boolean ro) {
        Integer numkeys = numkeysOrReply(c, argv);
        if (numkeys == null) {
            return;
        }
        FunctionLibraries.Function f = functions.get().function(new String(argv[1], StandardCharsets.UTF_8));
        if (f == null) {
            c.addError("ERR Function not found");
            return;
        }
        boolean noWrites = f.flags().contains("no-writes");
        if (ro && !noWrites) {
            c.addError("ERR Can not execute a script with write flag using *_ro command.");
            return;
        }
        start(c, argv, numkeys, ro || noWrites, f.flags(), f.name(), false, f.callback());
    }

    private void functionLoad(Client c, byte[][] argv) {
        boolean replace = false;
        int i = 2;
        if (argv.length > 3) {
            if (!new String(argv[2], StandardCharsets.US_ASCII).equalsIgnoreCase("replace") || argv.length > 4) {
                c.addError("ERR Unknown option given: " + new String(argv[2], StandardCharsets.UTF_8));
                return;
            }
            replace = true;
            i = 3;
        }
        try {
            String name = functions.get().load(argv[i], replace);
            engine.get().server.dirty++;
            c.addBulk(name);
        } catch (IllegalArgumentException e) {
            c.addError(e.getMessage());
        }
    }

    private void functionDelete(Client c, byte[][] argv) {
        if (!functions.get().remove(new String(argv[2], StandardCharsets.UTF_8))) {
            c.addError("ERR Library not found");
            return;
        }
        engine.get().server.dirty++;
        c.addOk();
    }

    private void functionFlush(Client c, byte[][] argv) {
        if (!flushModeOk(argv)) {
            c.addError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
            return;
        }
        functions.get().flush();
        engine.get().server.dirty++;
        c.addOk();
    }

    // ------------------------------------------------------------------ HELP

    private static final List<String> SCRIPT_HELP = List.of(
            "EXISTS <sha1> [<sha1> ...]",
            "    Return information about the existence of the scripts in the script cache.",
            "FLUSH [ASYNC|SYNC]",
            "    Flush the Lua scripts cache. Very dangerous on replicas.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the scripts cache.",
            "    * SYNC: Synchronously flush the scripts cache.",
            "KILL",
            "    Kill the currently executing Lua script.",
            "LOAD <script>",
            "    Load a script into the scripts cache without executing it.");

    private static final List<String> FUNCTION_HELP = List.of(
            "LOAD [REPLACE] <FUNCTION CODE>",
            "    Create a new library with the given library name and code.",
            "DELETE <LIBRARY NAME>",
            "    Delete the given library.",
            "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
            "    Return general information on all the libraries:",
            "    * Library name",
            "    * The engine used to run the Library",
            "    * Library description",
            "    * Functions list",
            "    * Library code (if WITHCODE is given)",
            "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
            "STATS",
            "    Return information about the current function running:",
            "    * Function name",
            "    * Command used to run the function",
            "    * Duration in MS that the function is running",
            "    If no function is running, return nil",
            "    In addition, returns a list of available engines.",
            "KILL",
            "    Kill the current running function.",
            "FLUSH [ASYNC|SYNC]",
            "    Delete all the libraries.",
            "    When called without the optional mode argument, the behavior is determined by the",
            "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
            "    * ASYNC: Asynchronously flush the libraries.",
            "    * SYNC: Synchronously flush the libraries.");

    private static void help(Client c, List<String> lines, String command) {
        c.addArrayLen(lines.size() + 3);
        c.addSimple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        for (String l : lines) {
            c.addSimple(l);
        }
        c.addSimple("HELP");
        c.addSimple("    Prints this help.");
    }
}
