package io.rediha.node.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootSettingsTest {
    @TempDir
    Path dir;

    @Test
    void lowercaseRancherNamesAndUppercaseNamesBothWork() throws Exception {
        BootSettings lower = BootSettings.fromEnvironment(Map.of("redis_port", "6380", "master_host", "m1", "master_port", "6381", "sentinel_port", "26380"));
        BootSettings upper = BootSettings.fromEnvironment(Map.of("REDIS_PORT", "6380", "REDIS_MASTER_HOST", "m1", "REDIS_MASTER_PORT", "6381", "SENTINEL_PORT", "26380"));
        for (BootSettings s : List.of(lower, upper)) {
            assertEquals(6380, s.redisPort(), "redis port");
            assertEquals(new HostPort("m1", 6381), s.master(), "master address");
            assertEquals(26380, s.sentinelPort(), "sentinel port");
        }
    }

    @Test
    void defaultsAreRedisDefaultsAndTheImageConventions() throws Exception {
        BootSettings s = BootSettings.fromEnvironment(Map.of());
        assertEquals(6379, s.redisPort());
        assertEquals(new HostPort("redis-master", 6379), s.master());
        assertEquals(26379, s.sentinelPort());
        assertEquals("mymaster", s.masterName());
        assertEquals(2, s.quorum());
        assertEquals(30_000, s.downAfter().toMillis());
        assertEquals(180_000, s.failoverTimeout().toMillis());
        assertEquals(1, s.parallelSyncs());
        assertEquals(Path.of("/data"), s.dataDir());
        assertEquals(Optional.empty(), s.password());
    }

    @Test
    void invalidPortNamesTheVariableAsSpelledAndTheRange() {
        BootException e = assertThrows(BootException.class, () -> BootSettings.fromEnvironment(Map.of("redis_port", "70000")));
        assertEquals(ExitStatus.BAD_CONFIG, e.status());
        assertTrue(e.getMessage().contains("redis_port='70000'") && e.getMessage().contains("1 to 65535")
                && e.getMessage().contains("Fix the environment variable redis_port"), e.getMessage());
    }

    @Test
    void missingPasswordFileSaysWhichFileAndWhatToDo() {
        Path missing = dir.resolve("nope");
        BootException e = assertThrows(BootException.class, () -> BootSettings.fromEnvironment(Map.of("REDIS_PASSWORD_FILE", missing.toString())));
        assertEquals(ExitStatus.BAD_CONFIG, e.status());
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file")
                && e.getMessage().contains("Mount the secret"), e.getMessage());
    }

    @Test
    void passwordFileTrailingNewlineIsNotPartOfThePassword() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "s3cret with space\n");
        BootSettings s = BootSettings.fromEnvironment(Map.of("REDIS_PASSWORD_FILE", secret.toString()));
        assertEquals(Optional.of("s3cret with space"), s.password());
    }

    @Test
    void bothPasswordVariablesAtOnceAreRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("pw"), "a");
        BootException e = assertThrows(BootException.class, () -> BootSettings.fromEnvironment(
                Map.of("REDIS_PASSWORD", "b", "REDIS_PASSWORD_FILE", secret.toString())));
        assertTrue(e.getMessage().contains("Set only one"), e.getMessage());
    }

    @Test
    void sentinelListAcceptsCommasSpacesAndDefaultPort() throws Exception {
        BootSettings s = BootSettings.fromEnvironment(Map.of("REDIS_SENTINELS", "s1:26380, s2 ,[::1]:26381"));
        assertEquals(List.of(new HostPort("s1", 26380), new HostPort("s2", 26379), new HostPort("::1", 26381)), s.sentinels());
    }

    @Test
    void badSentinelAddressIsReportedWithTheVariable() {
        BootException e = assertThrows(BootException.class, () -> BootSettings.fromEnvironment(Map.of("REDIS_SENTINELS", "s1:x")));
        assertTrue(e.getMessage().contains("REDIS_SENTINELS"), e.getMessage());
    }

    @Test
    void nonNumericSentinelTimingIsRefused() {
        BootException e = assertThrows(BootException.class, () -> BootSettings.fromEnvironment(Map.of("SENTINEL_DOWN_AFTER", "5s")));
        assertTrue(e.getMessage().contains("SENTINEL_DOWN_AFTER='5s'") && e.getMessage().contains("whole number"), e.getMessage());
    }
}
