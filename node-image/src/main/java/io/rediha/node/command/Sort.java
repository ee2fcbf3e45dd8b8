package io.rediha.node.command;

import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.LIST;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisHash;
import io.rediha.node.store.RedisList;
import io.rediha.node.store.RedisSet;
import io.rediha.node.store.RedisZSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO: sorts the elements of a list, set or sorted set numerically (or with ALPHA as
 * bytes), optionally by the values of other keys (BY pattern, {@code *} replaced by the element,
 * {@code ->field} for a hash field), fetching other keys (GET), with LIMIT, and storing a list.
 * Equal weights are ordered by the elements themselves, as Redis does.
 */
final class Sort {
    private Sort() {
    }

    private record Item(byte[] element, byte[] weightText, double weight) {
    }

    private static boolean mayReadAnyKey(Client c, byte[][] a, boolean readOnly) {
        return c.server().acl().mayReadAnyKey(c, c.server().commands().get(readOnly ? "sort_ro" : "sort"), a);
    }

    static void sort(Client c, byte[][] a, boolean readOnly) {
        byte[] by = null;
        boolean noSort = false;
        long offset = 0;
        long count = -1;
        List<byte[]> gets = new ArrayList<>();
        boolean desc = false;
        boolean alpha = false;
        byte[] store = null;
        for (int i = 2; i < a.length; i++) {
            int left = a.length - i - 1;
            if (Args.is(a[i], "asc")) {
                desc = false;
            } else if (Args.is(a[i], "desc")) {
                desc = true;
            } else if (Args.is(a[i], "alpha")) {
                alpha = true;
            } else if (Args.is(a[i], "limit") && left >= 2) {
                offset = Args.parseLong(a[i + 1]);
                count = Args.parseLong(a[i + 2]);
                i += 2;
            } else if (Args.is(a[i], "store") && left >= 1 && !readOnly) {
                store = a[++i];
            } else if (Args.is(a[i], "by") && left >= 1) {
                by = a[++i];
                if (indexOfStar(by) < 0) {
                    noSort = true;
                } else if (!mayReadAnyKey(c, a, readOnly)) {
                    throw new CommandException("ERR BY option of SORT denied due to insufficient ACL permissions.");
                }
            } else if (Args.is(a[i], "get") && left >= 1) {
                if (!mayReadAnyKey(c, a, readOnly)) {
                    throw new CommandException("ERR GET option of SORT denied due to insufficient ACL permissions.");
                }
                gets.add(a[++i]);
            } else {
                throw CommandException.syntax();
            }
        }
        Object v = store == null ? Lookup.read(c, a[1]) : c.db().get(a[1]);
        List<byte[]> elements = new ArrayList<>();
        if (v instanceof RedisList l) {
            elements.addAll(l.toList());
        } else if (v instanceof RedisSet s) {
            elements.addAll(s.members());
        } else if (v instanceof RedisZSet z) {
            for (RedisZSet.ZNode n = z.first(); n != null; n = n.next()) {
                elements.add(n.member);
            }
        } else if (v != null) {
            throw CommandException.wrongType();
        }
        List<Item> items = new ArrayList<>(elements.size());
        for (byte[] e : elements) {
            byte[] w = noSort ? null : by != null ? lookup(c, by, e) : e;
            double d = 0;
            if (!noSort && !alpha && w != null) {
                try {
                    d = Args.parseDouble(w);
                } catch (CommandException ex) {
                    throw new CommandException("ERR One or more scores can't be converted into double");
                }
            }
            items.add(new Item(e, w, d));
        }
        if (!noSort) {
            boolean alphaSort = alpha;
            Comparator<Item> cmp = (x, y) -> {
                int r;
                if (alphaSort) {
                    if (x.weightText == null || y.weightText == null) {
                        r = x.weightText == y.weightText ? 0 : x.weightText == null ? -1 : 1;
                    } else {
                        r = Arrays.compareUnsigned(x.weightText, y.weightText);
                    }
                } else {
                    r = Double.compare(x.weight, y.weight);
                }
                return r != 0 ? r : Arrays.compareUnsigned(x.element, y.element);
            };
            items.sort(desc ? cmp.reversed() : cmp);
        } else if (desc && (v instanceof RedisList || v instanceof RedisZSet)) { // their own order, reversed
            java.util.Collections.reverse(items);
        }
        int start = (int) Math.max(0, Math.min(offset, items.size()));
        int end = count < 0 ? items.size() : (int) Math.min(items.size(), start + count);
        List<Item> slice = items.subList(start, Math.max(start, end));
        List<byte[]> out = new ArrayList<>();
        for (Item it : slice) {
            if (gets.isEmpty()) {
                out.add(it.element);
            } else {
                for (byte[] g : gets) {
                    out.add(g.length == 1 && g[0] == '#' ? it.element : lookup(c, g, it.element));
                }
            }
        }
        if (store == null) {
            c.addBulkArray(out);
            return;
        }
        boolean existed = c.db().exists(store);
        c.db().delete(store);
        if (!out.isEmpty()) {
            RedisList l = new RedisList();
            for (byte[] b : out) {
                l.addLast(b == null ? new byte[0] : b);
            }
            c.db().add(store, l);
            Writes.changed(c, store, LIST, "sortstore");
        } else if (existed) {
            Writes.changed(c, store, GENERIC, "del");
        }
        c.addInteger(out.size());
    }

    private static int indexOfStar(byte[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    /** The value named by {@code pattern} for {@code element}: a string key, or {@code key->field}. */
    private static byte[] lookup(Client c, byte[] pattern, byte[] element) {
        int star = indexOfStar(pattern);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        int keyEnd = arrow < 0 ? pattern.length : arrow;
        byte[] key = new byte[keyEnd - 1 + element.length];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Object v = c.db().get(key);
        if (arrow < 0) {
            return v instanceof byte[] b ? b : null;
        }
        byte[] field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
        return v instanceof RedisHash h ? h.get(field) : null;
    }
}
