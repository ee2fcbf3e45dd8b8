package io.rediha.node.persistence.rdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A dataset with every type in its compact and its plain encoding, integer-looking and binary
 * strings, and expiries, in two databases; plus a canonical form to compare datasets read back
 * through different routes (our reader, Jedis against a real server).
 */
final class SampleDataset {
    /** db -> key -> value; keys are ISO-8859-1 strings so arbitrary bytes survive. */
    final Map<Integer, Map<String, RdbValue>> dbs = new TreeMap<>();
    final Map<String, Long> expiries = new HashMap<>();

    static SampleDataset build(int largeSize) {
        SampleDataset d = new SampleDataset();
        Random rnd = new Random(42);
        Map<String, RdbValue> db0 = new TreeMap<>();
        db0.put("s:small", str("hello"));
        db0.put("s:int", str("12345"));
        db0.put("s:neg", str("-7"));
        db0.put("s:int32", str("-2000000000"));
        db0.put("s:int64", str("9223372036854775807"));
        db0.put("s:huge-number", str("123456789012345678901234"));
        db0.put("s:lead0", str("007"));
        db0.put("s:empty", str(""));
        db0.put("s:compressible", str("rediha-".repeat(700)));
        byte[] random = new byte[3000];
        rnd.nextBytes(random);
        db0.put("s:binary", new RdbValue.Str(random));

        db0.put("l:small", new RdbValue.ListValue(bytes("a", "1", "-1", "200", "70000", "-5000000000", "b", "")));
        List<byte[]> bigList = new ArrayList<>();
        for (int i = 0; i < largeSize * 5; i++) {
            bigList.add(("element-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.US_ASCII));
        }
        db0.put("l:large", new RdbValue.ListValue(bigList));

        db0.put("set:intset", new RdbValue.SetValue(bytes("1", "2", "3", "-5", "100000", "5000000000")));
        db0.put("set:small", new RdbValue.SetValue(bytes("apple", "banana", "7")));
        List<byte[]> bigSet = new ArrayList<>();
        for (int i = 0; i < largeSize; i++) {
            bigSet.add(("member:" + i).getBytes(StandardCharsets.US_ASCII));
        }
        db0.put("set:large", new RdbValue.SetValue(bigSet));
        List<byte[]> bigIntSet = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            bigIntSet.add(Integer.toString(i * 3).getBytes(StandardCharsets.US_ASCII));
        }
        db0.put("set:ints-over-intset-limit", new RdbValue.SetValue(bigIntSet));

        db0.put("h:small", new RdbValue.HashValue(bytes("name", "rediha", "n", "42", "neg", "-3")));
        List<byte[]> bigHash = new ArrayList<>();
        for (int i = 0; i < largeSize; i++) {
            bigHash.add(("f" + i).getBytes(StandardCharsets.US_ASCII));
            bigHash.add(("v" + i).getBytes(StandardCharsets.US_ASCII));
        }
        db0.put("h:large", new RdbValue.HashValue(bigHash));
        db0.put("h:long-value", new RdbValue.HashValue(bytes("f", "v".repeat(100))));

        db0.put("z:small", new RdbValue.ZSetValue(List.of(
                sm("a", 1), sm("b", 2.5), sm("c", -3.25), sm("d", 1e20), sm("e", 0.1),
                sm("inf", Double.POSITIVE_INFINITY), sm("minf", Double.NEGATIVE_INFINITY))));
        List<RdbValue.ScoredMember> bigZ = new ArrayList<>();
        for (int i = 0; i < largeSize; i++) {
            bigZ.add(sm("zm" + i, i * 0.5));
        }
        db0.put("z:large", new RdbValue.ZSetValue(bigZ));

        db0.put("exp:string", str("soon"));
        db0.put("exp:hash", new RdbValue.HashValue(bytes("a", "b")));
        long future = System.currentTimeMillis() + 3_600_000;
        d.expiries.put("0:exp:string", future);
        d.expiries.put("0:exp:hash", future + 1);
        d.dbs.put(0, db0);

        Map<String, RdbValue> db1 = new TreeMap<>();
        db1.put("other", str("db one"));
        db1.put("exp:other", str("x"));
        d.expiries.put("1:exp:other", future + 2);
        d.dbs.put(1, db1);
        return d;
    }

    void writeTo(Jedis j) {
        for (Map.Entry<Integer, Map<String, RdbValue>> db : dbs.entrySet()) {
            j.select(db.getKey());
            for (Map.Entry<String, RdbValue> e : db.getValue().entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
                RdbValue v = e.getValue();
                if (v instanceof RdbValue.Str s) {
                    j.set(key, s.value());
                } else if (v instanceof RdbValue.ListValue l) {
                    for (int i = 0; i < l.elements().size(); i += 500) {
                        j.rpush(key, l.elements().subList(i, Math.min(i + 500, l.elements().size())).toArray(new byte[0][]));
                    }
                } else if (v instanceof RdbValue.SetValue s) {
                    j.sadd(key, s.members().toArray(new byte[0][]));
                } else if (v instanceof RdbValue.HashValue h) {
                    Map<byte[], byte[]> m = new HashMap<>();
                    for (int i = 0; i < h.fieldsAndValues().size(); i += 2) {
                        m.put(h.fieldsAndValues().get(i), h.fieldsAndValues().get(i + 1));
                    }
                    j.hset(key, m);
                } else if (v instanceof RdbValue.ZSetValue z) {
                    Map<byte[], Double> m = new HashMap<>();
                    for (RdbValue.ScoredMember sm : z.members()) {
                        m.put(sm.member(), sm.score());
                    }
                    j.zadd(key, m);
                }
                Long exp = expiries.get(db.getKey() + ":" + e.getKey());
                if (exp != null) {
                    j.pexpireAt(key, exp);
                }
            }
        }
        j.select(0);
    }

    /** db:key -> canonical value, read from a live server. */
    static Map<String, Object> readFrom(Jedis j, int... dbNumbers) {
        Map<String, Object> out = new TreeMap<>();
        for (int db : dbNumbers) {
            j.select(db);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<byte[]> page = j.scan(cursor.getBytes(StandardCharsets.US_ASCII), new ScanParams().count(1000));
                for (byte[] key : page.getResult()) {
                    out.put(db + ":" + new String(key, StandardCharsets.ISO_8859_1), canonicalFromServer(j, key));
                }
                cursor = page.getCursor();
            } while (!cursor.equals("0"));
        }
        j.select(0);
        return out;
    }

    private static Object canonicalFromServer(Jedis j, byte[] key) {
        String type = j.type(key);
        return switch (type) {
            case "string" -> iso(j.get(key));
            case "list" -> j.lrange(key, 0, -1).stream().map(SampleDataset::iso).toList();
            case "set" -> new TreeSet<>(j.smembers(key).stream().map(SampleDataset::iso).toList());
            case "hash" -> {
                Map<String, String> m = new TreeMap<>();
                j.hgetAll(key).forEach((f, v) -> m.put(iso(f), iso(v)));
                yield m;
            }
            case "zset" -> {
                Map<String, Double> m = new TreeMap<>();
                j.zrangeWithScores(key, 0, -1).forEach(t -> m.put(iso(t.getBinaryElement()), t.getScore()));
                yield m;
            }
            default -> throw new AssertionError("unexpected type " + type);
        };
    }

    Map<String, Object> canonical() {
        Map<String, Object> out = new TreeMap<>();
        dbs.forEach((db, keys) -> keys.forEach((k, v) -> out.put(db + ":" + k, canonical(v))));
        return out;
    }

    static Object canonical(RdbValue v) {
        if (v instanceof RdbValue.Str s) {
            return iso(s.value());
        } else if (v instanceof RdbValue.ListValue l) {
            return l.elements().stream().map(SampleDataset::iso).toList();
        } else if (v instanceof RdbValue.SetValue s) {
            Set<String> set = new TreeSet<>();
            s.members().forEach(m -> set.add(iso(m)));
            return set;
        } else if (v instanceof RdbValue.HashValue h) {
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < h.fieldsAndValues().size(); i += 2) {
                m.put(iso(h.fieldsAndValues().get(i)), iso(h.fieldsAndValues().get(i + 1)));
            }
            return m;
        } else {
            Map<String, Double> m = new TreeMap<>();
            ((RdbValue.ZSetValue) v).members().forEach(sm -> m.put(iso(sm.member()), sm.score()));
            return m;
        }
    }

    static String iso(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static RdbValue.Str str(String s) {
        return new RdbValue.Str(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RdbValue.ScoredMember sm(String m, double s) {
        return new RdbValue.ScoredMember(m.getBytes(StandardCharsets.US_ASCII), s);
    }

    private static List<byte[]> bytes(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
