package io.rediha.node.script;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The Lua state scripts and functions run in, set up as Redis 7.0 sets up its own: base, table,
 * string and math libraries plus cjson, bit and the redis API; no os, io, print, loadfile, dofile
 * or require; globals and library tables read-only; reading an undefined global is an error.
 *
 * <p>LuaJ implements Lua 5.2; the Lua 5.1 names scripts written for Redis use are added back:
 * {@code unpack}, {@code loadstring} (text only: binary chunks are refused, as Redis refuses
 * them), {@code table.getn}.
 */
final class LuaSandbox {
    private final ScriptGlobals globals = new ScriptGlobals();

    /** Installs the libraries; {@code redis} is the API table, {@code hook} sees every instruction. */
    LuaSandbox(LuaTable redis, DebugLib hook) {
        ScriptGlobals g = globals;
        g.load(new JseBaseLib());
        g.load(new PackageLib());
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        g.load(hook);
        LoadState.install(g);
        LuaC.install(g);
        for (String name : new String[] {"dofile", "loadfile", "print", "require", "package", "module", "debug",
            "collectgarbage", "load"}) {
            g.rawset(name, LuaValue.NIL);
        }
        LuaTable table = (LuaTable) g.get("table");
        table.rawset("getn", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(args.checktable(1).length());
            }
        });
        g.rawset("unpack", table.get("unpack"));
        g.rawset("loadstring", new LoadString());
        for (String lib : new String[] {"table", "string", "math"}) {
            g.rawset(lib, ReadOnlyTable.copyOf((LuaTable) g.rawget(lib)));
        }
        g.rawset("cjson", ReadOnlyTable.copyOf(Cjson.library()));
        g.rawset("bit", ReadOnlyTable.copyOf(BitOps.library()));
        g.rawset("redis", redis);
        g.rawset("_G", g);
        LuaTable stringMeta = new ReadOnlyTable();
        stringMeta.rawset(LuaValue.INDEX, g.rawget("string"));
        ((ReadOnlyTable) stringMeta).lock();
        LuaString.s_metatable = stringMeta;
        ReadOnlyTable meta = new ReadOnlyTable();
        meta.lock();
        g.setmetatable(meta);
        g.lock();
        // LuaJ passes every error message through the running thread's error function before it
        // reaches pcall or the caller: turn its "chunk:line message" into Lua 5.1's
        // "chunk:line: message", and leave out the stack traceback the debug library would add.
        g.running.errorfunc = new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(lua51Position(args.arg1().tojstring()));
            }
        };
    }

    private static final java.util.regex.Pattern LUAJ_POSITION =
            java.util.regex.Pattern.compile("^@?([\\w\\[\\]\"=().]+):(\\d+) ");

    /** "@user_script:3 boom" (LuaJ) as "user_script:3: boom" (Lua 5.1). */
    static String lua51Position(String message) {
        java.util.regex.Matcher m = LUAJ_POSITION.matcher(message);
        return m.find() ? m.group(1) + ":" + m.group(2) + ": " + message.substring(m.end()) : message;
    }

    /** LuaJ's "unexpected symbol 43 (+)" as Lua's "unexpected symbol near '+'". */
    static String lua51CompileError(String message) {
        return message.replaceAll("unexpected symbol \\d+ \\((.*)\\)$", "unexpected symbol near '$1'");
    }

    /** The global table scripts see. */
    ScriptGlobals globals() {
        return globals;
    }

    /**
     * Compiles {@code body}; {@code chunk} names it in messages ({@code user_script},
     * {@code user_function}). Throws LuaError with the compiler's message.
     */
    LuaClosure compile(byte[] body, String chunk) {
        try {
            Prototype p = globals.compilePrototype(new ByteArrayInputStream(body), "@" + chunk);
            return new LuaClosure(p, globals);
        } catch (IOException e) {
            throw new LuaError(e.getMessage());
        }
    }

    /** Sets a global that scripts may read but not write (KEYS, ARGV). */
    void setGlobal(String name, LuaValue value) {
        globals.setInternal(name, value);
    }

    /** Lua 5.1's loadstring, limited to source text. */
    private final class LoadString extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = args.checkstring(1);
            if (s.length() > 0 && s.luaByte(0) == 27) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("attempt to load a binary chunk"));
            }
            String name = args.optjstring(2, "=(load)");
            try {
                Prototype p = globals.compilePrototype(new ByteArrayInputStream(s.m_bytes, s.m_offset, s.m_length), name);
                return new LuaClosure(p, globals);
            } catch (LuaError | IOException e) {
                return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf(e.getMessage()));
            }
        }
    }

    /** The global table: read-only, and reading a name that was never defined is an error. */
    static final class ScriptGlobals extends ReadOnlyTable {
        private boolean internalWrite;

        @Override
        public LuaValue get(LuaValue key) {
            LuaValue v = rawget(key);
            if (v.isnil() && isLocked() && key.isstring()) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
            return v;
        }

        void setInternal(String name, LuaValue value) {
            internalWrite = true;
            try {
                rawset(LuaValue.valueOf(name), value);
            } finally {
                internalWrite = false;
            }
        }

        @Override
        boolean writable() {
            return internalWrite;
        }
    }
}
