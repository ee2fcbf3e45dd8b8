package io.rediha.node.command;

import io.rediha.node.server.Client;
import java.util.ArrayList;
import java.util.List;

/**
 * LCS: the longest common subsequence of two strings, by dynamic programming over their lengths,
 * with the LEN, IDX, MINMATCHLEN and WITHMATCHLEN options. Matches are reported from the end of the
 * strings backwards, as Redis reports them.
 */
final class Lcs {
    private Lcs() {
    }

    static void lcs(Client c, byte[][] a) {
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < a.length; i++) {
            if (Args.is(a[i], "idx")) {
                getIdx = true;
            } else if (Args.is(a[i], "len")) {
                getLen = true;
            } else if (Args.is(a[i], "withmatchlen")) {
                withMatchLen = true;
            } else if (Args.is(a[i], "minmatchlen") && i + 1 < a.length) {
                minMatchLen = Math.max(0, Args.parseLong(a[++i]));
            } else {
                throw CommandException.syntax();
            }
        }
        Object va = Lookup.read(c, a[1]);
        Object vb = Lookup.read(c, a[2]);
        if ((va != null && !(va instanceof byte[])) || (vb != null && !(vb instanceof byte[]))) {
            throw new CommandException("ERR The specified keys must contain string values");
        }
        if (getLen && getIdx) {
            throw new CommandException("ERR If you want both the length and indexes, please just use IDX.");
        }
        byte[] x = va == null ? new byte[0] : (byte[]) va;
        byte[] y = vb == null ? new byte[0] : (byte[]) vb;
        int alen = x.length;
        int blen = y.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > c.server().config().getLong("proto-max-bulk-len") || cells > Integer.MAX_VALUE - 8) {
            throw new CommandException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int w = blen + 1;
        int[] t = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                t[i * w + j] = x[i - 1] == y[j - 1] ? t[(i - 1) * w + j - 1] + 1
                        : Math.max(t[(i - 1) * w + j], t[i * w + j - 1]);
            }
        }
        int len = t[alen * w + blen];
        if (getLen) {
            c.addInteger(len);
            return;
        }
        byte[] result = new byte[len];
        int idx = len;
        List<long[]> matches = new ArrayList<>();
        int i = alen;
        int j = blen;
        int aStart = alen;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                result[--idx] = x[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                i--;
                j--;
            } else {
                int up = t[(i - 1) * w + j];
                int left = t[i * w + j - 1];
                if (up > left) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLen = aEnd - aStart + 1;
                if (minMatchLen == 0 || matchLen >= minMatchLen) {
                    matches.add(new long[]{aStart, aEnd, bStart, bEnd, matchLen});
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            c.addBulk(result);
            return;
        }
        c.addMapLen(2);
        c.addBulk("matches");
        c.addArrayLen(matches.size());
        for (long[] m : matches) {
            c.addArrayLen(withMatchLen ? 3 : 2);
            c.addArrayLen(2);
            c.addInteger(m[0]);
            c.addInteger(m[1]);
            c.addArrayLen(2);
            c.addInteger(m[2]);
            c.addInteger(m[3]);
            if (withMatchLen) {
                c.addInteger(m[4]);
            }
        }
        c.addBulk("len");
        c.addInteger(len);
    }
}
