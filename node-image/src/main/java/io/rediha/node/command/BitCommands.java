package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.STRING;

import io.rediha.node.server.Client;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bit commands over string values: SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO.
 * Bit 0 is the most significant bit of the first byte, as in Redis. SETBIT and BITFIELD change the
 * string in place when it need not grow.
 */
public final class BitCommands implements CommandGroup {
    private static final long MAX_BIT_OFFSET = 4L * 1024 * 1024 * 1024 - 1;

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("setbit", 4, WRITE, DENYOOM).since("2.2.0").summary("Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.")
                .handler(BitCommands::setbit).build());
        t.register(spec("getbit", 3, READONLY, FAST).since("2.2.0").summary("Returns a bit value by offset.")
                .handler(BitCommands::getbit).build());
        t.register(spec("bitcount", -2, READONLY).since("2.6.0").summary("Counts the number of set bits (population counting) in a string.")
                .handler(BitCommands::bitcount).build());
        t.register(spec("bitpos", -3, READONLY).since("2.8.7").summary("Finds the first set (1) or clear (0) bit in a string.")
                .handler(BitCommands::bitpos).build());
        t.register(CommandSpec.builder("bitop", -4).flags(WRITE, DENYOOM).keys(2, -1, 1).group("bitmap").since("2.6.0")
                .summary("Performs bitwise operations on multiple strings, and stores the result.").handler(BitCommands::bitop).build());
        t.register(spec("bitfield", -2, WRITE, DENYOOM).since("3.2.0").summary("Performs arbitrary bitfield integer operations on strings.")
                .handler((c, a) -> bitfield(c, a, false)).build());
        t.register(spec("bitfield_ro", -2, READONLY, FAST).since("6.0.0").summary("Performs arbitrary read-only bitfield integer operations on strings.")
                .handler((c, a) -> bitfield(c, a, true)).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).keys(1, 1, 1).group("bitmap");
    }

    private static long bitOffset(byte[] a) {
        long v = Args.parseLongOrMin(a);
        if (v < 0 || v > MAX_BIT_OFFSET) {
            throw new CommandException(ErrorReplies.BIT_OFFSET);
        }
        return v;
    }

    /** The string at {@code key}, grown with zero bytes to at least {@code bytes}, stored back if grown. */
    private static byte[] growTo(Client c, byte[] key, long bytes) {
        byte[] v = Lookup.writeString(c, key);
        StringCommands.checkStringLength(c, bytes);
        if (v == null) {
            v = new byte[(int) bytes];
            c.db().add(key, v);
        } else if (v.length < bytes) {
            v = Arrays.copyOf(v, (int) bytes);
            c.db().setKeepTtl(key, v);
        } else {
            v = c.db().writableString(key, v); // the caller changes it in place
        }
        return v;
    }

    static void setbit(Client c, byte[][] a) {
        long offset = bitOffset(a[2]);
        long bit = Args.parseLongOrMin(a[3]);
        if (bit != 0 && bit != 1) {
            throw new CommandException(ErrorReplies.BIT_VALUE);
        }
        byte[] before = Lookup.writeString(c, a[1]);
        byte[] v = growTo(c, a[1], (offset >> 3) + 1);
        int idx = (int) (offset >> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (v[idx] & mask) != 0 ? 1 : 0;
        if (bit == 1) {
            v[idx] |= (byte) mask;
        } else {
            v[idx] &= (byte) ~mask;
        }
        if (v != before || old != bit) { // created, grown or flipped: only then is it a change
            Writes.changed(c, a[1], STRING, "setbit");
        }
        c.addInteger(old);
    }

    static void getbit(Client c, byte[][] a) {
        long offset = bitOffset(a[2]);
        byte[] v = Lookup.readString(c, a[1]);
        int idx = (int) (offset >> 3);
        if (v == null || idx >= v.length) {
            c.addInteger(0);
            return;
        }
        c.addInteger((v[idx] & (1 << (7 - (int) (offset & 7)))) != 0 ? 1 : 0);
    }

    /** Resolves start/end (negative from the end) in units of bytes or bits; null when empty. */
    private static long[] range(long start, long end, long total) {
        if (start < 0) {
            start = total + start;
        }
        if (end < 0) {
            end = total + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (end < 0) {
            end = 0;
        }
        if (end >= total) {
            end = total - 1;
        }
        if (start > end) {
            return null;
        }
        return new long[]{start, end};
    }

    private static boolean bitUnit(byte[][] a, int at) {
        if (at >= a.length) {
            return false;
        }
        if (Args.is(a[at], "bit")) {
            return true;
        }
        if (Args.is(a[at], "byte")) {
            return false;
        }
        throw CommandException.syntax();
    }

    private static int bitAt(byte[] v, long bit) {
        return (v[(int) (bit >> 3)] >> (7 - (int) (bit & 7))) & 1;
    }

    static void bitcount(Client c, byte[][] a) {
        if (a.length == 3 || a.length > 5) {
            throw CommandException.syntax();
        }
        long start = 0;
        long end = -1;
        boolean bits = false;
        if (a.length >= 4) {
            start = Args.parseLong(a[2]);
            end = Args.parseLong(a[3]);
            bits = bitUnit(a, 4);
        }
        byte[] v = Lookup.readString(c, a[1]);
        if (v == null) {
            c.addInteger(0);
            return;
        }
        long total = bits ? (long) v.length * 8 : v.length;
        long[] r = start < 0 && end < 0 && start > end ? null : range(start, end, total);
        if (r == null) {
            c.addInteger(0);
            return;
        }
        long count = 0;
        if (bits) {
            for (long b = r[0]; b <= r[1]; b++) {
                count += bitAt(v, b);
            }
        } else {
            for (long i = r[0]; i <= r[1]; i++) {
                count += Integer.bitCount(v[(int) i] & 0xff);
            }
        }
        c.addInteger(count);
    }

    static void bitpos(Client c, byte[][] a) {
        long bit = Args.parseLongOrMin(a[2]);
        if (bit != 0 && bit != 1) {
            throw new CommandException("ERR The bit argument must be 1 or 0.");
        }
        if (a.length > 6) {
            throw CommandException.syntax();
        }
        boolean endGiven = a.length >= 5;
        long start = a.length >= 4 ? Args.parseLong(a[3]) : 0;
        long end = endGiven ? Args.parseLong(a[4]) : -1;
        boolean bits = bitUnit(a, 5);
        byte[] v = Lookup.readString(c, a[1]);
        if (v == null) {
            c.addInteger(bit == 1 ? -1 : 0);
            return;
        }
        long total = bits ? (long) v.length * 8 : v.length;
        long[] r = range(start, end, total);
        if (r == null) {
            c.addInteger(-1);
            return;
        }
        long firstBit = bits ? r[0] : r[0] * 8;
        long lastBit = bits ? r[1] : r[1] * 8 + 7;
        for (long b = firstBit; b <= lastBit; b++) {
            if (bitAt(v, b) == bit) {
                c.addInteger(b);
                return;
            }
        }
        // Looking for a clear bit without an explicit end: the string is padded with zeros on the right.
        if (bit == 0 && !endGiven) {
            c.addInteger(lastBit + 1);
            return;
        }
        c.addInteger(-1);
    }

    static void bitop(Client c, byte[][] a) {
        String op = Args.lower(a[1]);
        if (!op.equals("and") && !op.equals("or") && !op.equals("xor") && !op.equals("not")) {
            throw CommandException.syntax();
        }
        if (op.equals("not") && a.length != 4) {
            throw new CommandException("ERR BITOP NOT must be called with a single source key.");
        }
        List<byte[]> srcs = new ArrayList<>();
        int max = 0;
        for (int i = 3; i < a.length; i++) {
            byte[] v = Lookup.writeString(c, a[i]);
            srcs.add(v == null ? new byte[0] : v);
            max = Math.max(max, v == null ? 0 : v.length);
        }
        byte[] out = new byte[max];
        for (int i = 0; i < max; i++) {
            int acc = byteAt(srcs.get(0), i);
            if (op.equals("not")) {
                acc = ~acc;
            } else {
                for (int k = 1; k < srcs.size(); k++) {
                    int b = byteAt(srcs.get(k), i);
                    acc = switch (op) {
                        case "and" -> acc & b;
                        case "or" -> acc | b;
                        default -> acc ^ b;
                    };
                }
            }
            out[i] = (byte) acc;
        }
        byte[] dest = a[2];
        if (max == 0) {
            if (c.db().delete(dest)) {
                Writes.changed(c, dest, GENERIC, "del");
            }
        } else {
            c.db().set(dest, out);
            Writes.changed(c, dest, STRING, "set");
        }
        c.addInteger(max);
    }

    private static int byteAt(byte[] v, int i) {
        return i < v.length ? v[i] & 0xff : 0;
    }

    // ------------------------------------------------------------------ BITFIELD

    private record FieldType(boolean signed, int bits) {
    }

    private static FieldType parseType(byte[] a) {
        String s = Args.str(a);
        if (s.length() >= 2 && (s.charAt(0) == 'i' || s.charAt(0) == 'u')) {
            try {
                int bits = Integer.parseInt(s.substring(1));
                boolean signed = s.charAt(0) == 'i';
                if (bits >= 1 && (signed ? bits <= 64 : bits <= 63)) {
                    return new FieldType(signed, bits);
                }
            } catch (NumberFormatException ignored) {
                // falls through to the error
            }
        }
        throw new CommandException("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
    }

    private static long parseFieldOffset(byte[] a, FieldType t) {
        boolean mul = a.length > 0 && a[0] == '#';
        long v = Args.parseLongOrMin(mul ? Arrays.copyOfRange(a, 1, a.length) : a);
        if (v == Long.MIN_VALUE || v < 0) {
            throw new CommandException(ErrorReplies.BIT_OFFSET);
        }
        if (mul) {
            v *= t.bits;
        }
        if (v > MAX_BIT_OFFSET) {
            throw new CommandException(ErrorReplies.BIT_OFFSET);
        }
        return v;
    }

    private static long readField(byte[] v, long offset, FieldType t) {
        long u = 0;
        for (int i = 0; i < t.bits; i++) {
            long bit = offset + i;
            int b = (int) (bit >> 3) < v.length ? bitAt(v, bit) : 0;
            u = (u << 1) | b;
        }
        if (t.signed && t.bits < 64 && (u & (1L << (t.bits - 1))) != 0) {
            u |= -1L << t.bits;
        }
        return u;
    }

    private static void writeField(byte[] v, long offset, FieldType t, long value) {
        for (int i = 0; i < t.bits; i++) {
            long bit = offset + i;
            int b = (int) ((value >>> (t.bits - 1 - i)) & 1);
            int idx = (int) (bit >> 3);
            int mask = 1 << (7 - (int) (bit & 7));
            if (b == 1) {
                v[idx] |= (byte) mask;
            } else {
                v[idx] &= (byte) ~mask;
            }
        }
    }

    /** Applies the overflow rule; returns null when FAIL refuses the value. */
    private static Long overflow(FieldType t, long value, java.math.BigInteger exact, char rule) {
        java.math.BigInteger min = t.signed ? java.math.BigInteger.ONE.shiftLeft(t.bits - 1).negate() : java.math.BigInteger.ZERO;
        java.math.BigInteger max = t.signed ? java.math.BigInteger.ONE.shiftLeft(t.bits - 1).subtract(java.math.BigInteger.ONE)
                : java.math.BigInteger.ONE.shiftLeft(t.bits).subtract(java.math.BigInteger.ONE);
        if (exact.compareTo(min) >= 0 && exact.compareTo(max) <= 0) {
            return exact.longValue();
        }
        return switch (rule) {
            case 's' -> exact.compareTo(min) < 0 ? min.longValue() : max.longValue();
            case 'f' -> null;
            default -> {
                java.math.BigInteger mod = java.math.BigInteger.ONE.shiftLeft(t.bits);
                java.math.BigInteger w = exact.mod(mod);
                if (t.signed && w.compareTo(max) > 0) {
                    w = w.subtract(mod);
                }
                yield w.longValue();
            }
        };
    }

    static void bitfield(Client c, byte[][] a, boolean readOnly) {
        record Op(char kind, FieldType type, long offset, long arg, char overflow) {
        }
        List<Op> ops = new ArrayList<>();
        char rule = 'w';
        boolean writes = false;
        for (int i = 2; i < a.length; i++) {
            int left = a.length - i - 1;
            if (Args.is(a[i], "get") && left >= 2) {
                FieldType t = parseType(a[i + 1]);
                ops.add(new Op('g', t, parseFieldOffset(a[i + 2], t), 0, rule));
                i += 2;
            } else if ((Args.is(a[i], "set") || Args.is(a[i], "incrby")) && left >= 3) {
                if (readOnly) {
                    throw new CommandException("ERR BITFIELD_RO only supports the GET subcommand");
                }
                char kind = Args.is(a[i], "set") ? 's' : 'i';
                FieldType t = parseType(a[i + 1]);
                long off = parseFieldOffset(a[i + 2], t);
                long arg = Args.parseLong(a[i + 3]);
                ops.add(new Op(kind, t, off, arg, rule));
                writes = true;
                i += 3;
            } else if (Args.is(a[i], "overflow") && left >= 1) {
                if (readOnly) {
                    throw new CommandException("ERR BITFIELD_RO only supports the GET subcommand");
                }
                String r = Args.lower(a[++i]);
                rule = switch (r) {
                    case "wrap" -> 'w';
                    case "sat" -> 's';
                    case "fail" -> 'f';
                    default -> throw new CommandException("ERR Invalid OVERFLOW type specified");
                };
            } else {
                throw CommandException.syntax();
            }
        }
        byte[] v;
        boolean grown = false;
        if (writes) {
            long maxByte = 0;
            for (Op op : ops) {
                if (op.kind != 'g') {
                    maxByte = Math.max(maxByte, ((op.offset + op.type.bits - 1) >> 3) + 1);
                }
            }
            byte[] before = Lookup.writeString(c, a[1]);
            v = growTo(c, a[1], maxByte);
            grown = v != before;
        } else {
            v = Lookup.readString(c, a[1]);
            if (v == null) {
                v = new byte[0];
            }
        }
        c.addArrayLen(ops.size());
        int changes = 0;
        for (Op op : ops) {
            long cur = readField(v, op.offset, op.type);
            if (op.kind == 'g') {
                c.addInteger(cur);
                continue;
            }
            java.math.BigInteger exact = op.kind == 's'
                    ? java.math.BigInteger.valueOf(op.arg)
                    : (op.type.signed ? java.math.BigInteger.valueOf(cur) : new java.math.BigInteger(Long.toUnsignedString(cur)))
                    .add(java.math.BigInteger.valueOf(op.arg));
            if (op.kind == 's' && !op.type.signed) {
                exact = java.math.BigInteger.valueOf(op.arg);
            }
            Long nv = overflow(op.type, op.kind == 's' ? op.arg : 0, exact, op.kind == 's' && op.overflow == 'w' ? 'w' : op.overflow);
            if (nv == null) {
                c.addNull();
                continue;
            }
            writeField(v, op.offset, op.type, nv);
            if (grown || nv != cur) {
                changes++;
            }
            c.addInteger(op.kind == 's' ? cur : nv);
        }
        if (changes > 0) { // as Redis: one event, but every changed field counts for save points
            Writes.changed(c, a[1], STRING, "setbit");
            c.server().dirty += changes - 1;
        }
    }
}
