package io.rediha.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keyspace table while it resizes bucket by bucket: it agrees with a plain map through
 * random inserts, removes and lookups across many grow and shrink cycles, a SCAN that runs while
 * the table resizes under it still returns every key present for the whole scan, and no single
 * insert moves the whole table.
 */
class DictTest {
    private static final long SEED = 20261122;

    @Test
    void agreesWithAMapThroughGrowAndShrinkCycles() {
        Random r = new Random(SEED);
        Dict d = new Dict();
        Map<String, Integer> model = new HashMap<>();
        int rehashingSeen = 0;
        for (int op = 0; op < 400_000; op++) {
            // phases of growth then shrinkage, so both kinds of resize happen many times
            boolean growing = (op / 50_000) % 2 == 0;
            String k = "k" + r.nextInt(growing ? 60_000 : 30_000);
            int dice = r.nextInt(10);
            if (dice < (growing ? 6 : 2)) {
                d.put(bytes(k), op);
                model.put(k, op);
            } else if (dice < 8) {
                Dict.Node removed = d.remove(bytes(k));
                assertEquals(model.remove(k) != null, removed != null, k);
            } else {
                Dict.Node n = d.find(bytes(k));
                Integer expected = model.get(k);
                assertEquals(expected, n == null ? null : n.value, k);
            }
            if (d.isRehashing()) {
                rehashingSeen++;
            }
            assertEquals(model.size(), d.size());
        }
        assertTrue(rehashingSeen > 1000, "operations during a resize: " + rehashingSeen);
        Set<String> seen = new HashSet<>();
        d.forEach(n -> assertTrue(seen.add(new String(n.key, StandardCharsets.UTF_8)), "visited twice"));
        assertEquals(model.keySet(), seen);
    }

    @Test
    void scanReturnsEveryKeyPresentThroughoutWhileTheTableResizes() {
        Random r = new Random(SEED + 1);
        Dict d = new Dict();
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            d.put(bytes("stable" + i), i);
            stable.add("stable" + i);
        }
        Set<String> returned = new HashSet<>();
        long cursor = 0;
        int churn = 0;
        do {
            cursor = d.scan(cursor, n -> returned.add(new String(n.key, StandardCharsets.UTF_8)));
            // between calls the table grows and shrinks under the cursor
            for (int i = 0; i < 40; i++) {
                String k = "churn" + r.nextInt(20_000);
                if (r.nextBoolean()) {
                    d.put(bytes(k), churn++);
                } else {
                    d.remove(bytes(k));
                }
            }
        } while (cursor != 0);
        for (String k : stable) {
            assertTrue(returned.contains(k), "SCAN missed " + k);
        }
    }

    @Test
    void aResizeIsSpreadOverManyInserts() {
        Dict d = new Dict();
        int i = 0;
        while (d.capacity() < (1 << 16)) {
            d.put(bytes("k" + i++), i);
        }
        // the table just started to double: it stays in two halves for many more inserts
        assertTrue(d.isRehashing(), "a resize of 65536 buckets is not done in one insert");
        int inserts = 0;
        while (d.isRehashing()) {
            d.put(bytes("k" + i++), i);
            inserts++;
        }
        assertTrue(inserts > 1000, "finished after " + inserts + " inserts");
        assertNotNull(d.randomNode());
        for (int k = 0; k < i; k++) {
            assertNotNull(d.find(bytes("k" + k)), "k" + k);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
