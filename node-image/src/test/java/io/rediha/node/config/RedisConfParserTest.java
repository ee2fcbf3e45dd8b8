package io.rediha.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisConfParserTest {
    @TempDir
    Path dir;

    private ConfigRegistry parse(String... lines) throws Exception {
        ConfigRegistry r = ConfigRegistry.standard();
        new RedisConfParser(r).parseLines(List.of(lines), "test.conf");
        return r;
    }

    @Test
    void readsUnitsBooleansQuotesAndAliases() throws Exception {
        ConfigRegistry r = parse("maxmemory 1gb", "APPENDONLY YES", "requirepass \"pa ss\\x21\"",
                "slaveof 10.0.0.1 6380", "slave-read-only no", "client-output-buffer-limit pubsub 64mb 16mb 90",
                "# a comment", "   ", "save 900 1", "save 300 10", "notify-keyspace-events Ex");
        assertEquals(1073741824L, r.getLong("maxmemory"));
        assertTrue(r.getBool("appendonly"));
        assertEquals("pa ss!", r.getString("requirepass"));
        assertEquals("10.0.0.1 6380", r.getString("replicaof"));
        assertEquals("no", r.getString("replica-read-only"));
        assertEquals("normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 90",
                r.getString("client-output-buffer-limit"));
        assertEquals("900 1 300 10", r.getString("save"), "save lines accumulate, replacing the default");
        assertEquals("xE", r.getString("notify-keyspace-events"));
    }

    @Test
    void commandLineOverridesComeAfterTheFile() throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "port 7000\nmaxmemory 100mb\n");
        ConfigRegistry r = ConfigRegistry.standard();
        new RedisConfParser(r).parseCommandLine(new String[]{conf.toString(), "--port", "7001", "--save", "",
                "--bind", "127.0.0.1", "::1"});
        assertEquals(7001, r.getInt("port"));
        assertEquals(104857600L, r.getLong("maxmemory"));
        assertEquals("", r.getString("save"));
        assertEquals("127.0.0.1 ::1", r.getString("bind"));
        assertEquals(conf.toAbsolutePath(), r.configFile());
    }

    @Test
    void includeReadsOtherFilesInPlace() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/a.conf"), "maxclients 50\n");
        Files.writeString(dir.resolve("conf.d/b.conf"), "maxclients 60\n");
        ConfigRegistry r = parse("maxclients 10", "include " + dir.resolve("conf.d/*.conf"));
        assertEquals(60, r.getInt("maxclients"), "files of a glob are read in name order");
    }

    @Test
    void badLinesAreRefusedNamingFileLineAndDirective() {
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> parse("port 6379", "frobnicate yes"));
        assertTrue(e.getMessage().contains("Reading the configuration file test.conf, at line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(">>> 'frobnicate yes'"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad directive or wrong number of arguments"), e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("appendonly maybe"));
        assertTrue(e.getMessage().endsWith("argument must be 'yes' or 'no'"), e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("port 70000"));
        assertTrue(e.getMessage().endsWith("argument must be between 0 and 65535 inclusive"), e.getMessage());
        e = assertThrows(ConfigFileException.class, () -> parse("requirepass \"unterminated"));
        assertTrue(e.getMessage().endsWith("Unbalanced quotes in configuration line"), e.getMessage());
    }

    @Test
    void debiansRedisConfLoadsCompletely() throws Exception {
        Path debian = Path.of("/etc/redis/redis.conf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(debian), "Debian's redis.conf is not installed");
        ConfigRegistry r = ConfigRegistry.standard();
        new RedisConfParser(r).parseFile(debian);
        assertEquals(6379, r.getInt("port"));
    }

    @Test
    void configRewriteKeepsCommentsAndOrderAndAppendsNewSettings() throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "# my settings\nport 7000\n\n# memory\nmaxmemory 100mb\nsave 900 1\nsave 300 10\n");
        ConfigRegistry r = ConfigRegistry.standard();
        new RedisConfParser(r).parseCommandLine(new String[]{conf.toString()});
        r.setAll(List.of(new String[]{"maxmemory", "200mb"}, new String[]{"hz", "20"}, new String[]{"save", "60 5"}));
        ConfigRewriter.rewrite(r);
        List<String> lines = Files.readAllLines(conf);
        assertEquals(List.of("# my settings", "port 7000", "", "# memory", "maxmemory 209715200", "save 60 5",
                "# Generated by CONFIG REWRITE", "hz 20"), lines.subList(0, 8));
        ConfigRegistry again = ConfigRegistry.standard();
        new RedisConfParser(again).parseFile(conf);
        assertEquals(20, again.getInt("hz"), "the rewritten file reads back");
    }
}
