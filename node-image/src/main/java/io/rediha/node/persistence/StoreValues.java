package io.rediha.node.persistence;

import io.rediha.node.persistence.rdb.RdbValue;
import io.rediha.node.store.RedisHash;
import io.rediha.node.store.RedisList;
import io.rediha.node.store.RedisSet;
import io.rediha.node.store.RedisZSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between the store's values ({@code byte[]} strings, {@link RedisList},
 * {@link RedisHash}, {@link RedisSet}, {@link RedisZSet}) and {@link RdbValue}.
 */
public final class StoreValues {
    private StoreValues() {
    }

    public static RdbValue toRdb(Object value) {
        if (value instanceof io.rediha.node.store.RedisStream st) {
            return new RdbValue.StreamValue(StreamValues.toRdb(st));
        }
        if (value instanceof byte[] b) {
            return new RdbValue.Str(b);
        } else if (value instanceof RedisList l) {
            return new RdbValue.ListValue(l.toList());
        } else if (value instanceof RedisSet s) {
            return new RdbValue.SetValue(s.members());
        } else if (value instanceof RedisHash h) {
            List<byte[]> fv = new ArrayList<>(h.size() * 2);
            h.forEach((f, v) -> {
                fv.add(f);
                fv.add(v);
            });
            return new RdbValue.HashValue(fv);
        } else if (value instanceof RedisZSet z) {
            List<RdbValue.ScoredMember> members = new ArrayList<>(z.size());
            for (RedisZSet.ZNode n = z.first(); n != null; n = n.next()) {
                members.add(new RdbValue.ScoredMember(n.member, n.score));
            }
            return new RdbValue.ZSetValue(members);
        }
        throw new IllegalStateException("cannot serialize a value of type " + value.getClass().getSimpleName());
    }

    /** A store value; empty aggregates (which Redis never stores) are refused as corrupt. */
    public static Object fromRdb(RdbValue value) throws java.io.IOException {
        if (value instanceof RdbValue.StreamValue sv) {
            return StreamValues.fromRdb(sv.stream()); // an empty stream is a valid value
        }
        if (value instanceof RdbValue.Str s) {
            return s.value();
        } else if (value instanceof RdbValue.ListValue l) {
            RedisList out = new RedisList();
            for (byte[] e : l.elements()) {
                out.addLast(e);
            }
            return nonEmpty(out, out.size());
        } else if (value instanceof RdbValue.SetValue s) {
            RedisSet out = new RedisSet();
            for (byte[] m : s.members()) {
                out.add(m);
            }
            return nonEmpty(out, out.size());
        } else if (value instanceof RdbValue.HashValue h) {
            RedisHash out = new RedisHash();
            List<byte[]> fv = h.fieldsAndValues();
            for (int i = 0; i < fv.size(); i += 2) {
                out.put(fv.get(i), fv.get(i + 1));
            }
            return nonEmpty(out, out.size());
        } else {
            RedisZSet out = new RedisZSet();
            for (RdbValue.ScoredMember m : ((RdbValue.ZSetValue) value).members()) {
                if (Double.isNaN(m.score())) {
                    throw new java.io.IOException("sorted set member with a NaN score");
                }
                out.add(m.member(), m.score());
            }
            return nonEmpty(out, out.size());
        }
    }

    private static Object nonEmpty(Object v, int size) throws java.io.IOException {
        if (size == 0) {
            throw new java.io.IOException("empty " + v.getClass().getSimpleName() + " in the RDB");
        }
        return v;
    }
}
