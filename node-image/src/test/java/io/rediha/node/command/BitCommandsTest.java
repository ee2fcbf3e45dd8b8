package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.BitOP;

class BitCommandsTest extends ServerTestBase {

    @Test
    void setbitGrowsTheStringAndGetbitReadsIt() {
        assertFalse(jedis.setbit("b", 7, true));
        assertTrue(jedis.getbit("b", 7));
        assertFalse(jedis.getbit("b", 100));
        assertEquals("\u0001", jedis.get("b"));
        assertTrue(jedis.setbit("b", 7, false));
        assertError("ERR bit offset is not an integer or out of range", "SETBIT", "b", "-1", "1");
        assertError("ERR bit is not an integer or out of range", "SETBIT", "b", "1", "2");
    }

    @Test
    void bitcountAndBitposByBytesAndBits() {
        jedis.set("s", "foobar");
        assertEquals(26, jedis.bitcount("s"));
        assertEquals(4, jedis.bitcount("s", 0, 0));
        assertEquals(6, jedis.bitcount("s", 1, 1));
        assertEquals(17L, call("BITCOUNT", "s", "5", "30", "BIT"));
        jedis.set("p".getBytes(), new byte[]{(byte) 0xff, (byte) 0xf0, 0});
        assertEquals(12L, call("BITPOS", "p", "0"));
        assertEquals(-1L, call("BITPOS", "p", "1", "2", "-1", "BYTE"));
        assertEquals(0L, call("BITPOS", "missing", "0"));
        assertEquals(-1L, call("BITPOS", "missing", "1"));
        jedis.set("ones".getBytes(), new byte[]{(byte) 0xff});
        assertEquals(8L, call("BITPOS", "ones", "0"), "without an end the string is padded with zeros");
        assertEquals(-1L, call("BITPOS", "ones", "0", "0", "0"));
        assertError("ERR The bit argument must be 1 or 0.", "BITPOS", "ones", "2");
    }

    @Test
    void bitopCombinesStrings() {
        jedis.set("a", "abc");
        jedis.set("b", "a");
        assertEquals(3, jedis.bitop(BitOP.OR, "dest", "a", "b"));
        assertEquals("abc", jedis.get("dest"));
        assertEquals(3, jedis.bitop(BitOP.AND, "dest", "a", "b"));
        assertEquals("a\0\0", jedis.get("dest"));
        assertError("ERR BITOP NOT must be called with a single source key.", "BITOP", "NOT", "d", "a", "b");
    }

    @Test
    void bitfieldReadsWritesAndHandlesOverflow() {
        assertEquals(Arrays.asList(0L, 100L), call("BITFIELD", "f", "SET", "i8", "0", "100", "GET", "i8", "0"));
        assertEquals(List.of(127L), call("BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "100"));
        assertEquals(List.of(-128L + 99), call("BITFIELD", "f", "OVERFLOW", "WRAP", "INCRBY", "i8", "0", "100"));
        assertEquals(Arrays.asList((Object) null), call("BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "-100"));
        assertEquals(List.of(0L, 255L), call("BITFIELD", "u", "SET", "u8", "#1", "255", "GET", "u8", "#1"));
        assertEquals(List.of(255L), call("BITFIELD_RO", "u", "GET", "u8", "8"));
        assertError("ERR BITFIELD_RO only supports the GET subcommand", "BITFIELD_RO", "u", "SET", "u8", "0", "1");
        assertError("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.",
                "BITFIELD", "u", "GET", "u64", "0");
    }
}
