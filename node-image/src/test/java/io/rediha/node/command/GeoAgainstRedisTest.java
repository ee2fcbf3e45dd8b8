package io.rediha.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rediha.node.persistence.RealRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GEO replies must equal redis-server's for the same data: the same random points go into both
 * servers, then searches, distances, hashes and positions are compared as text.
 */
class GeoAgainstRedisTest {
    private static final String[] UNITS = {"m", "km", "ft", "mi"};
    private static final int POINTS = 600;

    @TempDir
    static Path dir;
    static ReferencePair pair;
    static final Random RANDOM = new Random(20261122);
    static final List<String> MEMBERS = new ArrayList<>();

    @BeforeAll
    static void startAndLoad() throws Exception {
        assumeTrue(RealRedis.available(), "Debian redis-server not installed");
        pair = ReferencePair.start(dir);
        // Clusters around a few cities plus points anywhere, the poles' limits included.
        double[][] centres = {{13.36, 38.11}, {-0.12, 51.5}, {151.2, -33.86}, {179.9, 64.7}, {-179.95, -84.9}, {0, 0}};
        List<String> geoadd = new ArrayList<>(List.of("geoadd", "pts"));
        for (int i = 0; i < POINTS; i++) {
            double lon;
            double lat;
            if (i % 3 == 0) {
                lon = -180 + 360 * RANDOM.nextDouble();
                lat = -85.05112878 + 170.10225756 * RANDOM.nextDouble();
            } else {
                double[] c = centres[i % centres.length];
                lon = Math.max(-180, Math.min(180, c[0] + (RANDOM.nextDouble() - 0.5) * 4));
                lat = Math.max(-85.05112878, Math.min(85.05112878, c[1] + (RANDOM.nextDouble() - 0.5) * 2));
            }
            String member = "p" + i;
            MEMBERS.add(member);
            geoadd.addAll(List.of(Double.toString(lon), Double.toString(lat), member));
        }
        // Two members at one position: equal distances must come out in the same order.
        geoadd.addAll(List.of("13.5", "38.2", "twinA", "13.5", "38.2", "twinB"));
        MEMBERS.addAll(List.of("twinA", "twinB"));
        assertEquals(ReferencePair.call(pair.redisClient, geoadd.toArray(new String[0])),
                ReferencePair.call(pair.ourClient, geoadd.toArray(new String[0])), "GEOADD reply");
    }

    @AfterAll
    static void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    private static void assertSame(String... command) {
        assertEquals(ReferencePair.call(pair.redisClient, command), ReferencePair.call(pair.ourClient, command),
                String.join(" ", command));
    }

    private static String member() {
        return MEMBERS.get(RANDOM.nextInt(MEMBERS.size()));
    }

    private static String unit() {
        return UNITS[RANDOM.nextInt(UNITS.length)];
    }

    private static String size(String unit) {
        double meters = Math.pow(10, 1 + RANDOM.nextDouble() * 6.5);
        double perUnit = switch (unit) {
            case "km" -> 1000;
            case "ft" -> 0.3048;
            case "mi" -> 1609.34;
            default -> 1;
        };
        return String.format(Locale.ROOT, "%.3f", meters / perUnit);
    }

    private static List<String> options() {
        List<String> o = new ArrayList<>();
        for (String w : new String[]{"WITHCOORD", "WITHDIST", "WITHHASH"}) {
            if (RANDOM.nextBoolean()) {
                o.add(w);
            }
        }
        int sort = RANDOM.nextInt(3);
        if (sort > 0) {
            o.add(sort == 1 ? "ASC" : "DESC");
        }
        if (RANDOM.nextInt(3) == 0) {
            o.addAll(List.of("COUNT", Integer.toString(1 + RANDOM.nextInt(20))));
            if (RANDOM.nextInt(3) == 0) {
                o.add("ANY");
            }
        }
        return o;
    }

    @Test
    void searchesReturnWhatRedisReturns() {
        for (int i = 0; i < 250; i++) {
            List<String> c = new ArrayList<>(List.of("geosearch", "pts"));
            if (RANDOM.nextBoolean()) {
                c.addAll(List.of("FROMMEMBER", member()));
            } else {
                c.addAll(List.of("FROMLONLAT", Double.toString(-180 + 360 * RANDOM.nextDouble()),
                        Double.toString(-85 + 170 * RANDOM.nextDouble())));
            }
            String u = unit();
            if (RANDOM.nextBoolean()) {
                c.addAll(List.of("BYRADIUS", size(u), u));
            } else {
                c.addAll(List.of("BYBOX", size(u), size(u), u));
            }
            c.addAll(options());
            assertSame(c.toArray(new String[0]));
        }
    }

    @Test
    void radiusCommandsReturnWhatRedisReturns() {
        for (int i = 0; i < 150; i++) {
            String u = unit();
            List<String> c = new ArrayList<>();
            switch (i % 4) {
                case 0 -> c.addAll(List.of("georadius", "pts", Double.toString(-180 + 360 * RANDOM.nextDouble()),
                        Double.toString(-85 + 170 * RANDOM.nextDouble()), size(u), u));
                case 1 -> c.addAll(List.of("georadius_ro", "pts", "13.4", "38.1", size(u), u));
                case 2 -> c.addAll(List.of("georadiusbymember", "pts", member(), size(u), u));
                default -> c.addAll(List.of("georadiusbymember_ro", "pts", member(), size(u), u));
            }
            c.addAll(options());
            assertSame(c.toArray(new String[0]));
        }
    }

    @Test
    void storedResultsHoldWhatRedisStores() {
        for (int i = 0; i < 40; i++) {
            String u = unit();
            String[] store = i % 2 == 0
                    ? new String[]{"geosearchstore", "dst", "pts", "FROMMEMBER", member(), "BYRADIUS", size(u), u,
                        "STOREDIST", "COUNT", "15"}
                    : new String[]{"georadiusbymember", "pts", member(), size(u), u, "STORE", "dst"};
            assertSame(store);
            assertSame("zrange", "dst", "0", "-1", "WITHSCORES");
            assertSame("exists", "dst");
        }
    }

    @Test
    void distancesHashesAndPositionsMatchRedis() {
        for (int i = 0; i < 300; i++) {
            assertSame("geodist", "pts", member(), member(), unit());
        }
        List<String> all = new ArrayList<>(List.of("pts"));
        all.addAll(MEMBERS);
        all.add("nosuchmember");
        List<String> geohash = new ArrayList<>(List.of("geohash"));
        geohash.addAll(all);
        assertSame(geohash.toArray(new String[0]));
        List<String> geopos = new ArrayList<>(List.of("geopos"));
        geopos.addAll(all);
        assertSame(geopos.toArray(new String[0]));
        assertSame("zrange", "pts", "0", "-1", "WITHSCORES");
    }

    @Test
    void resp3CoordinatesAreTheSameDoubles() throws Exception {
        String theirs = redisCli(pair.redis.port(), "geopos", "pts", "p1", "p2", "twinA");
        String mine = redisCli(pair.ours.port, "geopos", "pts", "p1", "p2", "twinA");
        assertFalse(theirs.isBlank(), "redis-cli printed something");
        assertEquals(theirs, mine, "GEOPOS over RESP3 as redis-cli -3 prints it");
    }

    private static String redisCli(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-3", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    @Test
    void errorsAndEdgeCasesMatchRedis() {
        pair.both("set", "str", "x");
        String[][] commands = {
            {"geoadd", "g", "200", "10", "a"}, {"geoadd", "g", "10", "86", "a"}, {"geoadd", "g", "nan", "10", "a"},
            {"geoadd", "g", "xx", "nx", "1", "2", "a"}, {"geoadd", "g", "1", "2"}, {"geoadd", "g", "nx", "ch", "xx"},
            {"geoadd", "str", "1", "2", "a"}, {"geoadd", "g", "ch", "1", "2", "a", "3", "4", "b"},
            {"geoadd", "g", "ch", "xx", "1.5", "2", "a", "3", "4", "c"}, {"geoadd", "g", "nx", "9", "9", "a"},
            {"geoadd", "g", "180", "85.05112878", "edge"}, {"geopos", "g", "edge", "a"},
            {"geodist", "g", "a", "b", "yards"}, {"geodist", "g", "a", "b", "km", "x"}, {"geodist", "nokey", "a", "b"},
            {"geodist", "g", "a", "nosuch"}, {"geodist", "str", "a", "b"}, {"geohash", "nokey", "a"}, {"geopos", "nokey", "a"},
            {"geohash", "g"}, {"georadius", "g", "1", "2", "-1", "km"}, {"georadius", "g", "1", "2", "x", "km"},
            {"georadius", "g", "1", "2", "100", "furlong"}, {"georadius", "g", "1", "2", "1000", "km", "COUNT", "0"},
            {"georadius", "g", "1", "2", "1000", "km", "COUNT", "x"}, {"georadius", "g", "1", "2", "1000", "km", "ANY"},
            {"georadius", "g", "1", "2", "1000", "km", "STORE", "d", "WITHDIST"},
            {"georadius_ro", "g", "1", "2", "1000", "km", "STORE", "d"}, {"georadius", "g", "1", "2", "1000", "km", "bogus"},
            {"georadiusbymember", "g", "nosuch", "10", "km"}, {"georadiusbymember", "nokey", "a", "10", "km"},
            {"georadiusbymember", "nokey", "a", "10", "km", "STORE", "d"},
            {"georadius", "str", "1", "2", "10", "km"},
            {"geosearch", "g", "FROMLONLAT", "1", "2"}, {"geosearch", "g", "BYRADIUS", "10", "km"},
            {"GeoSearch", "g", "BYBOX", "1", "1", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "FROMLONLAT", "1", "2", "BYRADIUS", "10", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYRADIUS", "10", "km", "BYBOX", "1", "1", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYBOX", "-1", "1", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYBOX", "w", "1", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYBOX", "1", "h", "km"},
            {"geosearch", "g", "FROMMEMBER", "nosuch", "BYRADIUS", "10", "km"},
            {"geosearch", "nokey", "FROMMEMBER", "nosuch", "BYRADIUS", "10", "km"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYRADIUS", "10", "km", "STORE", "d"},
            {"geosearch", "g", "FROMMEMBER", "a", "BYRADIUS", "1000", "km", "STOREDIST"},
            {"geosearch", "g", "FROMLONLAT", "1", "2", "BYRADIUS", "0", "km"},
            {"geosearch", "g", "FROMLONLAT", "1.5", "2", "BYBOX", "0", "0", "km", "WITHCOORD", "WITHDIST", "WITHHASH"},
            {"geosearchstore", "d", "g", "FROMMEMBER", "a", "BYRADIUS", "1000", "km", "WITHDIST"},
            {"geosearchstore", "d", "g", "FROMMEMBER", "a", "BYRADIUS", "1000", "km", "STOREDIST"},
            {"zrange", "d", "0", "-1", "WITHSCORES"},
            {"geosearchstore", "d", "g", "FROMMEMBER", "a", "BYRADIUS", "1", "m"}, {"exists", "d"},
            {"geosearchstore", "d", "nokey", "FROMMEMBER", "a", "BYRADIUS", "1", "m"},
            {"geosearch", "str", "FROMLONLAT", "1", "2", "BYRADIUS", "10", "km"},
            {"georadius", "g", "0", "0", "30000", "km", "ASC", "WITHDIST"},
            {"geosearch", "g", "FROMLONLAT", "0", "0", "BYBOX", "50000", "50000", "km", "DESC"},
        };
        for (String[] c : commands) {
            assertSame(c);
        }
    }

    @Test
    void commandInfoMatchesRedis() {
        for (String name : List.of("geoadd", "geopos", "geodist", "geohash", "georadius", "georadius_ro",
                "georadiusbymember", "georadiusbymember_ro", "geosearch", "geosearchstore")) {
            List<?> theirs = (List<?>) ((List<?>) ReferencePair.call(pair.redisClient, "command", "info", name)).get(0);
            List<?> mine = (List<?>) ((List<?>) ReferencePair.call(pair.ourClient, "command", "info", name)).get(0);
            assertEquals(theirs.subList(0, 7), mine.subList(0, 7), "COMMAND INFO " + name);
        }
        assertSame("command", "getkeys", "georadius", "g", "1", "2", "3", "km", "STOREDIST", "dst");
        assertSame("command", "getkeys", "geosearchstore", "dst", "src", "FROMLONLAT", "1", "2", "BYRADIUS", "1", "m");
    }
}
