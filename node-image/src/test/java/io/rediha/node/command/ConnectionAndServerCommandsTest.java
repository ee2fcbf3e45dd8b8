package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.node.resp.RespValue;
import io.rediha.node.server.RawConnection;
import io.rediha.node.server.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

class ConnectionAndServerCommandsTest extends ServerTestBase {

    @Test
    void pingEchoSelectAndErrors() {
        assertEquals("PONG", jedis.ping());
        assertEquals("hi", call("PING", "hi"));
        assertEquals("x", jedis.echo("x"));
        assertError("ERR DB index is out of range", "SELECT", "16");
        assertError("ERR value is not an integer or out of range", "SELECT", "x");
        assertError("ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' ", "NOSUCH", "a", "b");
        assertError("ERR wrong number of arguments for 'get' command", "GET");
        assertError("ERR unknown subcommand 'NOPE'. Try CONFIG HELP.", "CONFIG", "NOPE");
        assertError("ERR wrong number of arguments for 'config|get' command", "CONFIG", "GET");
    }

    @Test
    void inlineCommandsWorkOnARawSocket() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("PING\r\nSET inline \"a b\"\r\nGET inline\r\n");
            assertEquals(new RespValue.SimpleString("PONG"), raw.read());
            assertEquals(new RespValue.SimpleString("OK"), raw.read());
            assertEquals("a b", raw.read().asText());
        }
    }

    @Test
    void protocolErrorIsReportedAndTheConnectionClosed() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.send("*1\r\n$abc\r\n");
            assertEquals("-ERR Protocol error: invalid bulk length\r\n", raw.readUntilClosed());
        }
        assertEquals("PONG", jedis.ping(), "the server keeps serving others");
    }

    @Test
    void helloSwitchesToResp3WithMapsAndPushes() throws Exception {
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.command("HELLO", "3", "SETNAME", "r3");
            RespValue.Map hello = (RespValue.Map) raw.read();
            assertEquals("server", hello.items().get(0).asText());
            assertEquals(new RespValue.Integer(3), hello.items().get(5));
            raw.command("HGETALL", "nope");
            assertEquals(new RespValue.Map(List.of()), raw.read());
            raw.command("GET", "nope");
            assertEquals(new RespValue.Null(), raw.read(), "RESP3 null");
            raw.command("SUBSCRIBE", "ch");
            assertTrue(raw.read() instanceof RespValue.Push, "subscribe confirmation is a push");
            jedis.publish("ch", "msg");
            RespValue.Push msg = (RespValue.Push) raw.read();
            assertEquals("message", msg.items().get(0).asText());
            assertEquals("msg", msg.items().get(2).asText());
            raw.command("GET", "x");
            assertEquals(new RespValue.Null(), raw.read(), "RESP3 clients may run commands while subscribed");
            raw.command("CLIENT", "GETNAME");
            assertEquals("r3", raw.read().asText());
        }
        assertError("NOPROTO unsupported protocol version", "HELLO", "4");
    }

    @Test
    void authIsRequiredWhenRequirepassIsSet() {
        try (TestServer s = TestServer.start("--requirepass", "secret")) {
            Jedis j = s.jedis();
            JedisDataException e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, () -> j.get("k"));
            assertEquals("NOAUTH Authentication required.", e.getMessage());
            e = org.junit.jupiter.api.Assertions.assertThrows(JedisDataException.class, () -> j.auth("wrong"));
            assertEquals("WRONGPASS invalid username-password pair or user is disabled.", e.getMessage());
            assertEquals("OK", j.auth("default", "secret"));
            assertEquals("PONG", j.ping());
        }
        assertError("ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?", "AUTH", "x");
    }

    @Test
    void clientCommandsNameListKillAndReply() throws Exception {
        assertEquals("OK", jedis.clientSetname("main"));
        assertEquals("main", jedis.clientGetname());
        assertTrue(jedis.clientList().contains("name=main"));
        assertError("ERR Client names cannot contain spaces, newlines or special characters.", "CLIENT", "SETNAME", "a b");
        assertEquals("OK", call("CLIENT", "SETINFO", "LIB-NAME", "mylib"));
        assertTrue(jedis.clientInfo().contains("lib-name=mylib"));
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.command("CLIENT", "ID");
            long id = ((RespValue.Integer) raw.read()).value();
            assertEquals(1L, call("CLIENT", "KILL", "ID", Long.toString(id)));
            assertTrue(raw.isClosedByServer(), "killed client is disconnected");
        }
        try (RawConnection raw = new RawConnection(server.port())) {
            raw.command("CLIENT", "REPLY", "OFF");
            raw.command("SET", "quiet", "1");
            raw.command("CLIENT", "REPLY", "ON");
            assertEquals(new RespValue.SimpleString("OK"), raw.read(), "only the REPLY ON answer arrives");
        }
        assertEquals("1", jedis.get("quiet"));
    }

    @Test
    void clientPauseHoldsWritesUntilItEnds() throws Exception {
        assertEquals("OK", call("CLIENT", "PAUSE", "300", "WRITE"));
        long t0 = System.currentTimeMillis();
        try (Jedis other = server.jedis()) {
            assertEquals("v0", other.get("k") == null ? "v0" : "?", "reads are not paused");
            other.set("k", "v");
            assertTrue(System.currentTimeMillis() - t0 >= 250, "the write waited for the pause");
        }
        assertEquals("v", jedis.get("k"));
    }

    @Test
    void infoHasRedisSectionsAndFieldNames() {
        String info = jedis.info();
        for (String field : List.of("# Server", "redis_version:", "run_id:", "tcp_port:" + server.port(), "# Clients",
                "connected_clients:", "# Memory", "used_memory:", "maxmemory_policy:noeviction", "# Persistence",
                "# Stats", "total_commands_processed:", "keyspace_hits:", "# Replication", "role:master",
                "connected_slaves:0", "master_replid:", "# CPU", "used_cpu_sys:", "# Keyspace")) {
            assertTrue(info.contains(field), "INFO lacks " + field);
        }
        jedis.set("k", "v");
        assertTrue(jedis.info("keyspace").contains("db0:keys=1,expires=0,avg_ttl=0"));
        assertTrue(jedis.info("commandstats").contains("cmdstat_set:calls="));
        assertTrue(jedis.info("everything").contains("# Commandstats"));
    }

    @Test
    void commandTableAnswersCommandFamily() {
        long count = (Long) call("COMMAND", "COUNT");
        assertTrue(count > 150, "COMMAND COUNT " + count);
        @SuppressWarnings("unchecked")
        List<Object> get = (List<Object>) ((List<Object>) call("COMMAND", "INFO", "get")).get(0);
        assertEquals("get", get.get(0));
        assertEquals(2L, get.get(1));
        assertEquals(List.of("readonly", "fast"), get.get(2));
        assertEquals(List.of(1L, 1L, 1L), get.subList(3, 6));
        assertEquals(List.of("a", "c"), call("COMMAND", "GETKEYS", "MSET", "a", "b", "c", "d"));
        assertEquals(List.of("src", "dst"), call("COMMAND", "GETKEYS", "SORT", "src", "STORE", "dst"));
        assertError("ERR The command has no key arguments", "COMMAND", "GETKEYS", "PING", "x");
        assertError("ERR wrong number of arguments for 'command|getkeys' command", "COMMAND", "GETKEYS", "PING");
        assertTrue(((List<?>) call("COMMAND", "LIST", "FILTERBY", "PATTERN", "z*")).contains("zadd"));
        @SuppressWarnings("unchecked")
        List<Object> docs = (List<Object>) call("COMMAND", "DOCS", "set");
        assertEquals("set", docs.get(0));
    }

    @Test
    void configGetSetAndTheirErrors() {
        assertEquals(Map.of("maxmemory", "0"), jedis.configGet("maxmemory"));
        assertEquals("OK", jedis.configSet("maxmemory", "10mb"));
        assertEquals(Map.of("maxmemory", "10485760"), jedis.configGet("maxmemory"));
        assertEquals("OK", call("CONFIG", "SET", "maxmemory", "0", "hz", "20"));
        assertEquals(Map.of("slave-read-only", "yes"), jedis.configGet("slave-read-only"), "aliases answer under their own name");
        assertError("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'", "CONFIG", "SET", "nosuch", "1");
        assertError("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'",
                "CONFIG", "SET", "appendonly", "maybe");
        assertError("ERR CONFIG SET failed (possibly related to argument 'daemonize') - can't set immutable config",
                "CONFIG", "SET", "daemonize", "yes");
        assertError("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the "
                + "following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, "
                + "allkeys-random, noeviction", "CONFIG", "SET", "maxmemory-policy", "lol");
        assertEquals("20", jedis.configGet("hz").get("hz"));
        assertError("ERR The server is running without a config file", "CONFIG", "REWRITE");
        jedis.configSet("hz", "10");
    }

    @Test
    void slowlogRecordsSlowCommands() {
        jedis.configSet("slowlog-log-slower-than", "0");
        jedis.slowlogReset();
        jedis.set("k", "v");
        assertTrue(jedis.slowlogLen() >= 1);
        assertTrue(jedis.slowlogGet(10).stream().anyMatch(e -> e.getArgs().equals(List.of("SET", "k", "v"))),
                "the SET is in the slow log with its arguments");
        jedis.configSet("slowlog-log-slower-than", "10000");
    }

    @Test
    void debugPopulateAndTimeAndMemoryUsage() {
        assertEquals("OK", call("DEBUG", "POPULATE", "100", "key", "16"));
        assertEquals(100, jedis.dbSize());
        assertEquals(16, jedis.strlen("key:5"));
        assertTrue(jedis.memoryUsage("key:5") > 16);
        assertEquals(2, jedis.time().size());
    }
}
