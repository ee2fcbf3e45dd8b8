package io.rediha.node.command;

import io.rediha.node.resp.RespWriter;
import io.rediha.node.server.Client;
import io.rediha.node.store.Database;
import io.rediha.node.store.Keyspace;
import io.rediha.node.store.RedisHash;
import io.rediha.node.store.RedisList;
import io.rediha.node.store.RedisSet;
import io.rediha.node.store.RedisZSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE: a SHA-1 fingerprint of the dataset (or of single values),
 * computed the way redis-server 7.0 computes it, so a digest taken on one of our nodes equals the
 * digest of the same data on a Redis node. Test suites and drills compare masters and replicas
 * with it.
 *
 * <p>Two mixing steps build it. {@code xor} folds the SHA-1 of some bytes into a digest, so the
 * order of unordered things (keys, set members, hash fields) does not matter; {@code mix} folds
 * and then re-hashes the digest, so the order of ordered things (list elements, a field and its
 * value) does. Each key gets its own digest: its name, its type number, its content and an
 * "!!expire!!" marker when it has a TTL; key digests are xor-ed into the database's, after the
 * database number was mixed in.
 */
final class DebugDigest {
    private static final int STRING = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int ZSET = 3;
    private static final int HASH = 4;
    private static final int STREAM = 6;
    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private DebugDigest() {
    }

    /** DEBUG DIGEST: forty zeros for an empty dataset, as in Redis. */
    static void digest(Client c) {
        byte[] all = new byte[20];
        Keyspace ks = c.server().keyspace();
        for (int i = 0; i < ks.databases(); i++) {
            Database db = ks.db(i);
            if (db.size() == 0) {
                continue;
            }
            mix(all, bigEndian(i));
            db.forEach((key, value, expireAt) -> {
                byte[] d = new byte[20];
                mix(d, key);
                mixValue(d, value, expireAt >= 0);
                xor(all, d);
            });
        }
        c.addSimple(HexFormat.of().formatHex(all));
    }

    /** DEBUG DIGEST-VALUE key...: one digest per key, zeros for a missing one. */
    static void digestValue(Client c, byte[][] a) {
        c.addArrayLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            byte[] d = new byte[20];
            Object value = c.db().peek(a[i]);
            if (value != null) {
                mixValue(d, value, c.db().getExpire(a[i]) >= 0);
            }
            c.addSimple(HexFormat.of().formatHex(d));
        }
    }

    private static void mixValue(byte[] d, Object value, boolean volatileKey) {
        if (value instanceof byte[] s) {
            mix(d, bigEndian(STRING));
            mix(d, s);
        } else if (value instanceof RedisList l) {
            mix(d, bigEndian(LIST));
            for (byte[] e : l.toList()) {
                mix(d, e);
            }
        } else if (value instanceof RedisSet s) {
            mix(d, bigEndian(SET));
            s.forEach(m -> xor(d, m));
        } else if (value instanceof RedisZSet z) {
            mix(d, bigEndian(ZSET));
            for (RedisZSet.ZNode n = z.first(); n != null; n = n.next()) {
                byte[] e = new byte[20];
                mix(e, n.member);
                mix(e, scoreText(n.score).getBytes(StandardCharsets.US_ASCII));
                xor(d, e);
            }
        } else if (value instanceof RedisHash h) {
            mix(d, bigEndian(HASH));
            h.forEach((field, v) -> {
                byte[] e = new byte[20];
                mix(e, field);
                mix(e, v);
                xor(d, e);
            });
        } else if (value instanceof io.rediha.node.store.RedisStream st) {
            mix(d, bigEndian(STREAM));
            for (io.rediha.node.store.RedisStream.Entry e : st.liveEntries()) {
                mix(d, (Long.toUnsignedString(e.id.ms()) + "." + Long.toUnsignedString(e.id.seq()))
                        .getBytes(StandardCharsets.US_ASCII));
                for (byte[] b : e.fieldsAndValues) {
                    mix(d, b);
                }
            }
        } else {
            throw new IllegalStateException("no digest for " + value.getClass().getSimpleName());
        }
        if (volatileKey) {
            xor(d, EXPIRE_MARK);
        }
    }

    /** C's {@code %.17g}, which prints the infinities as "inf" and "-inf". */
    private static String scoreText(double score) {
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        return RespWriter.formatG17(score);
    }

    private static void xor(byte[] digest, byte[] data) {
        byte[] h = sha1().digest(data);
        for (int i = 0; i < 20; i++) {
            digest[i] ^= h[i];
        }
    }

    private static void mix(byte[] digest, byte[] data) {
        xor(digest, data);
        System.arraycopy(sha1().digest(digest), 0, digest, 0, 20);
    }

    private static byte[] bigEndian(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }
}
