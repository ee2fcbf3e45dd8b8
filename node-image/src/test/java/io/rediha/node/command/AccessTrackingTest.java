package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rediha.node.replication.InProcessNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.RestoreParams;

/**
 * The access tracking of keys as Redis does it: the LRU clock under LRU policies and the
 * logarithmic LFU counter under LFU ones, as OBJECT IDLETIME / FREQ show them and as RESTORE's
 * IDLETIME and FREQ options set them (a full node, since DUMP/RESTORE belong to persistence).
 */
class AccessTrackingTest {
    @TempDir
    Path dir;

    @Test
    void restoreSetsIdleTimeUnderLruAndFrequencyUnderLfu() throws Exception {
        try (InProcessNode node = InProcessNode.start(dir); Jedis j = node.client()) {
            call(j, "set", "k", "v");
            byte[] dump = j.dump("k");
            j.restore("r", 0, dump, RestoreParams.restoreParams().idleTime(1000));
            long idle = (Long) call(j, "object", "idletime", "r");
            assertEquals(true, idle >= 1000 && idle <= 1010, "idle " + idle);
            try {
                j.configSet("maxmemory-policy", "allkeys-lfu");
                j.restore("f", 0, dump, RestoreParams.restoreParams().frequency(100));
                assertEquals(100L, call(j, "object", "freq", "f"));
                call(j, "set", "fresh", "v");
                assertEquals(5L, call(j, "object", "freq", "fresh"), "new keys start at LFU_INIT_VAL");
                for (int i = 0; i < 200; i++) {
                    j.get("fresh");
                }
                long freq = (Long) call(j, "object", "freq", "fresh");
                assertEquals(true, freq > 5 && freq < 100, "logarithmic counter after 200 reads: " + freq);
            } finally {
                j.configSet("maxmemory-policy", "noeviction");
            }
        }
    }

    private static Object call(Jedis j, String... args) {
        return ServerTestBase.call(j, args);
    }
}
