package io.rediha.node.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code bit} library Redis ships (LuaBitOp): operations on 32-bit signed integers; numbers
 * are first reduced to 32 bits the way {@code bit.tobit} does.
 */
final class BitOps {
    private BitOps() {
    }

    private interface Op {
        int apply(Varargs a);
    }

    static LuaTable library() {
        LuaTable t = new LuaTable();
        add(t, "tobit", a -> tobit(a, 1));
        add(t, "bnot", a -> ~tobit(a, 1));
        add(t, "band", a -> fold(a, 0));
        add(t, "bor", a -> fold(a, 1));
        add(t, "bxor", a -> fold(a, 2));
        add(t, "lshift", a -> tobit(a, 1) << (tobit(a, 2) & 31));
        add(t, "rshift", a -> tobit(a, 1) >>> (tobit(a, 2) & 31));
        add(t, "arshift", a -> tobit(a, 1) >> (tobit(a, 2) & 31));
        add(t, "rol", a -> Integer.rotateLeft(tobit(a, 1), tobit(a, 2) & 31));
        add(t, "ror", a -> Integer.rotateRight(tobit(a, 1), tobit(a, 2) & 31));
        add(t, "bswap", a -> Integer.reverseBytes(tobit(a, 1)));
        t.rawset("tohex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                int x = tobit(a, 1);
                int n = a.isnoneornil(2) ? 8 : tobit(a, 2);
                boolean upper = n < 0;
                n = Math.min(Math.abs(n), 8);
                String hex = String.format(upper ? "%08X" : "%08x", x);
                return LuaValue.valueOf(hex.substring(8 - n));
            }
        });
        return t;
    }

    private static void add(LuaTable t, String name, Op op) {
        t.rawset(name, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs a) {
                return LuaValue.valueOf(op.apply(a));
            }
        });
    }

    private static int fold(Varargs a, int kind) {
        int r = tobit(a, 1);
        for (int i = 2; i <= a.narg(); i++) {
            int x = tobit(a, i);
            r = kind == 0 ? r & x : kind == 1 ? r | x : r ^ x;
        }
        return r;
    }

    /** LuaBitOp's normalisation: the number modulo 2^32, as a signed 32-bit value. */
    static int tobit(Varargs a, int i) {
        double d = a.checkdouble(i);
        double m = d % 4294967296.0;
        return (int) (long) m;
    }
}
