package io.rediha.node.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LzfTest {
    /** Generative: 300 random inputs, repeated 1..40 times, from a fixed seed so a failure repeats. */
    @Test
    void compressedDataDecompressesToTheOriginal() {
        Random rnd = new Random(300);
        for (int t = 0; t < 300; t++) {
            byte[] data = new byte[rnd.nextInt(t < 5 ? 3 : 300)];
            // Half the inputs from a small alphabet, so back-references actually occur.
            if (t % 2 == 0) {
                rnd.nextBytes(data);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) ('a' + rnd.nextInt(4));
                }
            }
            checkRoundTrip(data, 1 + rnd.nextInt(40));
        }
    }

    private static void checkRoundTrip(byte[] data, int repeat) {
        byte[] in = new byte[data.length * repeat];
        for (int i = 0; i < repeat; i++) {
            System.arraycopy(data, 0, in, i * data.length, data.length);
        }
        byte[] c = Lzf.compress(in, in.length + 64);
        if (in.length > 0) {
            assertNotNull(c);
            assertArrayEquals(in, Lzf.decompress(c, in.length));
        }
    }

    @Test
    void repetitiveTextShrinks() {
        byte[] in = "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc-hello-hello-hello".repeat(50)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] c = Lzf.compress(in, in.length - 4);
        assertNotNull(c);
        assertTrue(c.length < in.length / 5, "compressed to " + c.length);
        assertArrayEquals(in, Lzf.decompress(c, in.length));
    }

    @Test
    void corruptBackReferenceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Lzf.decompress(new byte[] {(byte) 0x20, 0x05}, 3));
    }
}
