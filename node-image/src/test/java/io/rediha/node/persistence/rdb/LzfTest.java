package io.rediha.node.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LzfTest {
    @Property(tries = 300)
    void compressedDataDecompressesToTheOriginal(@ForAll byte[] data, @ForAll @IntRange(min = 1, max = 40) int repeat) {
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
