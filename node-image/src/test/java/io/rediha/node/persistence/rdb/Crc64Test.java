package io.rediha.node.persistence.rdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
    @Test
    void matchesTheRedisCheckValue() {
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Generative: 200 random inputs and cut points, from a fixed seed so a failure repeats. */
    @Test
    void slicedUpdateEqualsBytewiseUpdate() {
        Random rnd = new Random(200);
        for (int t = 0; t < 200; t++) {
            byte[] data = new byte[rnd.nextInt(t < 5 ? 2 : 2000)];
            rnd.nextBytes(data);
            checkSlicedUpdate(data, rnd.nextInt());
        }
    }

    private static void checkSlicedUpdate(byte[] data, int cut) {
        int c = data.length == 0 ? 0 : Math.floorMod(cut, data.length);
        long whole = Crc64.of(data);
        long parts = Crc64.update(Crc64.update(0, data, 0, c), data, c, data.length - c);
        long bytewise = 0;
        for (byte b : data) {
            bytewise = Crc64.update(bytewise, new byte[] {b}, 0, 1);
        }
        assertEquals(whole, parts);
        assertEquals(whole, bytewise);
    }
}
