package io.rediha.node.sentinel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentinelConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsRedisSyntaxInAnyOrder() throws Exception {
        SentinelConfig c = SentinelConfig.parse(List.of(
                "# options may come before their master",
                "sentinel down-after-milliseconds mymaster 5000",
                "port 26380",
                "sentinel monitor mymaster 127.0.0.1 6379 2",
                "sentinel auth-pass mymaster \"pa ss\\\"word\"",
                "sentinel auth-user mymaster 'bob'",
                "sentinel known-slave mymaster 127.0.0.1 6380",
                "sentinel known-replica mymaster 127.0.0.1 6381",
                "sentinel known-sentinel mymaster 127.0.0.1 26381 0123456789012345678901234567890123456789",
                "sentinel known-sentinel mymaster 127.0.0.1 26382",
                "sentinel config-epoch mymaster 3",
                "sentinel leader-epoch mymaster 4",
                "sentinel current-epoch 4",
                "sentinel myid aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "sentinel rename-command mymaster CONFIG GUESSME",
                "sentinel announce-ip 10.0.0.5",
                "requirepass secret"));
        assertEquals(26380, c.port);
        assertEquals("secret", c.requirepass);
        assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", c.myid);
        assertEquals(4, c.currentEpoch);
        assertEquals("10.0.0.5", c.announceIp);
        MasterSettings m = c.masters.get("mymaster");
        assertEquals(5000, m.downAfterMs);
        assertEquals("pa ss\"word", m.authPass);
        assertEquals("bob", m.authUser);
        assertEquals(2, m.knownReplicas.size(), "known-slave and known-replica are the same directive");
        assertEquals(1, m.knownSentinels.size(), "the old 4-word known-sentinel form is ignored, as in Redis");
        assertEquals(3, m.configEpoch);
        assertEquals(4, m.leaderEpoch);
        assertNull(m.leader);
        assertEquals("GUESSME", m.renamedCommands.get("CONFIG"));
    }

    @Test
    void badLinesAreRefusedWithLineNumberAndRedisMessage() {
        ConfigException e = assertThrows(ConfigException.class, () -> SentinelConfig.parse(List.of(
                "port 26379", "sentinel monitor mymaster 127.0.0.1 6379 0")));
        assertTrue(e.getMessage().contains("at line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(">>> 'sentinel monitor mymaster 127.0.0.1 6379 0'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Quorum must be 1 or greater."), e.getMessage());

        assertMessage("No such master with specified name.", "sentinel down-after-milliseconds nope 100");
        assertMessage("Can't resolve instance hostname.", "sentinel monitor m some-host 6379 2");
        assertMessage("negative or zero time parameter.", "sentinel monitor m 127.0.0.1 6379 2",
                "sentinel down-after-milliseconds m 0");
        assertMessage("Malformed Sentinel id in myid option.", "sentinel myid abc");
        assertMessage("Unrecognized sentinel configuration statement.", "sentinel frobnicate yes");
        assertMessage("Bad directive or wrong number of arguments", "maxmemory 1gb");
        assertMessage("Unbalanced quotes in configuration line", "requirepass \"abc");
        assertMessage("Duplicated master name.", "sentinel monitor m 127.0.0.1 1 2", "sentinel monitor m 127.0.0.1 2 2");
    }

    private static void assertMessage(String expected, String... lines) {
        ConfigException e = assertThrows(ConfigException.class, () -> SentinelConfig.parse(List.of(lines)));
        assertTrue(e.getMessage().endsWith(expected), e.getMessage());
    }

    @Test
    void hostnamesAreAcceptedWithResolveHostnames() throws Exception {
        SentinelConfig c = SentinelConfig.parse(List.of("sentinel resolve-hostnames yes",
                "sentinel monitor m redis-master 6379 2", "sentinel announce-hostnames yes"));
        assertEquals("redis-master", c.masters.get("m").host);
        assertTrue(c.announceHostnames);
    }

    @Test
    void commandLineOptionsActAsExtraLines() throws Exception {
        Path file = dir.resolve("s.conf");
        Files.writeString(file, "sentinel monitor m 127.0.0.1 6379 2\n");
        SentinelConfig c = SentinelConfig.load(file, List.of("--port", "26390", "--sentinel", "announce-ip", "1.2.3.4"));
        assertEquals(26390, c.port);
        assertEquals("1.2.3.4", c.announceIp);
    }

    @Test
    void rewriteKeepsCommentsAndOrderAndReplacesSentinelLinesInPlace() throws Exception {
        Path file = dir.resolve("sentinel.conf");
        Files.write(file, List.of("# my comment", "port 26999", "sentinel monitor m 127.0.0.1 6999 2",
                "sentinel down-after-milliseconds m 5000", "# trailing comment", "sentinel parallel-syncs m 1"));
        SentinelConfig c = SentinelConfig.load(file, List.of());
        c.myid = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        MasterSettings m = c.masters.get("m");
        m.host = "127.0.0.2";
        m.configEpoch = 7;
        m.knownReplicas.add(new MasterSettings.HostPort("127.0.0.1", 7000));
        ConfigRewriter.rewrite(file, c.sentinelLines());

        List<String> out = Files.readAllLines(file);
        assertEquals(List.of("# my comment", "port 26999", "sentinel monitor m 127.0.0.2 6999 2",
                "sentinel down-after-milliseconds m 5000", "# trailing comment", "",
                ConfigRewriter.MARKER,
                "sentinel myid bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "sentinel config-epoch m 7", "sentinel leader-epoch m 0",
                "sentinel known-replica m 127.0.0.1 7000", "sentinel current-epoch 0"), out,
                "changed lines in place, the default parallel-syncs dropped, new state appended");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        // Reading it back gives the same state, and a second rewrite changes nothing.
        SentinelConfig again = SentinelConfig.load(file, List.of());
        assertEquals(7, again.masters.get("m").configEpoch);
        ConfigRewriter.rewrite(file, again.sentinelLines());
        assertEquals(out, Files.readAllLines(file));
    }

    @Test
    void valuesThatNeedQuotingSurviveARoundTrip() throws Exception {
        for (String v : List.of("pa ss", "quote\"d", "back\\slash", "new\nline", "#hash", "")) {
            List<String> words = ConfigTokenizer.split(ConfigTokenizer.join(List.of("sentinel", "auth-pass", "m", v)));
            assertEquals(v, words.get(3), "round trip of " + v);
        }
        assertFalse(ConfigTokenizer.quote("plain").startsWith("\""));
    }

    @Test
    void leaderVotedForIsPersistedWithItsEpoch() throws Exception {
        SentinelConfig c = SentinelConfig.parse(List.of("sentinel monitor m 127.0.0.1 6379 2",
                "sentinel leader-epoch m 5 cccccccccccccccccccccccccccccccccccccccc"));
        assertEquals("cccccccccccccccccccccccccccccccccccccccc", c.masters.get("m").leader);
        assertTrue(c.masters.get("m").toLines().contains(
                List.of("sentinel", "leader-epoch", "m", "5", "cccccccccccccccccccccccccccccccccccccccc")));
    }
}
