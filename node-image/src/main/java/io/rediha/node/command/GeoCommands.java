package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.MOVABLEKEYS;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.GENERIC;
import static io.rediha.node.server.PubSub.ZSET;

import io.rediha.node.server.Client;
import io.rediha.node.store.RedisZSet;
import io.rediha.node.store.RedisZSet.ScoreRange;
import io.rediha.node.store.RedisZSet.ZNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * GEO commands on top of the sorted set: GEOADD stores each position as a 52-bit geohash score
 * ({@link Geohash}) through ZADD, and is propagated as that ZADD; the rest read scores back.
 *
 * <p>Searches (GEORADIUS*, GEOSEARCH*) scan nine geohash cells as score ranges, keep what lies
 * in the circle or box, and return it in scan order, or sorted by distance when asked (COUNT
 * without ANY implies ASC). Replies use Redis's number formats: distances with four decimals,
 * coordinates with up to 17.
 */
public final class GeoCommands implements CommandGroup {
    private static final byte[] ZADD = Args.bytes("zadd");

    private static final int BY_COORDS = 1;
    private static final int BY_MEMBER = 1 << 1;
    private static final int NO_STORE = 1 << 2;
    private static final int SEARCH = 1 << 3;
    private static final int SEARCH_STORE = 1 << 4;

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("geoadd", -5, WRITE, DENYOOM).keys(1, 1, 1).since("3.2.0")
                .summary("Adds one or more members to a geospatial index. The key is created if it doesn't exist.")
                .handler(GeoCommands::geoadd).build());
        t.register(spec("geopos", -2, READONLY).keys(1, 1, 1).since("3.2.0")
                .summary("Returns the longitude and latitude of members from a geospatial index.")
                .handler(GeoCommands::geopos).build());
        t.register(spec("geodist", -4, READONLY).keys(1, 1, 1).since("3.2.0")
                .summary("Returns the distance between two members of a geospatial index.")
                .handler(GeoCommands::geodist).build());
        t.register(spec("geohash", -2, READONLY).keys(1, 1, 1).since("3.2.0")
                .summary("Returns members from a geospatial index as geohash strings.")
                .handler(GeoCommands::geohash).build());
        t.register(spec("georadius", -6, WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).since("3.2.0")
                .summary("Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.")
                .handler((c, a) -> search(c, a, 1, BY_COORDS)).build());
        t.register(spec("georadius_ro", -6, READONLY).keys(1, 1, 1).since("3.2.10")
                .summary("Returns members from a geospatial index that are within a distance from a coordinate.")
                .handler((c, a) -> search(c, a, 1, BY_COORDS | NO_STORE)).build());
        t.register(spec("georadiusbymember", -5, WRITE, DENYOOM, MOVABLEKEYS).keys(1, 1, 1).since("3.2.0")
                .summary("Queries a geospatial index for members within a distance from a member, optionally stores the result.")
                .handler((c, a) -> search(c, a, 1, BY_MEMBER)).build());
        t.register(spec("georadiusbymember_ro", -5, READONLY).keys(1, 1, 1).since("3.2.10")
                .summary("Returns members from a geospatial index that are within a distance from a member.")
                .handler((c, a) -> search(c, a, 1, BY_MEMBER | NO_STORE)).build());
        t.register(spec("geosearch", -7, READONLY).keys(1, 1, 1).since("6.2.0")
                .summary("Queries a geospatial index for members inside an area of a box or a circle.")
                .handler((c, a) -> search(c, a, 1, SEARCH)).build());
        t.register(spec("geosearchstore", -8, WRITE, DENYOOM).keys(1, 2, 1).since("6.2.0")
                .summary("Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.")
                .handler((c, a) -> search(c, a, 2, SEARCH | SEARCH_STORE)).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("geo");
    }

    // ------------------------------------------------------------------ arguments

    /** {longitude, latitude} from two arguments, within the Mercator limits. */
    private static double[] parseLonLat(byte[][] a, int at) {
        double lon = Args.parseDouble(a[at]);
        double lat = Args.parseDouble(a[at + 1]);
        if (lon < Geohash.LON_MIN || lon > Geohash.LON_MAX || lat < Geohash.LAT_MIN || lat > Geohash.LAT_MAX) {
            throw new CommandException("ERR invalid longitude,latitude pair " + fixed(lon, 6) + "," + fixed(lat, 6));
        }
        return new double[]{lon, lat};
    }

    /** Meters per unit. */
    private static double parseUnit(byte[] u) {
        if (Args.is(u, "m")) {
            return 1;
        }
        if (Args.is(u, "km")) {
            return 1000;
        }
        if (Args.is(u, "ft")) {
            return 0.3048;
        }
        if (Args.is(u, "mi")) {
            return 1609.34;
        }
        throw new CommandException("ERR unsupported unit provided. please use M, KM, FT, MI");
    }

    /** {radius, meters per unit} from "radius unit". */
    private static double[] parseRadius(byte[][] a, int at) {
        double radius = Args.parseDouble(a[at], "ERR need numeric radius");
        if (radius < 0) {
            throw new CommandException("ERR radius cannot be negative");
        }
        return new double[]{radius, parseUnit(a[at + 1])};
    }

    /** {width, height, meters per unit} from "width height unit". */
    private static double[] parseBox(byte[][] a, int at) {
        double width = Args.parseDouble(a[at], "ERR need numeric width");
        double height = Args.parseDouble(a[at + 1], "ERR need numeric height");
        if (height < 0 || width < 0) {
            throw new CommandException("ERR height or width cannot be negative");
        }
        return new double[]{width, height, parseUnit(a[at + 2])};
    }

    private static double[] positionOfMember(RedisZSet z, byte[] member) {
        Double score = z.score(member);
        if (score == null) {
            throw new CommandException("ERR could not decode requested zset member");
        }
        return Geohash.positionOf(score);
    }

    // ------------------------------------------------------------------ number formats

    /** {@code d} with exactly {@code decimals} places, rounded half to even as C's printf does. */
    private static String fixed(double d, int decimals) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 && s.charAt(0) != '-' ? "-" + s : s;
    }

    /** A distance as Redis prints it: four decimals, the last rounded half to even. */
    static String formatDistance(double d) {
        long v = (long) Math.rint(d * 10000.0);
        String digits = Long.toString(Math.abs(v));
        while (digits.length() < 5) {
            digits = "0" + digits;
        }
        String s = digits.substring(0, digits.length() - 4) + "." + digits.substring(digits.length() - 4);
        return v < 0 ? "-" + s : s;
    }

    /** A coordinate as Redis prints it: 17 decimals, trailing zeros dropped. */
    static String formatCoordinate(double d) {
        String s = new BigDecimal(d).setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A coordinate reply: a bulk string in RESP2, a RESP3 double with the same text in RESP3. */
    private static void addCoordinate(Client c, double d) {
        String text = formatCoordinate(d);
        if (c.protocol() < 3) {
            c.addBulk(text);
        } else if (c.replyMode() == Client.ReplyMode.ON && !c.isMaster()) {
            c.writeRaw(("," + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    // ------------------------------------------------------------------ GEOADD GEOPOS GEODIST GEOHASH

    /** GEOADD key [NX|XX] [CH] lon lat member ...: runs and propagates as ZADD key [options] score member ... */
    static void geoadd(Client c, byte[][] a) {
        boolean nx = false;
        boolean xx = false;
        int first = 2;
        for (; first < a.length; first++) {
            if (Args.is(a[first], "nx")) {
                nx = true;
            } else if (Args.is(a[first], "xx")) {
                xx = true;
            } else if (!Args.is(a[first], "ch")) {
                break;
            }
        }
        if ((a.length - first) % 3 != 0 || (xx && nx)) {
            throw CommandException.syntax();
        }
        int elements = (a.length - first) / 3;
        byte[][] zadd = new byte[first + elements * 2][];
        zadd[0] = ZADD;
        System.arraycopy(a, 1, zadd, 1, first - 1);
        for (int i = 0; i < elements; i++) {
            double[] xy = parseLonLat(a, first + i * 3);
            zadd[first + i * 2] = Args.decimal(Geohash.score(xy[0], xy[1]));
            zadd[first + i * 2 + 1] = a[first + i * 3 + 2];
        }
        c.propagateAs(zadd);
        ZSetCommands.zadd(c, zadd);
    }

    static void geopos(Client c, byte[][] a) {
        replyPerMember(c, a, c::addNullArray, score -> {
            double[] xy = Geohash.positionOf(score);
            c.addArrayLen(2);
            addCoordinate(c, xy[0]);
            addCoordinate(c, xy[1]);
        });
    }

    static void geohash(Client c, byte[][] a) {
        replyPerMember(c, a, c::addNull, score -> c.addBulk(Geohash.standardHash(score)));
    }

    /** One reply per member named from a[2] on: {@code present} with its score, or {@code absent}. */
    private static void replyPerMember(Client c, byte[][] a, Runnable absent, DoubleConsumer present) {
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        c.addArrayLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            Double score = z == null ? null : z.score(a[i]);
            if (score == null) {
                absent.run();
            } else {
                present.accept(score);
            }
        }
    }

    static void geodist(Client c, byte[][] a) {
        double toMeters = 1;
        if (a.length == 5) {
            toMeters = parseUnit(a[4]);
        } else if (a.length > 5) {
            throw CommandException.syntax();
        }
        RedisZSet z = Lookup.read(c, a[1], RedisZSet.class);
        Double s1 = z == null ? null : z.score(a[2]);
        Double s2 = z == null ? null : z.score(a[3]);
        if (s1 == null || s2 == null) {
            c.addNull();
            return;
        }
        double[] p1 = Geohash.positionOf(s1);
        double[] p2 = Geohash.positionOf(s2);
        c.addBulk(formatDistance(Geohash.distance(p1[0], p1[1], p2[0], p2[1]) / toMeters));
    }

    // ------------------------------------------------------------------ searches

    /** One match: the member, its position, its distance from the centre (meters, then units), its score. */
    private static final class Match {
        final byte[] member;
        final double lon;
        final double lat;
        double dist;
        final double score;

        Match(byte[] member, double lon, double lat, double dist, double score) {
            this.member = member;
            this.lon = lon;
            this.lat = lat;
            this.dist = dist;
            this.score = score;
        }
    }

    /** What a search asked for, parsed from its options. */
    private static final class Request {
        GeoShape shape;
        double lon;
        double lat;
        boolean circle = true;
        double radius;
        double width;
        double height;
        double conversion;
        byte[] storeKey;
        boolean storeDist;
        boolean withDist;
        boolean withHash;
        boolean withCoord;
        boolean fromMember;
        boolean fromLonLat;
        boolean byRadius;
        boolean byBox;
        int sort; // 0 none, 1 ASC, 2 DESC
        boolean any;
        long count;

        void centre(double[] xy) {
            lon = xy[0];
            lat = xy[1];
        }

        void radius(double[] r) {
            circle = true;
            radius = r[0];
            conversion = r[1];
        }
    }

    /** GEORADIUS, GEORADIUSBYMEMBER, their _RO forms, GEOSEARCH and GEOSEARCHSTORE. */
    static void search(Client c, byte[][] a, int srcIndex, int flags) {
        RedisZSet z = Lookup.read(c, a[srcIndex], RedisZSet.class);
        Request r = new Request();
        int base;
        if ((flags & BY_COORDS) != 0) {
            base = 6;
            r.centre(parseLonLat(a, 2));
            r.radius(parseRadius(a, 4));
        } else if ((flags & BY_MEMBER) != 0) {
            base = 5;
            // Without a source key the options are still parsed, to pick the right empty reply.
            if (z != null) {
                r.centre(positionOfMember(z, a[2]));
                r.radius(parseRadius(a, 3));
            }
        } else {
            base = 2;
            if ((flags & SEARCH_STORE) != 0) {
                base = 3;
                r.storeKey = a[1];
            }
        }
        parseOptions(a, base, flags, z, r);

        if (r.storeKey != null && (r.withDist || r.withHash || r.withCoord)) {
            throw new CommandException("ERR " + ((flags & SEARCH_STORE) != 0 ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if ((flags & SEARCH) != 0 && !(r.fromMember || r.fromLonLat)) {
            throw new CommandException(ErrorReplies.err("exactly one of FROMMEMBER or FROMLONLAT can be specified for %s",
                    Args.str(a[0])));
        }
        if ((flags & SEARCH) != 0 && !(r.byRadius || r.byBox)) {
            throw new CommandException(ErrorReplies.err("exactly one of BYRADIUS and BYBOX can be specified for %s",
                    Args.str(a[0])));
        }
        if (r.any && r.count == 0) {
            throw new CommandException("ERR the ANY argument requires COUNT argument");
        }
        if (z == null) {
            if (r.storeKey != null) {
                if (c.db().delete(r.storeKey)) {
                    Writes.changed(c, r.storeKey, GENERIC, "del");
                }
                c.addInteger(0);
            } else {
                c.addArrayLen(0);
            }
            return;
        }
        if (r.count != 0 && r.sort == 0 && !r.any) {
            r.sort = 1;
        }
        GeoShape shape = r.circle ? GeoShape.circle(r.lon, r.lat, r.radius, r.conversion)
                : GeoShape.box(r.lon, r.lat, r.width, r.height, r.conversion);
        List<Match> matches = scan(z, shape, r.any ? r.count : 0);
        if (matches.isEmpty() && r.storeKey == null) {
            c.addArrayLen(0);
            return;
        }
        int returned = (int) (r.count == 0 || matches.size() < r.count ? matches.size() : r.count);
        if (r.sort != 0) {
            Comparator<Match> asc = (x, y) -> x.dist > y.dist ? 1 : x.dist == y.dist ? 0 : -1;
            Comparator<Match> order = r.sort == 1 ? asc : asc.reversed();
            if (returned == matches.size()) {
                // Stable, as glibc's qsort (a merge sort) is: equal distances keep scan order.
                matches.sort(order);
            } else {
                Match[] all = matches.toArray(new Match[0]);
                PartialQuickSort.sort(all, order, 0, returned - 1);
                matches = java.util.Arrays.asList(all);
            }
        }
        if (r.storeKey == null) {
            reply(c, r, matches.subList(0, returned), shape.conversion());
        } else {
            store(c, r, matches.subList(0, returned), shape.conversion(), (flags & SEARCH) != 0);
        }
    }

    private static void parseOptions(byte[][] a, int base, int flags, RedisZSet z, Request r) {
        boolean search = (flags & SEARCH) != 0;
        boolean storeAllowed = (flags & NO_STORE) == 0 && !search;
        int remaining = a.length - base;
        for (int i = 0; i < remaining; i++) {
            byte[] arg = a[base + i];
            if (Args.is(arg, "withdist")) {
                r.withDist = true;
            } else if (Args.is(arg, "withhash")) {
                r.withHash = true;
            } else if (Args.is(arg, "withcoord")) {
                r.withCoord = true;
            } else if (Args.is(arg, "any")) {
                r.any = true;
            } else if (Args.is(arg, "asc")) {
                r.sort = 1;
            } else if (Args.is(arg, "desc")) {
                r.sort = 2;
            } else if (Args.is(arg, "count") && i + 1 < remaining) {
                r.count = Args.parseLong(a[base + i + 1]);
                if (r.count <= 0) {
                    throw new CommandException("ERR COUNT must be > 0");
                }
                i++;
            } else if ((Args.is(arg, "store") || Args.is(arg, "storedist")) && i + 1 < remaining && storeAllowed) {
                r.storeKey = a[base + i + 1];
                r.storeDist = Args.is(arg, "storedist");
                i++;
            } else if (Args.is(arg, "storedist") && search && (flags & SEARCH_STORE) != 0) {
                r.storeDist = true;
            } else if (Args.is(arg, "frommember") && i + 1 < remaining && search && !r.fromLonLat) {
                if (z != null) {
                    r.centre(positionOfMember(z, a[base + i + 1]));
                }
                r.fromMember = true;
                i++;
            } else if (Args.is(arg, "fromlonlat") && i + 2 < remaining && search && !r.fromMember) {
                r.centre(parseLonLat(a, base + i + 1));
                r.fromLonLat = true;
                i += 2;
            } else if (Args.is(arg, "byradius") && i + 2 < remaining && search && !r.byBox) {
                r.radius(parseRadius(a, base + i + 1));
                r.byRadius = true;
                i += 2;
            } else if (Args.is(arg, "bybox") && i + 3 < remaining && search && !r.byRadius) {
                double[] box = parseBox(a, base + i + 1);
                r.circle = false;
                r.width = box[0];
                r.height = box[1];
                r.conversion = box[2];
                r.byBox = true;
                i += 3;
            } else {
                throw CommandException.syntax();
            }
        }
    }

    /**
     * The members inside the shape, cell by cell in {@link Geohash#searchCells} order and by score
     * within a cell; stops at {@code limit} matches when it is not 0 (ANY).
     */
    private static List<Match> scan(RedisZSet z, GeoShape shape, long limit) {
        List<Match> out = new ArrayList<>();
        Geohash.Cell[] cells = Geohash.searchCells(shape);
        int lastProcessed = 0;
        for (int i = 0; i < cells.length; i++) {
            Geohash.Cell cell = cells[i];
            if (cell.isNone()) {
                continue;
            }
            // With huge radii neighbours can be the same cell; Redis skips a repeat of the last
            // cell scanned, but never compares with the centre (index 0).
            if (lastProcessed != 0 && cell.equals(cells[lastProcessed])) {
                continue;
            }
            if (!out.isEmpty() && limit != 0 && out.size() >= limit) {
                break;
            }
            long[] range = Geohash.scoreRange(cell);
            ScoreRange sr = new ScoreRange(range[0], false, range[1], true);
            for (ZNode n = z.firstInRange(sr); n != null && n.score < range[1]; n = n.next()) {
                double[] xy = Geohash.positionOf(n.score);
                double d = shape.distanceIfInside(xy[0], xy[1]);
                if (d >= 0) {
                    out.add(new Match(n.member, xy[0], xy[1], d, n.score));
                }
                if (!out.isEmpty() && limit != 0 && out.size() >= limit) {
                    break;
                }
            }
            lastProcessed = i;
        }
        return out;
    }

    private static void reply(Client c, Request r, List<Match> matches, double conversion) {
        int options = (r.withDist ? 1 : 0) + (r.withCoord ? 1 : 0) + (r.withHash ? 1 : 0);
        c.addArrayLen(matches.size());
        for (Match m : matches) {
            m.dist /= conversion;
            if (options > 0) {
                c.addArrayLen(options + 1);
            }
            c.addBulk(m.member);
            if (r.withDist) {
                c.addBulk(formatDistance(m.dist));
            }
            if (r.withHash) {
                c.addInteger((long) m.score);
            }
            if (r.withCoord) {
                c.addArrayLen(2);
                addCoordinate(c, m.lon);
                addCoordinate(c, m.lat);
            }
        }
    }

    private static void store(Client c, Request r, List<Match> matches, double conversion, boolean search) {
        if (matches.isEmpty()) {
            if (c.db().delete(r.storeKey)) {
                Writes.changed(c, r.storeKey, GENERIC, "del");
            }
            c.addInteger(0);
            return;
        }
        RedisZSet out = new RedisZSet();
        for (Match m : matches) {
            m.dist /= conversion;
            out.add(m.member, r.storeDist ? m.dist : m.score);
        }
        c.db().set(r.storeKey, out);
        Writes.changed(c, r.storeKey, ZSET, search ? "geosearchstore" : "georadiusstore");
        c.addInteger(matches.size());
    }
}
