package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeySpaceTest {
    @Test
    void everyKeyLivesUnderItsRoundsPrefixAndParsesBack() {
        KeySpace k = new KeySpace("ab12cd34");

        String key = k.key(3, 2, 12345);

        assertTrue(key.startsWith("rediha-drill:ab12cd34:3:"), key);
        assertArrayEquals(new long[] {2, 12345}, k.parse(3, key));
        assertNull(k.parse(4, key), "another round's key is not this round's");
        assertNull(k.parse(3, k.probeKey(3)), "the probe key is not a writer's key");
        assertNull(k.parse(3, "rediha-drill:ab12cd34:3:x:1"));
    }

    @Test
    void valuesDifferPerKeyAndRun() {
        KeySpace a = new KeySpace("aaaaaaaa");
        KeySpace b = new KeySpace("bbbbbbbb");

        assertNotEquals(a.value(1, 0, 1), a.value(1, 0, 2));
        assertNotEquals(a.value(1, 0, 1), b.value(1, 0, 1));
        assertEquals(a.value(1, 0, 1), a.value(1, 0, 1));
    }

    @Test
    void randomRunsGetDistinctEightCharacterIds() {
        String r1 = KeySpace.random().run();
        String r2 = KeySpace.random().run();

        assertEquals(8, r1.length());
        assertNotEquals(r1, r2);
    }

    @Test
    void globCharactersInAPrefixAreEscapedForScan() {
        assertEquals("a\\*b\\?c\\[d\\]e\\\\f", DataCheck.escapeGlob("a*b?c[d]e\\f"));
    }
}
