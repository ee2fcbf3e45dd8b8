package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GEO and HyperLogLog on our server alone (the comparisons with redis-server are in the
 * *AgainstRedisTest classes): the values Redis documents, and the effects on the keyspace.
 */
class GeoAndHyperLogLogCommandsTest extends ServerTestBase {

    @Test
    void pfcountCachesTheCardinalityInTheHeaderUntilTheNextChange() {
        call("pfadd", "h", "a", "b", "c");
        assertEquals(3L, call("pfcount", "h"), "three distinct elements");
        byte[] cached = jedis.get("h".getBytes());
        assertEquals(0, cached[15] & 0x80, "cache marked valid after PFCOUNT");
        assertEquals(3, cached[8], "cardinality stored little-endian in the header");
        assertEquals(0L, call("pfadd", "h", "a"), "an element already seen changes nothing");
        assertEquals(0, jedis.get("h".getBytes())[15] & 0x80, "cache still valid");
        assertEquals(1L, call("pfadd", "h", "d"), "a new element changes a register");
        assertEquals(0x80, jedis.get("h".getBytes())[15] & 0x80, "cache invalidated");
        assertEquals(4L, call("pfcount", "h"), "recounted");
    }

    @Test
    void pfselftestPassesAndHllsAreStrings() {
        assertEquals("OK", call("pfselftest"), "register packing and estimator error");
        call("pfadd", "h");
        assertEquals("string", call("type", "h"), "an HLL is a string");
        assertEquals("sparse", call("pfdebug", "encoding", "h"), "new HLLs are sparse");
        assertEquals("Z:16384", call("pfdebug", "decode", "h"), "one XZERO over all registers");
        assertEquals(1L, call("pfdebug", "todense", "h"), "converted");
        assertEquals(16384, ((List<?>) call("pfdebug", "getreg", "h")).size(), "one value a register");
        call("set", "h2", "plain text");
        assertError("WRONGTYPE Key is not a valid HyperLogLog string value.", "pfadd", "h2", "x");
    }

    @Test
    void pfmergeCountsTheUnion() {
        call("pfadd", "a", "1", "2", "3");
        call("pfadd", "b", "3", "4");
        assertEquals("OK", call("pfmerge", "u", "a", "b", "missing"), "merge ignores missing keys");
        assertEquals(4L, call("pfcount", "u"), "union of {1,2,3} and {3,4}");
        assertEquals(4L, call("pfcount", "a", "b"), "PFCOUNT over several keys counts the union too");
    }

    @Test
    void geoaddStoresGeohashScoresInASortedSet() {
        assertEquals(2L, call("geoadd", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"),
                "two members added");
        assertEquals("zset", call("type", "Sicily"), "GEO data is a sorted set");
        assertEquals("3479099956230698", call("zscore", "Sicily", "Palermo"), "52-bit geohash score");
        assertEquals("166274.1516", call("geodist", "Sicily", "Palermo", "Catania"), "the distance Redis documents");
        assertEquals(List.of("sqc8b49rny0", "sqdtr74hyu0"), call("geohash", "Sicily", "Palermo", "Catania"),
                "the geohashes Redis documents");
        assertEquals(List.of("Catania", "Palermo"), call("georadius", "Sicily", "15", "37", "200", "km", "ASC"),
                "nearest first");
        assertEquals(1L, call("geoadd", "Sicily", "ch", "xx", "13.5", "38", "Palermo"), "CH counts the moved member");
    }

    @Test
    void searchStoreWritesASortedSetOfDistances() {
        call("geoadd", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        assertEquals(2L, call("geosearchstore", "near", "Sicily", "FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km",
                "ASC", "STOREDIST"), "both in the box");
        Object stored = call("zrange", "near", "0", "-1", "WITHSCORES");
        assertTrue(stored.toString().startsWith("[Catania, 56.44"), "distances in km as scores: " + stored);
        assertEquals(0L, call("geosearchstore", "near", "Sicily", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "m"),
                "nothing found");
        assertEquals(0L, jedis.exists("near") ? 1L : 0L, "an empty result deletes the destination");
    }
}
