package io.rediha.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store's support for loading a full sync off the command thread and installing it in one step. */
class BulkLoadTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reservedTableHoldsTheAnnouncedKeysWithoutResizing() {
        Dict d = new Dict();
        d.reserve(1000);
        assertEquals(1024, d.capacity());
        for (int i = 0; i < 1000; i++) {
            d.put(b("k" + i), b("v"));
        }
        assertEquals(1024, d.capacity());
        d.reserve(10);
        assertEquals(1024, d.capacity(), "reserve never shrinks");
        for (int i = 0; i < 1000; i++) {
            assertArrayEquals(b("v"), (byte[]) d.get(b("k" + i)));
        }
    }

    @Test
    void aLoadLargerThanOneChunkKeepsEveryKey() {
        Database db = new Keyspace(1).db(0);
        for (int i = 0; i < 200_000; i++) {
            db.addLoaded(b("k" + i), b("v" + i), -1);
        }
        db.finishLoad();
        assertEquals(200_000, db.size());
        for (int i = 0; i < 200_000; i += 997) {
            assertArrayEquals(b("v" + i), (byte[]) db.get(b("k" + i)));
        }
    }

    @Test
    void addLoadedKeepsTheLastValueOfADuplicateKeyAndItsExpiry() {
        Keyspace ks = new Keyspace(1);
        Database db = ks.db(0);
        db.addLoaded(b("a"), b("1"), 4_000_000_000_000L);
        db.addLoaded(b("a"), b("2"), -1);
        db.addLoaded(b("b"), b("3"), 4_000_000_000_000L);
        assertEquals(0, db.size(), "nothing is visible before the load finishes");
        db.finishLoad();
        assertEquals(2, db.size());
        assertArrayEquals(b("2"), (byte[]) db.get(b("a")));
        assertEquals(-1, db.getExpire(b("a")));
        assertEquals(4_000_000_000_000L, db.getExpire(b("b")));
        assertEquals(1, db.expiresCount());
        Keyspace same = new Keyspace(1);
        same.db(0).add(b("a"), b("2"));
        same.db(0).addWithExpire(b("b"), b("3"), 4_000_000_000_000L);
        assertEquals(same.meter().bytes(), ks.meter().bytes());
    }

    @Test
    void takenContentsAreServedWithTheirExpiriesAndCountedInTheNewMeter() {
        Keyspace server = new Keyspace(2);
        server.db(0).add(b("old"), b("gone"));
        List<Database> emptied = new ArrayList<>();
        server.addListener(new KeyspaceListener() {
            @Override
            public void databaseEmptied(Database db) {
                emptied.add(db);
            }
        });
        Keyspace staged = new Keyspace(2);
        staged.setReplicaMode(true);
        RedisHash h = new RedisHash();
        h.put(b("f"), b("v"));
        staged.db(0).addLoaded(b("key:5"), b("an older value, replaced later in the same load"), 4_000_000_000_000L);
        for (int i = 0; i < 100; i++) {
            staged.db(0).addLoaded(b("key:" + i), b("value-" + i), i % 10 == 0 ? 4_000_000_000_000L : -1);
        }
        staged.db(0).addLoaded(b("hash"), h, -1);
        staged.db(0).finishLoad();
        Keyspace expected = new Keyspace(2);
        for (int i = 0; i < 100; i++) {
            expected.db(0).addWithExpire(b("key:" + i), b("value-" + i), i % 10 == 0 ? 4_000_000_000_000L : -1);
        }
        RedisHash h2 = new RedisHash();
        h2.put(b("f"), b("v"));
        expected.db(0).add(b("hash"), h2);

        server.db(0).takeContents(staged.db(0));
        server.db(1).takeContents(staged.db(1));

        assertTrue(emptied.contains(server.db(0)), "watchers of the old keys are told");
        assertNull(server.db(0).get(b("old")));
        assertEquals(101, server.db(0).size());
        assertEquals(10, server.db(0).expiresCount());
        assertArrayEquals(b("value-7"), (byte[]) server.db(0).get(b("key:7")));
        assertEquals(4_000_000_000_000L, server.db(0).getExpire(b("key:20")));
        assertEquals(expected.meter().bytes(), server.meter().bytes());
        assertEquals(0, staged.db(0).size());
        assertEquals(0, staged.meter().bytes());

        long before = server.meter().bytes();
        h.put(b("g"), b("a longer value than before"));
        assertTrue(server.meter().bytes() > before, "the moved hash reports to its new keyspace");
        assertEquals(0, staged.meter().bytes());
    }
}
