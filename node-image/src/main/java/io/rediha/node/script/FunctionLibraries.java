package io.rediha.node.script;

import io.rediha.node.command.ErrorReplies;
import io.rediha.node.server.Client;
import io.rediha.node.store.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Redis 7 functions: libraries loaded with FUNCTION LOAD ({@code #!lua name=<lib>} and
 * {@code redis.register_function} calls), called with FCALL / FCALL_RO, listed, deleted and
 * flushed. Libraries live in memory and reach replicas and the AOF as the FUNCTION commands that
 * changed them.
 */
final class FunctionLibraries {
    private static final long LOAD_TIMEOUT_NANOS = 500_000_000L;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    static final Set<String> KNOWN_FLAGS = Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster",
            "allow-cross-slot-keys");

    record Function(String name, LuaFunction callback, Set<String> flags, String description, String library) {
    }

    record Library(String name, String code, Map<String, Function> functions) {
    }

    private final Scripting scripting;
    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();

    FunctionLibraries(Scripting scripting) {
        this.scripting = scripting;
    }

    Function function(String name) {
        return functions.get(name);
    }

    int libraryCount() {
        return libraries.size();
    }

    int functionCount() {
        return functions.size();
    }

    /** What register_function collects while a library's code runs. */
    final class Loading {
        final String library;
        final Map<String, Function> registered = new LinkedHashMap<>();

        Loading(String library) {
            this.library = library;
        }

        void register(Varargs a) {
            String name;
            LuaValue callback;
            Set<String> flags = new LinkedHashSet<>();
            String description = null;
            if (a.narg() == 1 && a.arg1().istable()) {
                LuaTable t = (LuaTable) a.arg1();
                LuaValue k = LuaValue.NIL;
                name = null;
                callback = LuaValue.NIL;
                while (true) {
                    Varargs n = t.next(k);
                    if ((k = n.arg1()).isnil()) {
                        break;
                    }
                    String key = k.isstring() ? k.tojstring() : "";
                    LuaValue v = n.arg(2);
                    switch (key) {
                        case "function_name" -> name = v.isstring() ? v.tojstring() : fail("function_name argument given to "
                                + "redis.register_function must be a string");
                        case "callback" -> callback = v;
                        case "description" -> description = v.isstring() ? v.tojstring() : fail("description argument given to "
                                + "redis.register_function must be a string");
                        case "flags" -> flags = parseFlags(v);
                        default -> fail("unknown argument given to redis.register_function");
                    }
                }
                if (name == null) {
                    fail("redis.register_function must get a function name argument");
                }
            } else {
                if (a.narg() != 2) {
                    fail("wrong number of arguments to redis.register_function");
                }
                name = a.arg1().isstring() ? a.arg1().tojstring() : fail("first argument to redis.register_function must be a string");
                callback = a.arg(2);
            }
            if (!callback.isfunction()) {
                fail("callback argument given to redis.register_function must be a function");
            }
            if (!NAME.matcher(name).matches()) {
                fail("Function names can only contain letters, numbers, or underscores(_) and must be at least one character long");
            }
            if (registered.containsKey(name)) {
                fail("Function already exists in the library");
            }
            registered.put(name, new Function(name, (LuaFunction) callback, flags, description, library));
        }
    }

    private static <T> T fail(String message) {
        throw new LuaError(message);
    }

    private static Set<String> parseFlags(LuaValue v) {
        if (!v.istable()) {
            fail("flags argument to redis.register_function must be a table representing function flags");
        }
        Set<String> flags = new LinkedHashSet<>();
        LuaTable t = (LuaTable) v;
        for (int i = 1; !t.rawget(i).isnil(); i++) {
            LuaValue f = t.rawget(i);
            if (!f.isstring() || !KNOWN_FLAGS.contains(f.tojstring())) {
                fail("unknown flag given");
            }
            flags.add(f.tojstring());
        }
        return flags;
    }

    /**
     * FUNCTION LOAD: parses the shebang, runs the code with register_function available and
     * installs the library. Returns the library name; throws {@link IllegalArgumentException}
     * with the error reply.
     */
    String load(byte[] codeBytes, boolean replace) {
        String code = new String(codeBytes, StandardCharsets.UTF_8);
        if (!code.startsWith("#!")) {
            throw new IllegalArgumentException("ERR Missing library metadata");
        }
        int eol = code.indexOf('\n');
        if (eol < 0) {
            throw new IllegalArgumentException("ERR Invalid library metadata");
        }
        String[] words = code.substring(2, eol).trim().split("\\s+");
        if (!words[0].equals("lua")) {
            throw new IllegalArgumentException("ERR Engine '" + words[0] + "' not found");
        }
        String name = null;
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith("name=")) {
                name = words[i].substring(5);
            } else {
                throw new IllegalArgumentException("ERR Invalid metadata value given: " + words[i]);
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("ERR Library name was not given");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("ERR Library names can only contain letters, numbers, or underscores(_) "
                    + "and must be at least one character long");
        }
        Library old = libraries.get(name);
        if (old != null && !replace) {
            throw new IllegalArgumentException("ERR Library '" + name + "' already exists");
        }
        byte[] body = ("\n" + code.substring(eol + 1)).getBytes(StandardCharsets.UTF_8);
        Loading loading = new Loading(name);
        try {
            LuaClosure chunk = scripting.sandbox.compile(body, "user_function");
            scripting.api.loading = loading;
            // A library body only registers functions: like Redis, give it 500 ms, so a loop in
            // it cannot hold the command thread (and every client) for ever.
            scripting.loadDeadlineNanos = System.nanoTime() + LOAD_TIMEOUT_NANOS;
            chunk.call();
        } catch (LuaError e) {
            throw new IllegalArgumentException("ERR Error registering functions: " + scripting.plainError(e));
        } catch (Scripting.LoadTimedOut e) {
            throw new IllegalArgumentException("ERR Error registering functions: " + e.getMessage());
        } finally {
            scripting.loadDeadlineNanos = 0;
            scripting.api.loading = null;
        }
        if (loading.registered.isEmpty()) {
            throw new IllegalArgumentException("ERR No functions registered");
        }
        for (String f : loading.registered.keySet()) {
            Function existing = functions.get(f);
            if (existing != null && !existing.library().equals(name)) {
                throw new IllegalArgumentException("ERR Function " + f + " already exists");
            }
        }
        if (old != null) {
            remove(name);
        }
        libraries.put(name, new Library(name, code, loading.registered));
        functions.putAll(loading.registered);
        return name;
    }

    boolean remove(String library) {
        Library l = libraries.remove(library);
        if (l == null) {
            return false;
        }
        for (String f : l.functions().keySet()) {
            functions.remove(f);
        }
        return true;
    }

    void flush() {
        libraries.clear();
        functions.clear();
    }

    /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]. */
    void list(Client c, byte[][] argv) {
        String pattern = null;
        boolean withCode = false;
        for (int i = 2; i < argv.length; i++) {
            String opt = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            if (opt.equals("withcode") && !withCode) {
                withCode = true;
            } else if (opt.equals("libraryname") && pattern == null && i + 1 < argv.length) {
                pattern = new String(argv[++i], StandardCharsets.UTF_8);
            } else {
                c.addError("ERR Unknown argument " + new String(argv[i], StandardCharsets.UTF_8));
                return;
            }
        }
        List<Library> shown = new ArrayList<>();
        for (Library l : libraries.values()) {
            if (pattern == null || Glob.matches(pattern.getBytes(StandardCharsets.UTF_8),
                    l.name().getBytes(StandardCharsets.UTF_8), false)) {
                shown.add(l);
            }
        }
        c.addArrayLen(shown.size());
        for (Library l : shown) {
            c.addMapLen(withCode ? 4 : 3);
            c.addBulk("library_name");
            c.addBulk(l.name());
            c.addBulk("engine");
            c.addBulk("LUA");
            c.addBulk("functions");
            c.addArrayLen(l.functions().size());
            for (Function f : l.functions().values()) {
                c.addMapLen(3);
                c.addBulk("name");
                c.addBulk(f.name());
                c.addBulk("description");
                if (f.description() == null) {
                    c.addNull();
                } else {
                    c.addBulk(f.description());
                }
                c.addBulk("flags");
                c.addSetLen(f.flags().size());
                for (String flag : f.flags()) {
                    c.addBulk(flag);
                }
            }
            if (withCode) {
                c.addBulk("library_code");
                c.addBulk(l.code());
            }
        }
    }

    /** FUNCTION STATS. */
    void stats(Client c) {
        c.addMapLen(2);
        c.addBulk("running_script");
        ScriptRun run = scripting.current();
        if (run == null || run.eval) {
            c.addNull();
        } else {
            c.addMapLen(3);
            c.addBulk("name");
            c.addBulk(run.name);
            c.addBulk("command");
            c.addArrayLen(run.argv.length);
            for (byte[] a : run.argv) {
                c.addBulk(a);
            }
            c.addBulk("duration_ms");
            c.addInteger(System.currentTimeMillis() - run.startMillis);
        }
        c.addBulk("engines");
        c.addMapLen(1);
        c.addBulk("LUA");
        c.addMapLen(2);
        c.addBulk("libraries_count");
        c.addInteger(libraries.size());
        c.addBulk("functions_count");
        c.addInteger(functions.size());
    }

    static String unknownSubcommand(byte[] sub) {
        return ErrorReplies.unknownSubcommand("function", sub);
    }
}
