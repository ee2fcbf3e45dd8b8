package io.rediha.cli.drill;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * What one node holds under a prefix, reduced to a count and a SHA-256 over the sorted key/value
 * pairs: two nodes with the same digest hold the same keys with the same values. Computed by the drill
 * itself (SCAN + MGET) so it works the same on every Redis-compatible server.
 *
 * @param keys   how many keys the node holds under the prefix
 * @param sha256 hex digest of "key NUL value LF" for each key in sorted order
 */
public record NodeDigest(long keys, String sha256) {
    private static final int BATCH = 500;

    public static NodeDigest of(Jedis jedis, String prefix) {
        List<String> keys = DataCheck.scan(jedis, prefix).stream().sorted().toList();
        MessageDigest md = newSha256();
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<String> values = jedis.mget(batch.toArray(String[]::new));
            for (int i = 0; i < batch.size(); i++) {
                md.update(batch.get(i).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(String.valueOf(values.get(i)).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
        }
        return new NodeDigest(keys.size(), HexFormat.of().formatHex(md.digest()));
    }

    /** The first 12 hex digits: enough to tell digests apart in a table. */
    public String shortDigest() {
        return sha256.substring(0, 12);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
