package io.rediha.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReplicationBacklogTest {
    @Property(tries = 200)
    void servesExactlyTheLastBytesOfTheStream(@ForAll @Size(max = 60) java.util.List<@IntRange(min = 0, max = 9000) Integer> chunks,
                                              @ForAll @IntRange(min = 0, max = 20000) int ask) {
        ReplicationBacklog b = new ReplicationBacklog(16 * 1024, 100);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int counter = 0;
        for (int n : chunks) {
            byte[] c = new byte[n];
            for (int i = 0; i < n; i++) {
                c[i] = (byte) (counter++ * 31);
            }
            all.write(c, 0, n);
            b.append(c);
        }
        byte[] stream = all.toByteArray();
        assertEquals(100 + stream.length, b.masterReplOffset());
        assertEquals(Math.min(stream.length, 16 * 1024), b.histlen());
        long offset = b.masterReplOffset() + 1 - Math.min(ask, b.histlen());
        assertTrue(b.canServeFrom(offset));
        byte[] got = b.copyFrom(offset);
        int from = (int) (offset - 101);
        assertArrayEquals(java.util.Arrays.copyOfRange(stream, from, stream.length), got);
        assertFalse(b.canServeFrom(b.firstByteOffset() - 1));
        assertFalse(b.canServeFrom(b.masterReplOffset() + 2));
    }

    @Test
    void promotionKeepsTheOldIdValidUpToTheShiftOffset() {
        ReplicationIds ids = new ReplicationIds();
        String old = ids.replid();
        ids.shift(6516);
        assertEquals(old, ids.replid2());
        assertEquals(6517, ids.secondReplOffset());
        assertTrue(ids.sharesHistory(old, 6517));
        assertFalse(ids.sharesHistory(old, 6518));
        assertTrue(ids.sharesHistory(ids.replid(), 99999));
        assertEquals(40, ids.replid().length());
    }
}
