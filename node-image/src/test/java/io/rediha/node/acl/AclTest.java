package io.rediha.node.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.command.ServerTestBase;
import io.rediha.node.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** ACL users, rules, NOPERM checks, ACL LOG and AUTH through real Jedis connections. */
class AclTest {
    private static TestServer server;
    private static Jedis admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.jedis();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clean() {
        call(admin, "AUTH", "default", "x"); // nopass: any password logs in as default
        for (Object u : (List<?>) call(admin, "ACL", "USERS")) {
            if (!u.equals("default")) {
                call(admin, "ACL", "DELUSER", (String) u);
            }
        }
        call(admin, "ACL", "LOG", "RESET");
        call(admin, "FLUSHALL");
    }

    static Object call(Jedis j, String... args) {
        return ServerTestBase.call(j, args);
    }

    static String error(Jedis j, String... args) {
        return assertThrows(JedisDataException.class, () -> call(j, args)).getMessage();
    }

    private Jedis loggedInAs(String user, String pass) {
        Jedis j = server.jedis();
        assertEquals("OK", call(j, "AUTH", user, pass));
        return j;
    }

    @Test
    void newUserStartsDisabledAndCannotLogIn() {
        call(admin, "ACL", "SETUSER", "alice", ">pw");
        Jedis j = server.jedis();
        assertEquals("WRONGPASS invalid username-password pair or user is disabled.", error(j, "AUTH", "alice", "pw"));
        call(admin, "ACL", "SETUSER", "alice", "on", "+acl|whoami");
        assertEquals("OK", call(j, "AUTH", "alice", "pw"));
        assertEquals("alice", call(j, "ACL", "WHOAMI"));
    }

    @Test
    void commandRulesRefuseWithRedisErrorText() {
        call(admin, "ACL", "SETUSER", "bob", "on", ">pw", "~*", "+@read", "+acl|whoami");
        Jedis j = loggedInAs("bob", "pw");
        assertEquals(null, call(j, "GET", "k"));
        assertEquals("NOPERM this user has no permissions to run the 'set' command", error(j, "SET", "k", "v"));
        assertEquals("NOPERM this user has no permissions to run the 'acl|list' command", error(j, "ACL", "LIST"));
    }

    @Test
    void keyPatternsSeparateReadFromWrite() {
        call(admin, "ACL", "SETUSER", "kim", "on", "nopass", "+@all", "%R~read*", "%W~write*");
        Jedis j = loggedInAs("kim", "any");
        call(admin, "SET", "read1", "v");
        assertEquals(1L, call(j, "COPY", "read1", "write1"));
        String noKeys = "NOPERM this user has no permissions to access one of the keys used as arguments";
        assertEquals(noKeys, error(j, "COPY", "write1", "read2"));
        assertEquals(noKeys, error(j, "SET", "read1", "v2"));
        assertEquals(noKeys, error(j, "INCR", "write2")); // INCR reads and writes
        assertEquals("OK", call(j, "SET", "write3", "v"));
    }

    @Test
    void channelPatternsLimitPublishAndSubscribe() {
        call(admin, "ACL", "SETUSER", "pat", "on", "nopass", "+@all", "resetchannels", "&news.*");
        Jedis j = loggedInAs("pat", "");
        assertEquals(0L, call(j, "PUBLISH", "news.sport", "m"));
        String noChannels = "NOPERM this user has no permissions to access one of the channels used as arguments";
        assertEquals(noChannels, error(j, "PUBLISH", "weather", "m"));
        assertEquals(noChannels, error(j, "PSUBSCRIBE", "news.s*"));
    }

    @Test
    void aclListAndGetUserDescribeRulesAsRedisDoes() {
        call(admin, "ACL", "SETUSER", "z", "on", ">p", "%R~r*", "~k*", "%W~w*", "&ch", "+get", "+select|0",
                "-@all", "+@read", "-get", "+client|id");
        String expected = "user z on #148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940 %R~r* ~k* "
                + "%W~w* resetchannels &ch -@all +@read +client|id -get";
        assertTrue(((List<?>) call(admin, "ACL", "LIST")).contains(expected), "ACL LIST: " + call(admin, "ACL", "LIST"));
        List<?> user = (List<?>) call(admin, "ACL", "GETUSER", "z");
        assertEquals(List.of("flags", List.of("on"), "passwords",
                List.of("148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940"),
                "commands", "-@all +@read +client|id -get", "keys", "%R~r* ~k* %W~w*", "channels", "&ch",
                "selectors", List.of()), user);
        for (Object cat : (List<?>) call(admin, "ACL", "CAT")) {
            if (((List<?>) call(admin, "ACL", "CAT", (String) cat)).isEmpty()) {
                continue; // a category none of our commands is in yet (streams)
            }
            call(admin, "ACL", "SETUSER", "c", "reset", "-@all", "+@" + cat);
            assertEquals("-@all +@" + cat, ((List<?>) call(admin, "ACL", "GETUSER", "c")).get(5));
        }
    }

    @Test
    void badRulesChangeNothingAndNameTheRule() {
        call(admin, "ACL", "SETUSER", "d", "on", "+get");
        assertEquals("ERR Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL",
                error(admin, "ACL", "SETUSER", "d", "off", "+nosuch"));
        assertEquals("on", ((List<?>) ((List<?>) call(admin, "ACL", "GETUSER", "d")).get(1)).get(0));
        assertEquals("ERR Error in ACL SETUSER modifier '+config|get|x': Allowing first-arg of a subcommand is not "
                + "supported", error(admin, "ACL", "SETUSER", "d", "+config|get|x"));
        assertEquals("ERR Usernames can't contain spaces or null characters", error(admin, "ACL", "SETUSER", "a b"));
        assertEquals("ERR The 'default' user cannot be removed", error(admin, "ACL", "DELUSER", "default"));
    }

    @Test
    void requirepassIsTheDefaultUsersPassword() {
        try {
            call(admin, "CONFIG", "SET", "requirepass", "secret");
            assertEquals(List.of("user default on #2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b "
                    + "~* &* +@all"), call(admin, "ACL", "LIST"));
            Jedis j = server.jedis();
            assertEquals("NOAUTH Authentication required.", error(j, "GET", "k"));
            assertEquals("OK", call(j, "AUTH", "secret"));
        } finally {
            call(admin, "CONFIG", "SET", "requirepass", "");
        }
        assertEquals(List.of("user default on nopass ~* &* +@all"), call(admin, "ACL", "LIST"));
    }

    @Test
    void deletingAUserDisconnectsItsClients() {
        call(admin, "ACL", "SETUSER", "gone", "on", "nopass", "+@all", "~*");
        Jedis j = loggedInAs("gone", "");
        assertTrue(((String) call(admin, "CLIENT", "LIST")).contains(" user=gone "));
        assertEquals(1L, call(admin, "ACL", "DELUSER", "gone", "nobody"));
        assertThrows(JedisConnectionException.class, () -> call(j, "PING"));
    }

    @Test
    void aclLogRecordsRefusalsAndFailedLogins() {
        call(admin, "ACL", "SETUSER", "eve", "on", ">pw", "+get", "~allowed");
        Jedis j = loggedInAs("eve", "pw");
        error(j, "GET", "secret");
        error(j, "GET", "secret");
        error(j, "SET", "allowed", "v");
        error(server.jedis(), "AUTH", "eve", "wrong");
        List<?> log = (List<?>) call(admin, "ACL", "LOG");
        assertEquals(3, log.size());
        Map<String, Object> auth = entry(log.get(0));
        assertEquals("auth", auth.get("reason"));
        assertEquals("AUTH", auth.get("object"));
        Map<String, Object> command = entry(log.get(1));
        assertEquals("command", command.get("reason"));
        assertEquals("set", command.get("object"));
        Map<String, Object> key = entry(log.get(2));
        assertEquals(2L, key.get("count"));
        assertEquals("key", key.get("reason"));
        assertEquals("secret", key.get("object"));
        assertEquals("eve", key.get("username"));
        assertEquals("toplevel", key.get("context"));
        assertTrue(((String) key.get("client-info")).contains("user=eve"));
        assertEquals(1, ((List<?>) call(admin, "ACL", "LOG", "1")).size());
    }

    private static Map<String, Object> entry(Object raw) {
        List<?> l = (List<?>) raw;
        Map<String, Object> m = new java.util.HashMap<>();
        for (int i = 0; i < l.size(); i += 2) {
            m.put((String) l.get(i), l.get(i + 1));
        }
        return m;
    }

    @Test
    void commandsQueuedInMultiAreCheckedWhenQueued() {
        call(admin, "ACL", "SETUSER", "tx", "on", "nopass", "+multi", "+exec", "+incr", "~*");
        Jedis j = loggedInAs("tx", "");
        call(j, "MULTI");
        assertEquals("NOPERM this user has no permissions to run the 'set' command", error(j, "SET", "k", "v"));
        assertTrue(error(j, "EXEC").startsWith("EXECABORT"));
        assertEquals("multi", entry(((List<?>) call(admin, "ACL", "LOG")).get(0)).get("context"));
    }

    @Test
    void dryRunAnswersWithoutRunning() {
        call(admin, "ACL", "SETUSER", "dry", "on", "+get", "~a*");
        assertEquals("OK", call(admin, "ACL", "DRYRUN", "dry", "GET", "abc"));
        assertEquals("This user has no permissions to access the 'b' key", call(admin, "ACL", "DRYRUN", "dry", "GET", "b"));
        assertEquals("This user has no permissions to run the 'set' command",
                call(admin, "ACL", "DRYRUN", "dry", "SET", "a", "1"));
        assertEquals("ERR User 'nobody' not found", error(admin, "ACL", "DRYRUN", "nobody", "GET", "x"));
    }

    @Test
    void clientKillUserClosesThatUsersConnections() {
        call(admin, "ACL", "SETUSER", "k1", "on", "nopass", "+@all");
        Jedis j = loggedInAs("k1", "");
        assertEquals(1L, call(admin, "CLIENT", "KILL", "USER", "k1"));
        assertThrows(JedisConnectionException.class, () -> call(j, "PING"));
        assertEquals("ERR No such user 'nobody'", error(admin, "CLIENT", "KILL", "USER", "nobody"));
    }

    @Test
    void aclSaveAndLoadRoundTripThroughTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.acl");
        Files.writeString(file, "user default on nopass ~* &* +@all\nuser fred on >pw ~f* +@string\n");
        try (TestServer s = TestServer.start("--aclfile", file.toString())) {
            Jedis j = s.jedis();
            assertTrue(((List<?>) call(j, "ACL", "LIST")).stream().anyMatch(l -> ((String) l).startsWith("user fred on #")));
            call(j, "ACL", "SETUSER", "gina", "on", "nopass", "+ping");
            assertEquals("OK", call(j, "ACL", "SAVE"));
            assertTrue(Files.readString(file).contains("user gina on nopass resetchannels -@all +ping"));
            Files.writeString(file, "user default on nopass ~* &* +@all\nuser bad on +nosuch\n");
            assertTrue(error(j, "ACL", "LOAD").contains("Error in applying operation '+nosuch'"));
            assertEquals(3, ((List<?>) call(j, "ACL", "USERS")).size()); // unchanged
        }
        assertEquals("ERR This Redis instance is not configured to use an ACL file. You may want to specify users via "
                + "the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration "
                + "file set) in order to store users in the Redis configuration.", error(admin, "ACL", "LOAD"));
    }

    @Test
    void userLinesInTheConfigurationDefineUsers() {
        try (TestServer s = TestServer.start("--user", "default", "on", "nopass", "~*", "+@all", "-flushall",
                "--user", "ops", "on", ">pw", "+@all", "~*")) {
            Jedis j = s.jedis();
            assertEquals("NOPERM this user has no permissions to access one of the channels used as arguments",
                    error(j, "PUBLISH", "c", "m")); // the line resets default: no &* given
            assertEquals("NOPERM this user has no permissions to run the 'flushall' command", error(j, "FLUSHALL"));
            call(j, "HELLO", "2", "AUTH", "ops", "pw");
            assertEquals("ops", call(j, "ACL", "WHOAMI"));
        }
    }

    @Test
    void disabledDefaultUserMakesNewConnectionsAuthenticate() {
        try {
            call(admin, "ACL", "SETUSER", "default", "off");
            assertEquals("NOAUTH Authentication required.", error(server.jedis(), "PING"));
        } finally {
            call(admin, "ACL", "SETUSER", "default", "on");
        }
        assertEquals("PONG", call(server.jedis(), "PING"));
    }

    @Test
    void configRewriteWritesTheUsers(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("redis.conf");
        Files.writeString(conf, "user default on nopass ~* &* +@all\nuser old on nopass +ping\n");
        try (TestServer s = TestServer.start("--include", conf.toString())) {
            s.server().config().setConfigFile(conf);
            Jedis j = s.jedis();
            call(j, "ACL", "DELUSER", "old");
            call(j, "ACL", "SETUSER", "new", "on", ">pw", "~app:*", "+@read");
            assertEquals("OK", call(j, "CONFIG", "REWRITE"));
        }
        String text = Files.readString(conf);
        assertTrue(text.contains("user default on nopass sanitize-payload ~* &* +@all\n"), text); // as Redis: a user line resets first
        assertTrue(text.contains("user new on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 "
                + "~app:* resetchannels -@all +@read\n"), text);
        assertTrue(!text.contains("user old"), text);
    }

    @Test
    void scriptsRunWithTheCallersPermissions() {
        io.rediha.node.script.ScriptingExtension scripting = new io.rediha.node.script.ScriptingExtension();
        io.rediha.node.command.CommandTable table = io.rediha.node.command.StandardCommands.table();
        scripting.registerCommands(table, null);
        try (TestServer s = TestServer.start(table)) {
            s.onCommandThread(() -> {
                scripting.beforeStart(s.server());
                return null;
            });
            Jedis a = s.jedis();
            call(a, "ACL", "SETUSER", "lua", "on", "nopass", "+eval", "+get", "~k*");
            Jedis j = s.jedis();
            call(j, "AUTH", "lua", "");
            String err = error(j, "EVAL", "return redis.call('incr','k')", "0");
            assertTrue(err.startsWith("ERR The user executing the script can't run this command or subcommand"), err);
            assertEquals("lua", entry(((List<?>) call(a, "ACL", "LOG")).get(0)).get("context"));
            assertEquals(null, call(j, "EVAL", "return redis.call('get','k1')", "0"));
        }
    }
}
