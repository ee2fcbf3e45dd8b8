package io.rediha.node.sentinel;

import io.rediha.node.sentinel.support.Deployment;
import io.rediha.node.sentinel.support.RedisCli;
import io.rediha.node.sentinel.support.SentinelKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * redis-cli against our sentinel prints what it prints against redis-sentinel: both watch the
 * same master in one deployment, the same commands go to both, and the outputs are compared,
 * byte for byte where the answer does not depend on who answers, and field name by field name
 * (with the stable values) for the instance records.
 */
class RedisCliCompatibilityTest {
    @TempDir
    static Path dir;
    static Deployment deployment;
    static int ours;
    static int redis;

    @BeforeAll
    static void start() {
        deployment = Deployment.spec().sentinels(SentinelKind.REDIHA, SentinelKind.REDIS).quorum(2).start(dir);
        ours = deployment.sentinels().get(0).port();
        redis = deployment.sentinels().get(1).port();
    }

    @AfterAll
    static void stop() {
        deployment.close();
    }

    private static void assertSameOutput(String... command) {
        String expected = RedisCli.run(redis, command);
        assertFalse(expected.contains("Could not connect"), "redis-sentinel answers: " + expected);
        assertEquals(expected, RedisCli.run(ours, command), "redis-cli " + String.join(" ", command));
    }

    @Test
    void repliesThatDoNotDependOnWhoAnswersAreIdentical() {
        assertSameOutput("SENTINEL", "get-master-addr-by-name", Deployment.MASTER);
        assertSameOutput("SENTINEL", "get-master-addr-by-name", "nosuchmaster");
        assertSameOutput("SENTINEL", "ckquorum", Deployment.MASTER);
        assertSameOutput("ROLE");
        assertSameOutput("PING");
        assertSameOutput("SENTINEL", "HELP");
        assertSameOutput("SENTINEL", "DEBUG");
        assertSameOutput("SENTINEL", "CONFIG", "GET", "*");
        assertSameOutput("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "1", "0", "*");
        assertSameOutput("SENTINEL", "simulate-failure", "help");
        assertSameOutput("PUBLISH", "__sentinel__:hello", "garbage");
    }

    @Test
    void errorsAreIdentical() {
        assertSameOutput("SENTINEL", "master", "nosuchmaster");
        assertSameOutput("SENTINEL", "replicas", "nosuchmaster");
        assertSameOutput("SENTINEL", "nosuchsubcommand");
        assertSameOutput("SENTINEL", "get-master-addr-by-name");
        assertSameOutput("SENTINEL", "set", Deployment.MASTER, "quorum", "0");
        assertSameOutput("SENTINEL", "set", Deployment.MASTER, "bogus", "1");
        assertSameOutput("SENTINEL", "set", Deployment.MASTER, "notification-script", "/bin/true");
        assertSameOutput("SENTINEL", "monitor", Deployment.MASTER, "127.0.0.1", "1", "2");
        assertSameOutput("SENTINEL", "monitor", "other", "127.0.0.1", "x", "2");
        assertSameOutput("SENTINEL", "monitor", "other", "not-an-ip", "1", "2");
        assertSameOutput("SENTINEL", "monitor", "other", "127.0.0.1", "1", "0");
        assertSameOutput("SENTINEL", "config", "set", "bogus", "1");
        assertSameOutput("SENTINEL", "debug", "bogus", "1");
        assertSameOutput("SENTINEL", "simulate-failure", "bogus");
        assertSameOutput("PUBLISH", "not-hello", "x");
        assertSameOutput("SET", "a", "b");
        assertSameOutput("AUTH", "x");
    }

    @Test
    void masterRecordHasRedisFieldsInRedisOrder() {
        assertRecordsMatch(List.of("SENTINEL", "master", Deployment.MASTER),
                Set.of("name", "ip", "port", "flags", "link-refcount", "down-after-milliseconds", "role-reported",
                        "config-epoch", "num-slaves", "num-other-sentinels", "quorum", "failover-timeout", "parallel-syncs"));
    }

    @Test
    void replicaRecordsHaveRedisFieldsInRedisOrder() {
        assertRecordsMatch(List.of("SENTINEL", "replicas", Deployment.MASTER),
                Set.of("name", "ip", "port", "flags", "role-reported", "master-link-status", "master-host", "master-port",
                        "slave-priority", "replica-announced", "down-after-milliseconds"));
        assertRecordsMatch(List.of("SENTINEL", "slaves", Deployment.MASTER), Set.of("name", "flags"));
    }

    @Test
    void sentinelRecordsHaveRedisFields() {
        List<String> oursOut = lines(RedisCli.run(ours, "SENTINEL", "sentinels", Deployment.MASTER));
        List<String> redisOut = lines(RedisCli.run(redis, "SENTINEL", "sentinels", Deployment.MASTER));
        assertEquals(fieldNames(redisOut), fieldNames(oursOut), "field names of SENTINEL SENTINELS");
    }

    @Test
    void infoSentinelSectionMatches() {
        assertEquals(sentinelSection(RedisCli.run(redis, "INFO", "sentinel")),
                sentinelSection(RedisCli.run(ours, "INFO", "sentinel")));
    }

    private static String sentinelSection(String info) {
        // sentinel_running_scripts etc. are equal; drop nothing but line-ending differences.
        return info.replace("\r", "");
    }

    private static void assertRecordsMatch(List<String> command, Set<String> stableFields) {
        List<String> oursOut = lines(RedisCli.run(ours, command.toArray(String[]::new)));
        List<String> redisOut = lines(RedisCli.run(redis, command.toArray(String[]::new)));
        assertEquals(fieldNames(redisOut), fieldNames(oursOut), "field names of " + command);
        assertFalse(redisOut.size() < 10, "records printed: " + redisOut);
        List<Map<String, String>> a = records(redisOut);
        List<Map<String, String>> b = records(oursOut);
        assertEquals(a.size(), b.size(), "number of records of " + command);
        for (int i = 0; i < a.size(); i++) {
            for (String f : stableFields) {
                assertEquals(a.get(i).get(f), b.get(i).get(f), command + " field " + f);
            }
        }
    }

    private static List<String> lines(String out) {
        return new ArrayList<>(List.of(out.split("\n")));
    }

    /** redis-cli prints records as alternating name/value lines; names are the even lines. */
    private static List<String> fieldNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            names.add(lines.get(i));
        }
        return names;
    }

    private static List<Map<String, String>> records(List<String> lines) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            if (lines.get(i).equals("name")) {
                current = new java.util.LinkedHashMap<>();
                out.add(current);
            }
            if (current != null) {
                current.put(lines.get(i), lines.get(i + 1));
            }
        }
        out.sort(java.util.Comparator.comparing(m -> m.get("name")));
        return out;
    }
}
