package io.rediha.node.command;

import java.util.Comparator;

/**
 * Sorts only the part of an array that a caller will read, as Redis does for GEO searches with a
 * COUNT smaller than the matches: a Bentley-McIlroy quicksort (median of three, ninther above 40
 * elements, three-way partition, insertion sort below 7) that skips partitions lying wholly
 * outside the wanted positions.
 *
 * <p>It is not stable. The exact steps are kept because they decide where equal elements end up,
 * and with them which of several members at the same distance make the COUNT cut: replies then
 * match redis-server's even then.
 */
final class PartialQuickSort {
    private PartialQuickSort() {
    }

    /** Puts positions {@code from}..{@code to} (inclusive) of {@code a} in their sorted order. */
    static <T> void sort(T[] a, Comparator<? super T> cmp, int from, int to) {
        sort(a, 0, a.length, cmp, from, to);
    }

    private static <T> void sort(T[] a, int base, int n, Comparator<? super T> cmp, int from, int to) {
        while (true) {
            if (n < 7) {
                for (int m = base + 1; m < base + n; m++) {
                    for (int l = m; l > base && cmp.compare(a[l - 1], a[l]) > 0; l--) {
                        swap(a, l, l - 1);
                    }
                }
                return;
            }
            int pm = base + n / 2;
            if (n > 7) {
                int pl = base;
                int pn = base + n - 1;
                if (n > 40) {
                    int d = n / 8;
                    pl = median(a, pl, pl + d, pl + 2 * d, cmp);
                    pm = median(a, pm - d, pm, pm + d, cmp);
                    pn = median(a, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = median(a, pl, pm, pn, cmp);
            }
            swap(a, base, pm);
            // Elements equal to the pivot gather at both ends, then move to the middle.
            int pa = base + 1;
            int pb = pa;
            int pc = base + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(a[pb], a[base])) <= 0) {
                    if (r == 0) {
                        swap(a, pa++, pb);
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(a[pc], a[base])) >= 0) {
                    if (r == 0) {
                        swap(a, pc, pd--);
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(a, pb++, pc--);
            }
            int end = base + n;
            int r = Math.min(pa - base, pb - pa);
            swapRuns(a, base, pb - r, r);
            r = Math.min(pd - pc, end - pd - 1);
            swapRuns(a, pb, end - r, r);
            r = pb - pa;
            if (r > 1 && overlaps(base, r, from, to)) {
                sort(a, base, r, cmp, from, to);
            }
            r = pd - pc;
            if (r > 1) {
                base = end - r;
                n = r;
                if (overlaps(base, n, from, to)) {
                    continue;
                }
            }
            return;
        }
    }

    private static boolean overlaps(int base, int n, int from, int to) {
        return !((from < base && to < base) || (from >= base + n && to >= base + n));
    }

    private static <T> int median(T[] a, int i, int j, int k, Comparator<? super T> cmp) {
        return cmp.compare(a[i], a[j]) < 0
                ? (cmp.compare(a[j], a[k]) < 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? k : i))
                : (cmp.compare(a[j], a[k]) > 0 ? j : (cmp.compare(a[i], a[k]) < 0 ? i : k));
    }

    private static <T> void swap(T[] a, int i, int j) {
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static <T> void swapRuns(T[] a, int i, int j, int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }
}
