package io.rediha.node.store;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A sorted set: a {@link Dict} from member to node for O(1) ZSCORE, and a skip list ordered by
 * (score, member) with spans, so ranks (ZRANK, ZRANGE by index) are O(log N).
 *
 * <p>Encoding name: Redis keeps small sorted sets in a listpack; the order clients see is the same
 * (by score, then member), so this class always uses the skip list and only reports
 * {@code listpack} while the set is within {@code zset-max-listpack-entries} and
 * {@code zset-max-listpack-value}, switching to {@code skiplist} for good once it is not.
 */
public final class RedisZSet extends RedisValue {
    private static final int MAX_LEVEL = 32;

    /** One element. */
    public static final class ZNode {
        public final byte[] member;
        public double score;
        ZNode backward;
        final ZNode[] forward;
        final int[] span;

        ZNode(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.forward = new ZNode[level];
            this.span = new int[level];
        }

        /** The next element in ascending order, or null. */
        public ZNode next() {
            return forward[0];
        }

        /** The previous element, or null. */
        public ZNode prev() {
            return backward;
        }
    }

    /** A score interval: {@code (min} / {@code [min}, with infinities. */
    public record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        public boolean aboveMin(double v) {
            return minExclusive ? v > min : v >= min;
        }

        public boolean belowMax(double v) {
            return maxExclusive ? v < max : v <= max;
        }

        public boolean isEmpty() {
            return min > max || (min == max && (minExclusive || maxExclusive));
        }
    }

    /** A lexicographic interval; null bound means infinite ({@code -} / {@code +}). */
    public record LexRange(byte[] min, boolean minExclusive, boolean minInfinite,
                           byte[] max, boolean maxExclusive, boolean maxInfinite) {
        public boolean aboveMin(byte[] v) {
            if (minInfinite) {
                return min == null;
            }
            int c = Arrays.compareUnsigned(v, min);
            return minExclusive ? c > 0 : c >= 0;
        }

        public boolean belowMax(byte[] v) {
            if (maxInfinite) {
                return max == null;
            }
            int c = Arrays.compareUnsigned(v, max);
            return maxExclusive ? c < 0 : c <= 0;
        }
    }

    private final Dict dict = new Dict();
    private final ZNode header = new ZNode(null, 0, MAX_LEVEL);
    private ZNode tail;
    private int level = 1;
    private int length;
    private boolean big;

    public RedisZSet() {
        grow(MAX_LEVEL * 12L + 96);
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return big ? "skiplist" : "listpack";
    }

    @Override
    public int size() {
        return length;
    }

    public Dict dict() {
        return dict;
    }

    /** The score of {@code member}, or null. */
    public Double score(byte[] member) {
        Dict.Node n = dict.find(member);
        return n == null ? null : ((ZNode) n.value).score;
    }

    private static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return Arrays.compareUnsigned(m1, m2);
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && r.nextInt(4) == 0) {
            lvl++;
        }
        return lvl;
    }

    /**
     * Sets the score of {@code member}, adding it if absent. Returns true when the member is new.
     */
    public boolean add(byte[] member, double score) {
        Dict.Node n = dict.find(member);
        if (n != null) {
            ZNode z = (ZNode) n.value;
            if (z.score != score) {
                deleteNode(z.score, z.member);
                ZNode fresh = insertNode(z.member, score);
                n.value = fresh;
            }
            return false;
        }
        ZNode z = insertNode(member, score);
        dict.put(member, z);
        grow(nodeBytes(z));
        if (!big && (length > EncodingLimits.zsetMaxListpackEntries || member.length > EncodingLimits.zsetMaxListpackValue)) {
            big = true;
        }
        return true;
    }

    private static long nodeBytes(ZNode z) {
        return 40 + 16 + 4L * z.forward.length + 16 + 4L * z.span.length
                + MemoryMeter.arrayBytes(z.member.length) + MemoryMeter.NODE + 4;
    }

    /** Removes {@code member}; true when it was there. */
    public boolean remove(byte[] member) {
        Dict.Node n = dict.remove(member);
        if (n == null) {
            return false;
        }
        ZNode z = (ZNode) n.value;
        deleteNode(z.score, z.member);
        grow(-nodeBytes(z));
        return true;
    }

    private ZNode insertNode(byte[] member, double score) {
        ZNode[] update = new ZNode[MAX_LEVEL];
        int[] rank = new int[MAX_LEVEL];
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = new ZNode(member, score, lvl);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    private void deleteNode(double score, byte[] member) {
        ZNode[] update = new ZNode[MAX_LEVEL];
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || x.score != score || !Arrays.equals(x.member, member)) {
            throw new IllegalStateException("skip list out of step with dict");
        }
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** 0-based ascending rank of {@code member}, or -1 when absent. */
    public long rank(byte[] member) {
        Dict.Node n = dict.find(member);
        if (n == null) {
            return -1;
        }
        ZNode target = (ZNode) n.value;
        long rank = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null
                    && compare(x.forward[i].score, x.forward[i].member, target.score, target.member) <= 0) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x == target) {
                return rank - 1;
            }
        }
        return -1;
    }

    /** The element at 0-based ascending rank, or null. */
    public ZNode byRank(long rank) {
        if (rank < 0 || rank >= length) {
            return null;
        }
        long target = rank + 1;
        long traversed = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }

    public ZNode first() {
        return header.forward[0];
    }

    public ZNode last() {
        return tail;
    }

    /** The lowest element within {@code r}, or null. */
    public ZNode firstInRange(ScoreRange r) {
        if (r.isEmpty() || tail == null || !r.aboveMin(tail.score) || !r.belowMax(first().score)) {
            return null;
        }
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !r.aboveMin(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        x = x.forward[0];
        return x != null && r.belowMax(x.score) ? x : null;
    }

    /** The highest element within {@code r}, or null. */
    public ZNode lastInRange(ScoreRange r) {
        if (r.isEmpty() || tail == null || !r.aboveMin(tail.score) || !r.belowMax(first().score)) {
            return null;
        }
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && r.belowMax(x.forward[i].score)) {
                x = x.forward[i];
            }
        }
        return x != header && r.aboveMin(x.score) ? x : null;
    }

    /** The lowest element within the lexicographic range, or null. */
    public ZNode firstInLex(LexRange r) {
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && !r.aboveMin(x.forward[i].member)) {
                x = x.forward[i];
            }
        }
        x = x.forward[0];
        return x != null && r.belowMax(x.member) ? x : null;
    }

    /** The highest element within the lexicographic range, or null. */
    public ZNode lastInLex(LexRange r) {
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && r.belowMax(x.forward[i].member)) {
                x = x.forward[i];
            }
        }
        return x != header && r.aboveMin(x.member) ? x : null;
    }

    @Override
    public RedisValue copy() {
        RedisZSet z = new RedisZSet();
        for (ZNode x = first(); x != null; x = x.next()) {
            z.add(x.member.clone(), x.score);
        }
        return z;
    }
}
