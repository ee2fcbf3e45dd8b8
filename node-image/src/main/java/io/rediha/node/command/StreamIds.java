package io.rediha.node.command;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisStream;
import io.rediha.node.store.RedisStream.Id;
import java.util.Iterator;

/**
 * Stream ID arguments as Redis reads them ({@code ms-seq}, {@code ms} alone, {@code -} and
 * {@code +}, {@code (} for an exclusive bound, {@code ms-*} in XADD), and the reply shape of
 * stream entries shared by XRANGE, XREAD, XCLAIM and XINFO.
 */
final class StreamIds {
    private StreamIds() {
    }

    static final String INVALID_ID = "ERR Invalid stream ID specified as stream command argument";

    /** What {@link #parse} found: the ID, and whether the sequence was given (false for {@code ms-*}). */
    record Parsed(Id id, boolean seqGiven) {
    }

    /**
     * Parses an ID; {@code missingSeq} fills a sequence left out; {@code strict} refuses {@code -}
     * and {@code +}; {@code allowAutoSeq} accepts {@code ms-*}. Null when invalid.
     */
    static Parsed parse(byte[] a, long missingSeq, boolean strict, boolean allowAutoSeq) {
        if (a.length > 127) {
            return null;
        }
        if (a.length == 1 && (a[0] == '-' || a[0] == '+')) {
            if (strict) {
                return null;
            }
            return new Parsed(a[0] == '-' ? Id.MIN : Id.MAX, true);
        }
        int dash = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == '-') {
                dash = i;
                break;
            }
        }
        String s = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1);
        String msText = dash < 0 ? s : s.substring(0, dash);
        Long ms = parseUnsigned(msText);
        if (ms == null) {
            return null;
        }
        if (dash < 0) {
            return new Parsed(new Id(ms, missingSeq), true);
        }
        String seqText = s.substring(dash + 1);
        if (allowAutoSeq && seqText.equals("*")) {
            return new Parsed(new Id(ms, 0), false);
        }
        Long seq = parseUnsigned(seqText);
        return seq == null ? null : new Parsed(new Id(ms, seq), true);
    }

    /**
     * An unsigned 64-bit number as Redis's string2ull reads it: a strict decimal first, else the C
     * library's lenient reading (leading blanks, a sign, leading zeros), refusing overflow.
     */
    private static Long parseUnsigned(String t) {
        long strict = io.rediha.node.store.Numbers.parseStrict(t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        if (strict != Long.MIN_VALUE) {
            return strict < 0 ? null : strict;
        }
        int i = 0;
        while (i < t.length() && (t.charAt(i) == ' ' || (t.charAt(i) >= '\t' && t.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        if (i >= t.length()) {
            return null;
        }
        long v = 0;
        for (; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
            long digit = ch - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                return null;
            }
            v = v * 10 + digit;
        }
        return negative ? -v : v;
    }

    /** A strict ID (no {@code -}/{@code +}) or the invalid-ID error. */
    static Id strictOrThrow(byte[] a) {
        Parsed p = parse(a, 0, true, false);
        if (p == null) {
            throw new CommandException(INVALID_ID);
        }
        return p.id();
    }

    /** An ID with {@code -}/{@code +} allowed, or the invalid-ID error. */
    static Id orThrow(byte[] a, long missingSeq) {
        Parsed p = parse(a, missingSeq, false, false);
        if (p == null) {
            throw new CommandException(INVALID_ID);
        }
        return p.id();
    }

    /**
     * A range bound: {@code (id} is exclusive (and then strict), which moves it by one toward the
     * other bound; errors as XRANGE sends them.
     */
    static Id bound(byte[] a, boolean start) {
        boolean exclusive = a.length > 1 && a[0] == '(';
        if (!exclusive) {
            return orThrow(a, start ? 0 : -1);
        }
        byte[] rest = java.util.Arrays.copyOfRange(a, 1, a.length);
        Parsed p = parse(rest, start ? 0 : -1, true, false);
        if (p == null) {
            throw new CommandException(INVALID_ID);
        }
        Id moved = start ? p.id().next() : p.id().previous();
        if (moved == null) {
            throw new CommandException(start ? "ERR invalid start ID for the interval" : "ERR invalid end ID for the interval");
        }
        return moved;
    }

    /** One entry as {@code [id, [field, value, ...]]}. */
    static void replyEntry(Client c, RedisStream.Entry e) {
        c.addArrayLen(2);
        c.addBulk(e.id.bytes());
        c.addArrayLen(e.fieldsAndValues.length);
        for (byte[] b : e.fieldsAndValues) {
            c.addBulk(b);
        }
    }

    /** Up to {@code count} entries (0: all) of a range, as an array; returns how many. */
    static int replyRange(Client c, RedisStream s, Id start, Id end, long count, boolean reverse) {
        java.util.List<RedisStream.Entry> out = new java.util.ArrayList<>();
        Iterator<RedisStream.Entry> it = s.range(start, end, reverse);
        while (it.hasNext() && (count == 0 || out.size() < count)) {
            out.add(it.next());
        }
        c.addArrayLen(out.size());
        for (RedisStream.Entry e : out) {
            replyEntry(c, e);
        }
        return out.size();
    }
}
