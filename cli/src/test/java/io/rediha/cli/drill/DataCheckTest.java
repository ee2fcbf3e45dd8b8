package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The data verdict and the node digest against a real redis-server: each kind of discrepancy is
 * planted by hand and must be counted as exactly that kind.
 */
class DataCheckTest {
    @TempDir
    static Path dir;
    static Process server;
    static int port;

    @BeforeAll
    static void startServer() throws Exception {
        assertTrue(ReferenceCluster.available(), "Debian redis-server must be installed");
        port = ReferenceCluster.freePort();
        server = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                j.ping();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.destroy();
        server.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void eachKindOfDiscrepancyIsCountedAsItself() {
        KeySpace keys = new KeySpace("checkit1");
        WriteLog log = new WriteLog(0);
        log.append(0, 1, Outcome.ACKED, 0);       // 0: acknowledged and present
        log.append(1, 2, Outcome.ACKED, 0);       // 1: acknowledged and lost
        log.append(2, 3, Outcome.FAILED, 0);      // 2: failed but present
        log.append(3, 4, Outcome.UNCONFIRMED, 0); // 3: unconfirmed and present
        log.append(4, 5, Outcome.FAILED, 0);      // 4: failed and absent: fine
        log.append(5, 6, Outcome.ACKED, 0);       // 5: acknowledged, but holds another value
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            j.set(keys.key(1, 0, 0), keys.value(1, 0, 0));
            j.set(keys.key(1, 0, 2), keys.value(1, 0, 2));
            j.set(keys.key(1, 0, 3), keys.value(1, 0, 3));
            j.set(keys.key(1, 0, 5), "something else");
            j.set(keys.key(1, 0, 99), keys.value(1, 0, 99));   // a key no writer attempted
            j.set(keys.key(1, 7, 0), keys.value(1, 7, 0));     // a writer that does not exist
            j.set(keys.probeKey(1), keys.probeValue(1));       // the verification's own key: ignored
            j.set(keys.key(2, 0, 0), "another round");         // outside this round: ignored

            DataCheck.Verdict v = DataCheck.check(j, keys, 1, List.of(log));

            assertEquals(6, v.attempted());
            assertEquals(3, v.acked());
            assertEquals(1, v.ackedLost(), "acknowledged and missing");
            assertEquals(List.of(keys.key(1, 0, 1)), v.lostSamples());
            assertEquals(2, v.unackedPresent(), "failed or unconfirmed, yet present");
            assertEquals(1, v.wrongValues(), "a value nobody wrote to that key");
            assertEquals(2, v.unknownKeys(), "keys no writer wrote");
        }
    }

    @Test
    void digestsAgreeOnlyWhenKeysAndValuesAgree() {
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            String prefix = "rediha-drill:digest01:1:";
            for (int i = 0; i < 1200; i++) {
                j.set(prefix + "0:" + i, "v" + i);
            }
            NodeDigest before = NodeDigest.of(j, prefix);
            NodeDigest again = NodeDigest.of(j, prefix);
            j.set(prefix + "0:7", "changed");
            NodeDigest changed = NodeDigest.of(j, prefix);

            assertEquals(1200, before.keys());
            assertEquals(before, again, "same data, same digest");
            assertEquals(1200, changed.keys());
            assertNotEquals(before.sha256(), changed.sha256(), "one changed value changes the digest");
        }
    }
}
