package io.rediha.node.command;

import io.rediha.node.store.Dict;
import io.rediha.node.store.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** HSCAN/SSCAN/ZSCAN over a hashtable-encoded value: the same cursor walk as SCAN. */
final class ScanSupport {
    private ScanSupport() {
    }

    /** Walks buckets from {@code cursor} until COUNT entries are seen; returns the next cursor. */
    static long scanDict(Dict table, long cursor, ScanOptions o, BiConsumer<Dict.Node, List<byte[]>> emit,
                         List<byte[]> out) {
        List<Dict.Node> seen = new ArrayList<>();
        int buckets = 0;
        int maxBuckets = (int) Math.min(Integer.MAX_VALUE, o.count * 10L);
        do {
            cursor = table.scan(cursor, seen::add);
            buckets++;
        } while (cursor != 0 && seen.size() < o.count && buckets < maxBuckets);
        for (Dict.Node n : seen) {
            if (o.pattern == null || Glob.matches(o.pattern, n.key, false)) {
                emit.accept(n, out);
            }
        }
        return cursor;
    }
}
