package io.rediha.node.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicationBacklogTest {
    /** Generative: 200 random chunk sequences and read-back lengths, from a fixed seed so a failure repeats. */
    @Test
    void servesExactlyTheLastBytesOfTheStream() {
        Random rnd = new Random(200);
        for (int t = 0; t < 200; t++) {
            java.util.List<Integer> chunks = new java.util.ArrayList<>();
            int count = rnd.nextInt(61);
            for (int i = 0; i < count; i++) {
                chunks.add(rnd.nextInt(9001));
            }
            checkServesLastBytes(chunks, rnd.nextInt(20001));
        }
    }

    private static void checkServesLastBytes(java.util.List<Integer> chunks, int ask) {
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
