package io.rediha.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A string shared with an image is copied before it is changed in place, once while shared. */
class SharedStringsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSharedStringIsCopiedOnceBeforeItIsChangedInPlace() {
        Keyspace ks = new Keyspace(1);
        Database db = ks.db(0);
        byte[] original = b("bitmap");
        db.addWithExpire(b("k"), original, 4_000_000_000_000L);
        long bytes = ks.meter().bytes();

        assertSame(original, db.writableString(b("k"), original), "nothing shares it: changed in place");

        db.shareStrings();
        byte[] first = db.writableString(b("k"), (byte[]) db.get(b("k")));
        assertNotSame(original, first);
        assertSame(first, db.get(b("k")), "the copy is stored in its place");
        assertArrayEquals(b("bitmap"), first);
        assertEquals(4_000_000_000_000L, db.getExpire(b("k")), "the expiry stays");
        assertEquals(bytes, ks.meter().bytes());
        first[0] = 'B';
        assertArrayEquals(b("bitmap"), original, "the image keeps its bytes");
        assertSame(first, db.writableString(b("k"), first), "copied once while shared");

        db.unshareStrings();
        assertSame(first, db.writableString(b("k"), first));
    }

    @Test
    void stringsStaySharedUntilTheLastImageIsReleased() {
        Database db = new Keyspace(1).db(0);
        byte[] v = b("v");
        db.add(b("k"), v);
        db.shareStrings();
        db.shareStrings();
        db.unshareStrings();
        assertNotSame(v, db.writableString(b("k"), v));
    }
}
