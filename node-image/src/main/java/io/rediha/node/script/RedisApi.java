package io.rediha.node.script;

import io.rediha.node.server.RedisServer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code redis} table scripts see: call, pcall, error_reply, status_reply, sha1hex, log and
 * its levels, setresp, set_repl and its constants, replicate_commands, breakpoint, debug,
 * acl_check_cmd, register_function, and the version constants.
 *
 * <p>While a library loads (FUNCTION LOAD) only register_function, log and the constants may be
 * used, as in Redis: any other name reads as a nonexistent global.
 */
final class RedisApi {
    private static final java.util.Set<String> USABLE_WHILE_LOADING = java.util.Set.of("register_function", "log",
            "LOG_DEBUG", "LOG_VERBOSE", "LOG_NOTICE", "LOG_WARNING", "REDIS_VERSION", "REDIS_VERSION_NUM", "setresp");
    private final Scripting scripting;
    private final ApiTable table = new ApiTable();
    /** DEBUG set-disable-deny-scripts: lets scripts call no-script commands (tests only). */
    volatile boolean denyScriptsDisabled;
    /** Set while FUNCTION LOAD runs a library's code; register_function adds to it. */
    FunctionLibraries.Loading loading;

    RedisApi(Scripting scripting) {
        this.scripting = scripting;
        table.rawset("call", fn(a -> raiseIfError(scripting.call(a))));
        table.rawset("pcall", fn(scripting::call));
        table.rawset("error_reply", fn(a -> single("err", replyText(a))));
        table.rawset("status_reply", fn(a -> single("ok", a.checkstring(1))));
        table.rawset("sha1hex", fn(a -> LuaValue.valueOf(Scripting.sha1hex(bytes(a.checkstring(1))))));
        table.rawset("log", fn(this::log));
        table.rawset("setresp", fn(this::setresp));
        table.rawset("set_repl", fn(a -> {
            int mode = a.checkint(1);
            if (mode < 0 || mode > 3) {
                throw new LuaError("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
            }
            return LuaValue.NONE;
        }));
        table.rawset("replicate_commands", fn(a -> LuaValue.TRUE));
        table.rawset("breakpoint", fn(a -> LuaValue.FALSE));
        table.rawset("debug", fn(a -> LuaValue.NONE));
        table.rawset("acl_check_cmd", fn(a -> {
            if (a.narg() == 0 || scripting.server.commands().lookup(bytes(a.checkstring(1))) == null) {
                throw new LuaError("ERR Invalid command passed to redis.acl_check_cmd()");
            }
            return LuaValue.TRUE;
        }));
        table.rawset("register_function", fn(a -> {
            if (loading == null) {
                throw new LuaError("redis.register_function can only be called on FUNCTION LOAD command");
            }
            loading.register(a);
            return LuaValue.NONE;
        }));
        table.rawset("LOG_DEBUG", 0);
        table.rawset("LOG_VERBOSE", 1);
        table.rawset("LOG_NOTICE", 2);
        table.rawset("LOG_WARNING", 3);
        table.rawset("REPL_NONE", 0);
        table.rawset("REPL_AOF", 1);
        table.rawset("REPL_SLAVE", 2);
        table.rawset("REPL_REPLICA", 2);
        table.rawset("REPL_ALL", 3);
        table.rawset("REDIS_VERSION", RedisServer.REDIS_VERSION);
        table.rawset("REDIS_VERSION_NUM", versionNum(RedisServer.REDIS_VERSION));
    }

    ReadOnlyTable table() {
        return table;
    }

    private static int versionNum(String v) {
        String[] p = v.split("\\.");
        return (Integer.parseInt(p[0]) << 16) | (Integer.parseInt(p[1]) << 8) | Integer.parseInt(p[2]);
    }

    private interface Body {
        Varargs apply(Varargs a);
    }

    private static VarArgFunction fn(Body body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return body.apply(a);
            }
        };
    }

    private static LuaValue raiseIfError(LuaValue v) {
        if (LuaReplies.errorText(v) != null) {
            throw new LuaError(v);
        }
        return v;
    }

    private static LuaString replyText(Varargs a) {
        LuaString s = a.checkstring(1);
        if (s.length() > 0 && s.luaByte(0) == '-') {
            return s.substring(1, s.length());
        }
        return s;
    }

    private static LuaTable single(String key, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(key, value);
        return t;
    }

    static byte[] bytes(LuaString s) {
        return java.util.Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
    }

    private Varargs log(Varargs a) {
        if (a.narg() < 2) {
            throw new LuaError("redis.log() requires two arguments or more.");
        }
        if (!a.arg1().isnumber()) {
            throw new LuaError("First argument must be a number (log level).");
        }
        int level = a.checkint(1);
        if (level < 0 || level > 3) {
            throw new LuaError("Invalid debug level.");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i <= a.narg(); i++) {
            if (i > 2) {
                sb.append(' ');
            }
            sb.append(a.arg(i).tojstring());
        }
        switch (level) {
            case 3 -> scripting.server.log().warning(sb.toString());
            case 2 -> scripting.server.log().notice(sb.toString());
            default -> scripting.server.log().verbose(sb.toString());
        }
        return LuaValue.NONE;
    }

    private Varargs setresp(Varargs a) {
        if (a.narg() != 1) {
            throw new LuaError("redis.setresp() requires one argument.");
        }
        int resp = a.checkint(1);
        if (resp != 2 && resp != 3) {
            throw new LuaError("RESP version must be 2 or 3.");
        }
        ScriptRun run = scripting.current();
        if (run != null) {
            run.scriptClient.setProtocol(resp);
        }
        return LuaValue.NONE;
    }

    /** The redis table: read-only, and limited to the loading API while a library loads. */
    final class ApiTable extends ReadOnlyTable {
        @Override
        public LuaValue get(LuaValue key) {
            if (loading != null && key.isstring() && !USABLE_WHILE_LOADING.contains(key.tojstring())) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
            return super.get(key);
        }
    }
}
