package io.rediha.node.script;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A Lua table that refuses every change once {@link #lock locked}: the library tables scripts see
 * (redis, string, cjson, bit...). Redis 7.0 made them read-only so that one script cannot change
 * what the next one runs; rawset and setmetatable are refused too.
 *
 * <p>It extends {@link Globals} rather than LuaTable because the scripts' global table must be a
 * Globals for LuaJ to run the debug hook that SCRIPT KILL relies on, and the global table is
 * read-only too ({@link LuaSandbox}); for a library table the extra fields stay unused.
 */
class ReadOnlyTable extends Globals {
    static final String READONLY = "Attempt to modify a readonly table";
    private boolean locked;

    /** A locked copy of {@code source}'s entries. */
    static ReadOnlyTable copyOf(LuaTable source) {
        ReadOnlyTable t = new ReadOnlyTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            org.luaj.vm2.Varargs n = source.next(k);
            if ((k = n.arg1()).isnil()) {
                break;
            }
            t.rawset(k, n.arg(2));
        }
        t.lock();
        return t;
    }

    void lock() {
        locked = true;
    }

    boolean isLocked() {
        return locked;
    }

    /** True when a locked table may still be written (the sandbox setting KEYS and ARGV). */
    boolean writable() {
        return false;
    }

    private void refuseIfLocked() {
        if (locked && !writable()) {
            throw new LuaError(READONLY);
        }
    }

    @Override
    public void rawset(LuaValue key, LuaValue value) {
        refuseIfLocked();
        super.rawset(key, value);
    }

    @Override
    public void rawset(int key, LuaValue value) {
        refuseIfLocked();
        super.rawset(key, value);
    }

    @Override
    public LuaValue setmetatable(LuaValue metatable) {
        refuseIfLocked();
        return super.setmetatable(metatable);
    }

    @Override
    public void insert(int pos, LuaValue value) {
        refuseIfLocked();
        super.insert(pos, value);
    }

    @Override
    public LuaValue remove(int pos) {
        refuseIfLocked();
        return super.remove(pos);
    }

    @Override
    public void sort(LuaValue comparator) {
        refuseIfLocked();
        super.sort(comparator);
    }
}
