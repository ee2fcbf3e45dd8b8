package io.rediha.node.script;

import io.rediha.node.resp.RespValue;
import io.rediha.node.server.Client;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The conversion rules between Lua values and RESP replies, as Redis documents them.
 *
 * <p>RESP to Lua: integer to number, bulk to string, array to table, status to {@code {ok=...}},
 * error to {@code {err=...}}, a RESP2 null to false; with RESP3 (redis.setresp(3)) null to nil,
 * map to {@code {map=...}}, set to {@code {set=...}}, double to {@code {double=...}}, boolean to
 * boolean, big number to {@code {big_number=...}}.
 *
 * <p>Lua to RESP: number to integer (truncated), string to bulk, true to 1 (RESP3: true), false
 * and nil to null (RESP3: false for false), a table to an array that ends at its first nil, and
 * the single-field tables above back to their types.
 */
final class LuaReplies {
    private static final LuaString ERR = LuaValue.valueOf("err");
    private static final LuaString OK = LuaValue.valueOf("ok");
    private static final LuaString DOUBLE = LuaValue.valueOf("double");
    private static final LuaString MAP = LuaValue.valueOf("map");
    private static final LuaString SET = LuaValue.valueOf("set");
    private static final LuaString BIG = LuaValue.valueOf("big_number");
    private static final LuaString VERBATIM = LuaValue.valueOf("verbatim_string");
    private static final int MAX_DEPTH = 1000;

    private LuaReplies() {
    }

    // ------------------------------------------------------------------ RESP -> Lua

    static LuaValue toLua(RespValue v, int protocol) {
        if (v instanceof RespValue.Integer i) {
            return LuaValue.valueOf((double) i.value());
        }
        if (v instanceof RespValue.Bulk b) {
            return LuaValue.valueOf(b.data());
        }
        if (v instanceof RespValue.SimpleString s) {
            return single(OK, LuaValue.valueOf(s.text()));
        }
        if (v instanceof RespValue.Error e) {
            return single(ERR, LuaValue.valueOf(e.text()));
        }
        if (v instanceof RespValue.Null) {
            return protocol >= 3 ? LuaValue.NIL : LuaValue.FALSE;
        }
        if (v instanceof RespValue.Array a) {
            return array(a.items(), protocol);
        }
        if (v instanceof RespValue.Push p) {
            return array(p.items(), protocol);
        }
        if (v instanceof RespValue.Map m) {
            LuaTable t = new LuaTable();
            for (int i = 0; i + 1 < m.items().size(); i += 2) {
                t.rawset(toLua(m.items().get(i), protocol), toLua(m.items().get(i + 1), protocol));
            }
            return single(MAP, t);
        }
        if (v instanceof RespValue.Set s) {
            LuaTable t = new LuaTable();
            for (RespValue item : s.items()) {
                t.rawset(toLua(item, protocol), LuaValue.TRUE);
            }
            return single(SET, t);
        }
        if (v instanceof RespValue.Double d) {
            return single(DOUBLE, LuaValue.valueOf(d.value()));
        }
        if (v instanceof RespValue.Boolean b) {
            return LuaValue.valueOf(b.value());
        }
        if (v instanceof RespValue.BigNumber n) {
            return single(BIG, LuaValue.valueOf(n.digits()));
        }
        if (v instanceof RespValue.Verbatim vb) {
            LuaTable t = new LuaTable();
            t.rawset("format", vb.format());
            t.rawset("string", vb.text());
            return single(VERBATIM, t);
        }
        throw new IllegalStateException("unexpected reply " + v);
    }

    private static LuaTable array(List<RespValue> items, int protocol) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, toLua(items.get(i), protocol));
        }
        return t;
    }

    private static LuaTable single(LuaValue key, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(key, value);
        return t;
    }

    /** The error text of a {@code {err=...}} table, or null when {@code v} is not one. */
    static String errorText(LuaValue v) {
        if (v.istable()) {
            LuaValue e = ((LuaTable) v).rawget(ERR);
            if (e.isstring()) {
                return e.tojstring();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ Lua -> RESP

    /** Writes {@code v} as the reply to {@code c}, in {@code c}'s protocol. */
    static void reply(Client c, LuaValue v) {
        reply(c, v, 0);
    }

    private static void reply(Client c, LuaValue v, int depth) {
        if (depth > MAX_DEPTH) {
            c.addError("ERR reached lua stack limit");
            return;
        }
        switch (v.type()) {
            case LuaValue.TSTRING -> {
                LuaString s = v.checkstring();
                c.addBulk(s.m_bytes, s.m_offset, s.m_length);
            }
            case LuaValue.TBOOLEAN -> {
                if (c.protocol() >= 3) {
                    c.addBoolean(v.toboolean());
                } else if (v.toboolean()) {
                    c.addInteger(1);
                } else {
                    c.addNull();
                }
            }
            case LuaValue.TNUMBER -> c.addInteger((long) v.todouble());
            case LuaValue.TTABLE -> replyTable(c, (LuaTable) v, depth);
            default -> c.addNull();
        }
    }

    private static void replyTable(Client c, LuaTable t, int depth) {
        LuaValue err = t.rawget(ERR);
        if (err.isstring()) {
            c.addError(errorReply(err.tojstring()));
            return;
        }
        LuaValue ok = t.rawget(OK);
        if (ok.isstring()) {
            c.addSimple(ok.tojstring().replace('\r', ' ').replace('\n', ' '));
            return;
        }
        LuaValue dbl = t.rawget(DOUBLE);
        if (dbl.isnumber()) {
            c.addDouble(dbl.todouble());
            return;
        }
        LuaValue big = t.rawget(BIG);
        if (big.isstring()) {
            c.addBigNumber(big.tojstring());
            return;
        }
        LuaValue map = t.rawget(MAP);
        if (map.istable()) {
            List<LuaValue> pairs = entries((LuaTable) map);
            c.addMapLen(pairs.size() / 2);
            for (LuaValue x : pairs) {
                reply(c, x, depth + 1);
            }
            return;
        }
        LuaValue set = t.rawget(SET);
        if (set.istable()) {
            List<LuaValue> pairs = entries((LuaTable) set);
            c.addSetLen(pairs.size() / 2);
            for (int i = 0; i < pairs.size(); i += 2) {
                reply(c, pairs.get(i), depth + 1);
            }
            return;
        }
        LuaValue verbatim = t.rawget(VERBATIM);
        if (verbatim.istable()) {
            c.addVerbatim(verbatim.get("string").tojstring());
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) {
            n++;
        }
        c.addArrayLen(n);
        for (int i = 1; i <= n; i++) {
            reply(c, t.rawget(i), depth + 1);
        }
    }

    private static List<LuaValue> entries(LuaTable t) {
        List<LuaValue> out = new ArrayList<>();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                return out;
            }
            out.add(k);
            out.add(n.arg(2));
        }
    }

    /** An error table's text as a reply: sent as it is (no ERR added), only CR/LF made spaces. */
    static String errorReply(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
