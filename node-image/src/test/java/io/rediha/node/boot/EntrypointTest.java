package io.rediha.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entrypoint up to the moment it would run the server or sentinel: exit codes and messages
 * for bad input, and the start plan against a real Sentinel (Debian's redis-sentinel).
 */
class EntrypointTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Entrypoint entrypoint(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("REDIHA_DATA_DIR", dir.resolve("data").toString());
        all.put("REDIHA_CONF_DIR", dir.resolve("conf").toString());
        all.put("REDIHA_RUN_DIR", dir.resolve("run").toString());
        return new Entrypoint(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownRolePrintsUsageAndExitsTwo() {
        Entrypoint.Prepared p = entrypoint(Map.of()).prepare("mastr");
        assertEquals(new Entrypoint.Prepared.Exit(2), p);
        assertTrue(stderr().contains("Unknown role 'mastr'") && stderr().contains("Usage:"), stderr());
    }

    @Test
    void helpPrintsRolesAndEnvironmentAndExitsZero() {
        assertEquals(new Entrypoint.Prepared.Exit(0), entrypoint(Map.of()).prepare("help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("sentinel") && text.contains("REDIS_PASSWORD_FILE") && text.contains("redis_port / REDIS_PORT"), text);
    }

    @Test
    void invalidPortExitsThreeNamingTheVariable() {
        assertEquals(new Entrypoint.Prepared.Exit(3), entrypoint(Map.of("REDIS_PORT", "http")).prepare("replica"));
        assertTrue(stderr().contains("Invalid REDIS_PORT='http'"), stderr());
    }

    @Test
    void missingPasswordFileExitsThreeBeforeWritingAnything() {
        assertEquals(new Entrypoint.Prepared.Exit(3), entrypoint(Map.of("REDIS_PASSWORD_FILE", "/run/secrets/none")).prepare("sentinel"));
        assertTrue(stderr().contains("REDIS_PASSWORD_FILE=/run/secrets/none: no such file"), stderr());
        assertTrue(Files.notExists(dir.resolve("data/sentinel.conf")), "nothing written");
    }

    @Test
    void refusedEmptyMasterExitsFour() {
        Entrypoint.Prepared p = entrypoint(Map.of("REDIS_SENTINELS", "127.0.0.1:1", "REDIHA_REFUSE_EMPTY_MASTER", "yes")).prepare("master");
        assertEquals(new Entrypoint.Prepared.Exit(4), p);
        assertTrue(stderr().contains("WARNING") && stderr().contains("Refusing to start"), stderr());
    }

    @Test
    void sentinelRoleWritesSentinelConfAndHealthState() throws Exception {
        Entrypoint.Prepared p = entrypoint(Map.of("sentinel_port", "26390", "MASTER_NAME", "cache")).prepare("sentinel");
        Entrypoint.Prepared.Launch launch = assertInstanceOf(Entrypoint.Prepared.Launch.class, p);
        assertEquals(Role.SENTINEL, launch.role());
        assertEquals(dir.resolve("data/sentinel.conf").toString(), launch.args()[0]);
        assertTrue(Files.readAllLines(dir.resolve("run/rediha-health.env")).containsAll(List.of("kind=sentinel", "port=26390", "master_name=cache")));
    }

    @Test
    void masterArgumentBecomesReplicaOfTheMasterARealSentinelNames() throws Exception {
        try (ReferenceRedis redis = new ReferenceRedis(Files.createDirectories(dir.resolve("ref")))) {
            HostPort master = redis.server();
            HostPort sentinel = redis.sentinelMonitoring("mymaster", master);
            Entrypoint.Prepared p = entrypoint(Map.of("REDIS_SENTINELS", sentinel.toString(), "redis_port", Integer.toString(ReferenceRedis.freePort())))
                    .prepare("master", "--loglevel", "verbose");
            Entrypoint.Prepared.Launch launch = assertInstanceOf(Entrypoint.Prepared.Launch.class, p, stderr());
            assertEquals(List.of("--loglevel", "verbose"), List.of(launch.args()).subList(1, 3), "overrides passed on");
            List<String> conf = Files.readAllLines(Path.of(launch.args()[0]));
            assertTrue(conf.contains("replicaof 127.0.0.1 " + master.port()), "replica of the sentinel's master: " + conf);
        }
    }

    @Test
    void probeTellsKnownUnknownAndUnreachableSentinelsApart() throws Exception {
        try (ReferenceRedis redis = new ReferenceRedis(Files.createDirectories(dir.resolve("ref")))) {
            HostPort master = redis.server();
            HostPort sentinel = redis.sentinelMonitoring("mymaster", master);
            HostPort dead = new HostPort("127.0.0.1", ReferenceRedis.freePort());
            SentinelProbe probe = new SentinelProbe(Duration.ofSeconds(1));

            SentinelProbe.Result known = probe.ask(List.of(sentinel, dead), "mymaster");
            assertEquals(Map.of(sentinel, master), known.masterBySentinel());
            assertTrue(known.unreachable().containsKey(dead), known.toString());

            SentinelProbe.Result unknown = probe.ask(List.of(sentinel), "other");
            assertEquals(List.of(sentinel), unknown.unaware());
            assertTrue(unknown.master().isEmpty());
        }
    }
}
