package io.rediha.node.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.server.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** EVAL, EVALSHA, SCRIPT, FUNCTION and FCALL through a real Jedis client against the server. */
class ScriptingTest {
    static TestServer server;
    static Jedis jedis;

    @BeforeAll
    static void start() {
        ScriptingExtension scripting = new ScriptingExtension();
        io.rediha.node.command.CommandTable table = io.rediha.node.command.StandardCommands.table();
        scripting.registerCommands(table, null);
        server = TestServer.start(table);
        server.onCommandThread(() -> {
            scripting.beforeStart(server.server());
            return null;
        });
        jedis = server.jedis();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() {
        jedis.flushAll();
        jedis.functionFlush();
        jedis.configSet("busy-reply-threshold", "5000");
    }

    private static String error(Runnable r) {
        return assertThrows(JedisDataException.class, r::run).getMessage();
    }

    @Test
    void luaValuesConvertToRedisRepliesAsRedisDocuments() {
        assertEquals(3L, jedis.eval("return 3.99"));
        assertEquals(1L, jedis.eval("return true"));
        assertEquals(null, jedis.eval("return false"));
        assertEquals(List.of(1L, 2L), jedis.eval("return {1,2,nil,4}"), "an array ends at its first nil");
        assertEquals("fine", jedis.eval("return redis.status_reply('fine')"));
        assertEquals("My Error", error(() -> jedis.eval("return redis.error_reply('My Error')")));
        assertEquals(List.of("a", "b", "c", "d"), jedis.eval("return {KEYS[1],KEYS[2],ARGV[1],ARGV[2]}", 2, "a", "b", "c", "d"));
    }

    @Test
    void redisRepliesConvertToLuaValues() {
        assertEquals("boolean", jedis.eval("return type(redis.call('get','nokey'))"), "nil bulk is false");
        assertEquals("nil", jedis.eval("redis.setresp(3) return type(redis.call('get','nokey'))"), "RESP3 null is nil");
        assertEquals("PONG", jedis.eval("return redis.call('ping')['ok']"));
        jedis.hset("h", "a", "1");
        assertEquals("1", jedis.eval("redis.setresp(3) return redis.call('hgetall','h').map.a"));
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
                jedis.eval("local r = redis.pcall('lpush','h','x') return r.err"));
    }

    @Test
    void aLibraryThatLoopsAtLoadIsStoppedAndTheServerKeepsServing() {
        assertEquals("ERR Error registering functions: ERR FUNCTION LOAD timeout",
                error(() -> jedis.functionLoad("#!lua name=spin\nlocal a = 1\nwhile 1 do a = a + 1 end")));
        assertEquals("PONG", jedis.ping());
    }

    @Test
    void errorsMatchRedis() {
        assertEquals("ERR Number of keys can't be negative", error(() -> jedis.sendCommand(Protocol.Command.EVAL, "return 1", "-1")));
        assertEquals("ERR Number of keys can't be greater than number of args", error(() -> jedis.eval("return 1", 2, "a")));
        assertEquals("NOSCRIPT No matching script. Please use EVAL.", error(() -> jedis.evalsha("abc")));
        assertEquals("ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'",
                error(() -> jedis.eval("return +")));
        assertEquals("ERR user_script:1: boom script: 82903a0434f1503e152f89c03c9acd881a0e8150, on @user_script:1.",
                error(() -> jedis.eval("error('boom')")));
        assertEquals("ERR user_script:1: Script attempted to access nonexistent global variable 'os' script: "
                + "13dea82ee9da896aebcd10f5e36f4a1eeb839b48, on @user_script:1.", error(() -> jedis.eval("return os.time()")));
        assertEquals("ERR user_script:1: Attempt to modify a readonly table script: 818a330663e3c3e78469660421595218e5ab5c48, "
                + "on @user_script:1.", error(() -> jedis.eval("x = 5")));
        assertEquals("ERR This Redis command is not allowed from script script: 8a15a7ef3d70f2a12fe575b2575a4733cfdd44f3, "
                + "on @user_script:1.", error(() -> jedis.eval("return redis.call('blpop','k',0)")));
        assertEquals("ERR Write commands are not allowed from read-only scripts. script: "
                + "d223ed8c7345b684e8ed044ed472601f536fa58b, on @user_script:1.",
                error(() -> jedis.evalReadonly("return redis.call('set','k','v')", List.of(), List.of())));
    }

    @Test
    void scriptCacheLoadsExistsAndFlushes() {
        String sha = jedis.scriptLoad("return 'hello'");
        assertEquals("hello", jedis.evalsha(sha.toUpperCase()));
        assertEquals(List.of(true, false), jedis.scriptExists(sha, "ffffffffffffffffffffffffffffffffffffffff"));
        jedis.scriptFlush();
        assertEquals(List.of(false, false), jedis.scriptExists(sha, sha));
    }

    @Test
    void cjsonAndBitLibrariesWork() {
        assertEquals("[1,2,{\"a\":1}]", jedis.eval("return cjson.encode({1,2,{a=1}})"));
        assertEquals("x", jedis.eval("return cjson.decode('[1,\"x\"]')[2]"));
        assertEquals(3L, jedis.eval("return bit.band(7,3)"));
    }

    @Test
    void functionsLoadAndRunWithTheirFlags() {
        String lib = "#!lua name=mylib\n"
                + "redis.register_function('setget', function(keys, args) redis.call('set', keys[1], args[1]) "
                + "return redis.call('get', keys[1]) end)\n"
                + "redis.register_function{function_name='ro', callback=function(keys) return redis.call('set', keys[1], 'x') end, "
                + "flags={'no-writes'}}\n";
        assertEquals("mylib", jedis.functionLoad(lib));
        assertEquals("ERR Library 'mylib' already exists", error(() -> jedis.functionLoad(lib)));
        assertEquals("v", jedis.fcall("setget", List.of("k"), List.of("v")));
        assertTrue(error(() -> jedis.fcallReadonly("ro", List.of("k"), List.of()))
                .startsWith("ERR Write commands are not allowed from read-only scripts. script: ro, on @user_function:"));
        assertEquals("ERR Can not execute a script with write flag using *_ro command.",
                error(() -> jedis.fcallReadonly("setget", List.of("k"), List.of("v"))));
        assertEquals(1, jedis.functionList().size());
        assertEquals("ERR Function not found", error(() -> jedis.fcall("nosuch", List.of(), List.of())));
    }

    @Test
    void longScriptMakesOthersBusyUntilKilled() throws Exception {
        jedis.configSet("busy-reply-threshold", "50");
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
            try (Jedis other = server.jedis()) {
                return error(() -> other.eval("while true do end"));
            }
        });
        long deadline = System.currentTimeMillis() + 5000;
        String seen = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                jedis.ping();
            } catch (JedisDataException e) {
                seen = e.getMessage();
                break;
            }
        }
        assertEquals("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", seen);
        assertEquals("OK", jedis.scriptKill());
        assertTrue(running.get(5, TimeUnit.SECONDS).startsWith("ERR Script killed by user with SCRIPT KILL..."));
        assertEquals("PONG", jedis.ping());
    }

    @Test
    void scriptThatWroteCannotBeKilled() throws Exception {
        jedis.configSet("busy-reply-threshold", "50");
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try (Jedis other = server.jedis()) {
                return other.eval("redis.call('set','a','b') local i = 0 while i < 20000000 do i = i + 1 end return i");
            }
        });
        long deadline = System.currentTimeMillis() + 5000;
        List<String> errors = new ArrayList<>();
        while (System.currentTimeMillis() < deadline && errors.isEmpty()) {
            try {
                jedis.scriptKill();
            } catch (JedisDataException e) {
                if (e.getMessage().startsWith("UNKILLABLE")) {
                    errors.add(e.getMessage());
                }
            }
        }
        assertEquals(1, errors.size(), "SCRIPT KILL refused with UNKILLABLE");
        assertEquals(20000000L, running.get(30, TimeUnit.SECONDS));
        assertEquals("b", jedis.get("a"));
    }
}
