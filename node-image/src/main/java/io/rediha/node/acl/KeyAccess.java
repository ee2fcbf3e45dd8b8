package io.rediha.node.acl;

import io.rediha.node.command.CommandFlag;
import io.rediha.node.command.CommandSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Whether each key of a call is read, written, or both, which decides the key patterns that allow
 * it ({@code %R~}, {@code %W~}, {@code ~}). Redis knows this from the key specs of each command:
 * a key that is accessed (its value returned or used) needs read permission, a key inserted into,
 * updated or deleted needs write permission; INCR needs both, DEL only write, EXISTS neither.
 *
 * <p>Here a read-only command reads its keys and a write command writes them, unless the command
 * is listed in {@link #DECLARED} with the permissions of its first key and of the keys after it, as
 * Redis 7.0.15's key specs give them. SET and BITFIELD depend on their arguments (GET).
 */
final class KeyAccess {
    static final int READ = 1;
    static final int WRITE = 2;

    private KeyAccess() {
    }

    /** The permission bits needed for the key at {@code index} of the call's key list. */
    static int needed(CommandSpec cmd, byte[][] argv, int index) {
        String name = cmd.fullName();
        if (name.equals("set")) {
            return hasArg(argv, 3, "get") ? READ | WRITE : WRITE;
        }
        if (name.equals("bitfield")) {
            boolean get = hasArg(argv, 2, "get");
            boolean change = hasArg(argv, 2, "set") || hasArg(argv, 2, "incrby");
            return change ? READ | WRITE : READ; // SET and INCRBY reply the old value
        }
        int[] declared = DECLARED.get(name);
        if (declared != null) {
            return index == 0 ? declared[0] : declared[1];
        }
        if (cmd.has(CommandFlag.WRITE)) {
            return WRITE;
        }
        return cmd.has(CommandFlag.READONLY) ? READ : 0;
    }

    private static boolean hasArg(byte[][] argv, int from, String word) {
        for (int i = from; i < argv.length; i++) {
            if (new String(argv[i], java.nio.charset.StandardCharsets.ISO_8859_1).equalsIgnoreCase(word)) {
                return true;
            }
        }
        return false;
    }

    private static final Map<String, int[]> DECLARED = new HashMap<>();

    static {
        String[] rows = {
            "bitop W R",
            "blmove RW W",
            "blmpop RW",
            "blpop RW",
            "brpop RW",
            "brpoplpush RW W",
            "bzmpop RW",
            "bzpopmax RW",
            "bzpopmin RW",
            "copy R W",
            "decr RW",
            "decrby RW",
            "eval RW",
            "evalsha RW",
            "exists -",
            "fcall RW",
            "georadius R W W",
            "georadiusbymember R W W",
            "geosearchstore W R",
            "getdel RW",
            "getex RW",
            "getset RW",
            "hexists -",
            "hincrby RW",
            "hincrbyfloat RW",
            "hlen -",
            "hstrlen -",
            "incr RW",
            "incrby RW",
            "incrbyfloat RW",
            "llen -",
            "lmove RW W",
            "lmpop RW",
            "lpop RW",
            "memory|usage -",
            "migrate RW RW",
            "move RW",
            "object|encoding -",
            "object|freq -",
            "object|idletime -",
            "object|refcount -",
            "pfdebug R",
            "pfmerge RW R",
            "rename RW W",
            "renamenx RW W",
            "rpop RW",
            "rpoplpush RW W",
            "scard -",
            "sdiffstore W R",
            "setbit RW",
            "sinterstore W R",
            "sismember -",
            "smove RW W",
            "sort R R W",
            "spop RW",
            "strlen -",
            "sunionstore W R",
            "touch -",
            "type -",
            "xlen -",
            "xreadgroup R",
            "zcard -",
            "zdiffstore W R",
            "zincrby RW",
            "zinterstore W R",
            "zmpop RW",
            "zpopmax RW",
            "zpopmin RW",
            "zrangestore W R",
            "zunionstore W R",
        };
        for (String row : rows) {
            String[] w = row.split(" ");
            DECLARED.put(w[0], new int[] {bits(w[1]), bits(w[w.length - 1])});
        }
    }

    private static int bits(String perm) {
        String p = perm.toUpperCase(Locale.ROOT);
        return (p.contains("R") ? READ : 0) | (p.contains("W") ? WRITE : 0);
    }
}
