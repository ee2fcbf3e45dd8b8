package io.rediha.node.command;

import io.rediha.node.persistence.RealRedis;
import io.rediha.node.replication.InProcessNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Our server (in process, with DUMP/RESTORE) and Debian's redis-server side by side, for tests
 * that send both the same commands and compare the replies as text.
 */
final class ReferencePair implements AutoCloseable {
    final RealRedis redis;
    final InProcessNode ours;
    final Jedis redisClient;
    final Jedis ourClient;

    private ReferencePair(RealRedis redis, InProcessNode ours) {
        this.redis = redis;
        this.ours = ours;
        this.redisClient = redis.client();
        this.ourClient = ours.client();
    }

    static ReferencePair start(Path dir, String... directives) throws Exception {
        RealRedis redis = RealRedis.start(Files.createDirectories(dir.resolve("redis")), directives);
        try {
            return new ReferencePair(redis, InProcessNode.start(Files.createDirectories(dir.resolve("ours")), directives));
        } catch (Exception e) {
            redis.close();
            throw e;
        }
    }

    /** Sends {@code args} to both servers. */
    void both(String... args) {
        call(redisClient, args);
        call(ourClient, args);
    }

    /**
     * The reply as text: strings, longs, nested lists, null; an error reply as {@code "(error) ..."}
     * so errors can be compared like values.
     */
    static Object call(Jedis j, String... args) {
        try {
            return ServerTestBase.call(j, args);
        } catch (JedisDataException e) {
            return "(error) " + e.getMessage();
        }
    }

    /** Raw bytes of a command's reply (GET, DUMP) or null. */
    static byte[] callBytes(Jedis j, String... args) {
        byte[][] rest = new byte[args.length - 1][];
        for (int i = 1; i < args.length; i++) {
            rest[i - 1] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        ProtocolCommand cmd = () -> args[0].getBytes(StandardCharsets.UTF_8);
        return (byte[]) j.sendCommand(cmd, rest);
    }

    @Override
    public void close() throws Exception {
        redisClient.close();
        ourClient.close();
        try {
            ours.close();
        } finally {
            redis.close();
        }
    }
}
