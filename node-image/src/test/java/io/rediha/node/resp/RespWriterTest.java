package io.rediha.node.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RespWriterTest {
    @Test
    void formatsDoublesExactlyAsRedis70() {
        // Values and texts taken from redis-server 7.0.15 (ZADD then ZRANGE ... WITHSCORES).
        assertEquals("0", RespWriter.formatDouble(0.0));
        assertEquals("3", RespWriter.formatDouble(3.0));
        assertEquals("1.1000000000000001", RespWriter.formatDouble(1.1));
        assertEquals("0.0001", RespWriter.formatDouble(0.0001));
        assertEquals("1.0000000000000001e-05", RespWriter.formatDouble(1e-5));
        assertEquals("1.2345678901234568e+17", RespWriter.formatDouble(123456789012345678.0));
        assertEquals("1e+20", RespWriter.formatDouble(1e20));
        assertEquals("-2.5", RespWriter.formatDouble(-2.5));
        assertEquals("inf", RespWriter.formatDouble(Double.POSITIVE_INFINITY));
    }
}
