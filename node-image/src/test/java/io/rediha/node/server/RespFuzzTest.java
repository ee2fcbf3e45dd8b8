package io.rediha.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.resp.QueryBufferLimitException;
import io.rediha.node.resp.RespCommandDecoder;
import io.rediha.node.resp.RespLimits;
import io.rediha.node.resp.RespProtocolException;
import io.rediha.node.resp.RespValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Generative tests: random and mutated RESP fed to the decoder and to a live server, and random
 * argument vectors for every command. The seed is fixed so a failure reproduces; set
 * {@code -Dfuzz.seed=N} to explore others. Bounded in count so the suite stays fast.
 */
class RespFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261121L);
    private static final String[] CORPUS = {
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n",
        "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
        "PING\r\n",
        "SET \"a b\" 'c'\r\n",
        "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n",
        "*4\r\n$4\r\nZADD\r\n$1\r\nz\r\n$3\r\n1.5\r\n$1\r\nm\r\n",
    };

    private static byte[] mutate(Random r) {
        byte[] b = CORPUS[r.nextInt(CORPUS.length)].getBytes(StandardCharsets.UTF_8);
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int op = r.nextInt(7);
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (op) {
                case 0 -> { // flip a byte
                    if (b.length > 0) {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> b = splice(b, at, randomBytes(r, 1 + r.nextInt(8)));
                case 2 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 3 -> b = splice(b, at, pick(r, "-1", "999999999999", "-99999999999999999999", "\r\n", "*", "$",
                        "0", "2147483648", "\"", "'", "\\x4", "\n"));
                case 4 -> b = splice(b, at, b); // duplicate
                case 5 -> b = randomBytes(r, r.nextInt(64)); // pure noise
                default -> b = splice(b, at, ("*" + r.nextInt(20) + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private static byte[] pick(Random r, String... options) {
        return options[r.nextInt(options.length)].getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    @Test
    void decoderRejectsGarbageOnlyWithProtocolErrors() {
        Random r = new Random(SEED);
        RespLimits limits = new RespLimits() {
            @Override
            public long maxBulkLength() {
                return 1 << 20;
            }

            @Override
            public long maxQueryBuffer() {
                return 1 << 22;
            }

            @Override
            public boolean authenticated() {
                return true;
            }
        };
        for (int n = 0; n < 3000; n++) {
            byte[] input = mutate(r);
            EmbeddedChannel ch = new EmbeddedChannel(new RespCommandDecoder(limits));
            try {
                int pos = 0;
                while (pos < input.length) {
                    int len = Math.min(input.length - pos, 1 + r.nextInt(16));
                    ch.writeInbound(Unpooled.wrappedBuffer(input, pos, len));
                    pos += len;
                }
            } catch (DecoderException e) {
                Throwable c = e.getCause();
                if (!(c instanceof RespProtocolException) && !(c instanceof QueryBufferLimitException)) {
                    fail("seed " + SEED + " case " + n + " input " + HexFormat.of().formatHex(input) + " threw " + c);
                }
            }
            Object msg;
            while ((msg = ch.readInbound()) != null) {
                byte[][] argv = (byte[][]) msg;
                assertTrue(argv.length >= 1, "a decoded command has a name");
            }
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void liveServerKeepsServingWhileFedGarbage() throws Exception {
        Random r = new Random(SEED + 1);
        try (TestServer s = TestServer.start("--proto-max-bulk-len", "1mb", "--client-query-buffer-limit", "1mb")) {
            Jedis check = s.jedis();
            for (int n = 0; n < 150; n++) {
                Socket sock;
                try {
                    sock = new Socket("127.0.0.1", s.port());
                } catch (IOException refused) {
                    fail("the server stopped accepting connections at case " + n + ": " + refused);
                    return;
                }
                // Draw every chunk first, so the random sequence does not depend on timing.
                int chunks = 1 + r.nextInt(3);
                byte[][] garbage = new byte[chunks][];
                for (int k = 0; k < chunks; k++) {
                    garbage[k] = mutate(r);
                }
                try (sock) {
                    sock.setSoTimeout(200);
                    OutputStream out = sock.getOutputStream();
                    for (byte[] g : garbage) {
                        out.write(g);
                    }
                    out.flush();
                    sock.getInputStream().read(new byte[4096]);
                } catch (IOException closedOrTimedOut) {
                    // A protocol error closes this connection (as Redis does), so a later write may
                    // meet a broken pipe; what matters is that the server goes on serving others.
                }
                if (n % 10 == 0) {
                    assertEquals("PONG", check.ping(), "serving after case " + n);
                }
            }
            assertEquals("PONG", check.ping());
            assertTrue(check.info().contains("redis_version"));
        }
    }

    private static final Set<String> SKIP = Set.of("shutdown", "debug", "monitor", "subscribe", "psubscribe",
            "quit", "reset", "hello", "auth", "multi", "client", "config", "swapdb", "flushall", "flushdb", "sort");
    private static final String[] TOKENS = {"k", "l", "h", "s", "z", "str", "missing", "0", "1", "2", "-1", "5", "100",
        "1.5", "-inf", "+inf", "nan", "abc", "", "NX", "XX", "GT", "LT", "CH", "INCR", "EX", "PX", "EXAT", "PXAT",
        "KEEPTTL", "GET", "WITHSCORES", "LIMIT", "BYSCORE", "BYLEX", "REV", "MATCH", "COUNT", "TYPE", "*", "[a", "(1",
        "-", "+", "LEFT", "RIGHT", "BEFORE", "AFTER", "RANK", "MAXLEN", "IDX", "LEN", "MINMATCHLEN", "WITHMATCHLEN",
        "i8", "u4", "#1", "OVERFLOW", "SAT", "FAIL", "SET", "INCRBY", "AND", "OR", "XOR", "NOT", "BIT", "BYTE",
        "WEIGHTS", "AGGREGATE", "SUM", "MIN", "MAX", "PERSIST", "REPLACE", "DB", "9223372036854775807",
        "-9223372036854775808", "ENCODING", "IDLETIME", "FREQ", "REFCOUNT", "USAGE", "SAMPLES", "BY", "STORE", "ALPHA"};

    @Test
    void randomArgumentsNeverCauseAnInternalError() throws Exception {
        Random r = new Random(SEED + 2);
        try (TestServer s = TestServer.start("--proto-max-bulk-len", "1mb");
             RawConnection raw = new RawConnection(s.port())) {
            Jedis setup = s.jedis();
            List<CommandSpec> specs = new ArrayList<>();
            for (CommandSpec c : s.server().commands().all()) {
                if (SKIP.contains(c.name()) || c.has(io.rediha.node.command.CommandFlag.BLOCKING)) {
                    continue; // a blocking command with a random timeout of 0 would wait for ever
                }
                if (c.hasSubcommands()) {
                    specs.addAll(c.subcommands().values());
                } else {
                    specs.add(c);
                }
            }
            for (int round = 0; round < 12; round++) {
                setup.flushAll();
                setup.set("str", "hello");
                setup.rpush("l", "a", "b", "1");
                setup.hset("h", "f", "1");
                setup.sadd("s", "1", "x");
                setup.zadd("z", 1, "a");
                for (CommandSpec c : specs) {
                    List<String> argv = new ArrayList<>();
                    if (c.parent() != null) {
                        argv.add(c.parent().name());
                    }
                    argv.add(c.name());
                    int arity = Math.abs(c.arity());
                    int extra = c.arity() < 0 ? r.nextInt(5) : 0;
                    while (argv.size() < arity + extra) {
                        argv.add(TOKENS[r.nextInt(TOKENS.length)]);
                    }
                    raw.command(argv.toArray(new String[0]));
                    RespValue reply = raw.read();
                    if (reply instanceof RespValue.Error e && e.text().contains("internal error")) {
                        fail("seed " + SEED + ": " + String.join(" ", argv) + " -> " + e.text());
                    }
                }
            }
            assertEquals("PONG", setup.ping());
        }
    }
}
