package io.rediha.node.script;

import java.util.IdentityHashMap;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code cjson} library as Redis ships it: {@code encode}, {@code decode} and {@code null}.
 * Tables whose keys are exactly 1..n encode as arrays, others as objects; numbers encode with
 * 14 significant digits; JSON null decodes to {@code cjson.null}.
 */
final class Cjson {
    static final LuaValue NULL = new LuaUserdata(new Object());
    private static final int MAX_DEPTH = 1000;

    private Cjson() {
    }

    static LuaTable library() {
        LuaTable t = new LuaTable();
        t.rawset("encode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                if (a.narg() != 1) {
                    throw new LuaError("bad argument #1 to 'encode' (expected 1 argument)");
                }
                StringBuilder sb = new StringBuilder();
                encode(a.arg1(), sb, 0, new IdentityHashMap<>());
                return LuaValue.valueOf(sb.toString());
            }
        });
        t.rawset("decode", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                LuaString s = a.checkstring(1);
                Decoder d = new Decoder(s.tojstring());
                LuaValue v = d.value(0);
                d.skipSpace();
                if (d.pos < d.text.length()) {
                    d.fail("the end");
                }
                return v;
            }
        });
        t.rawset("null", NULL);
        return t;
    }

    private static void encode(LuaValue v, StringBuilder sb, int depth, IdentityHashMap<LuaValue, Boolean> seen) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (" + (MAX_DEPTH + 1) + ")");
        }
        switch (v.type()) {
            case LuaValue.TNIL -> sb.append("null");
            case LuaValue.TBOOLEAN -> sb.append(v.toboolean());
            case LuaValue.TNUMBER -> sb.append(formatNumber(v.todouble()));
            case LuaValue.TSTRING -> quote(v.tojstring(), sb);
            case LuaValue.TTABLE -> encodeTable((LuaTable) v, sb, depth, seen);
            default -> {
                if (v == NULL) {
                    sb.append("null");
                } else {
                    throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
                }
            }
        }
    }

    private static void encodeTable(LuaTable t, StringBuilder sb, int depth, IdentityHashMap<LuaValue, Boolean> seen) {
        int max = arrayLength(t);
        if (max >= 0) {
            sb.append('[');
            for (int i = 1; i <= max; i++) {
                if (i > 1) {
                    sb.append(',');
                }
                encode(t.rawget(i), sb, depth + 1, seen);
            }
            sb.append(']');
            return;
        }
        sb.append('{');
        boolean first = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (k.type() == LuaValue.TSTRING) {
                quote(k.tojstring(), sb);
            } else if (k.type() == LuaValue.TNUMBER) {
                quote(formatNumber(k.todouble()), sb);
            } else {
                throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
            }
            sb.append(':');
            encode(n.arg(2), sb, depth + 1, seen);
        }
        sb.append('}');
    }

    /** n when the keys are exactly the integers 1..n (n may be 0 for an empty table), else -1. */
    private static int arrayLength(LuaTable t) {
        int count = 0;
        int max = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            if (!k.isinttype() || k.toint() < 1) {
                return -1;
            }
            max = Math.max(max, k.toint());
            count++;
        }
        if (max > count && max > 10 && max > count * 2) {
            throw new LuaError("Cannot serialise table: excessively sparse array");
        }
        return max;
    }

    static String formatNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e14) {
            return Long.toString((long) d);
        }
        String s = String.format("%.14g", d);
        if (s.contains("e")) {
            String[] p = s.split("e");
            String m = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
            return m + "e" + p[1];
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '/' -> sb.append("\\/");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A recursive-descent JSON reader producing Lua values. */
    private static final class Decoder {
        final String text;
        int pos;

        Decoder(String text) {
            this.text = text;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        void fail(String expected) {
            throw new LuaError("Expected " + expected + " but found invalid token at character " + (pos + 1));
        }

        LuaValue value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new LuaError("Found too many nested data structures (" + (MAX_DEPTH + 1) + ") at character " + (pos + 1));
            }
            skipSpace();
            if (pos >= text.length()) {
                fail("value");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return object(depth);
            }
            if (c == '[') {
                return array(depth);
            }
            if (c == '"') {
                return LuaValue.valueOf(string());
            }
            if (text.startsWith("true", pos)) {
                pos += 4;
                return LuaValue.TRUE;
            }
            if (text.startsWith("false", pos)) {
                pos += 5;
                return LuaValue.FALSE;
            }
            if (text.startsWith("null", pos)) {
                pos += 4;
                return NULL;
            }
            return number();
        }

        LuaValue number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                double d = Double.parseDouble(text.substring(start, pos));
                return LuaValue.valueOf(d);
            } catch (NumberFormatException e) {
                pos = start;
                fail("value");
                return LuaValue.NIL;
            }
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            fail("unicode escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            }
            fail("closing quote");
            return "";
        }

        LuaValue array(int depth) {
            LuaTable t = new LuaTable();
            pos++;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return t;
            }
            int i = 1;
            while (true) {
                t.rawset(i++, value(depth + 1));
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) == ']') {
                    pos++;
                    return t;
                } else {
                    fail("comma or array end");
                }
            }
        }

        LuaValue object(int depth) {
            LuaTable t = new LuaTable();
            pos++;
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                return t;
            }
            while (true) {
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    fail("object key string");
                }
                String key = string();
                skipSpace();
                if (pos >= text.length() || text.charAt(pos) != ':') {
                    fail("colon");
                }
                pos++;
                t.rawset(key, value(depth + 1));
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) == '}') {
                    pos++;
                    return t;
                } else {
                    fail("comma or object end");
                }
            }
        }
    }
}
