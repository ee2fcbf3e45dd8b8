package io.rediha.node.command;

/**
 * The geohash arithmetic behind the GEO commands, with Redis's numbers so that scores, positions
 * and distances match redis-server's to the last bit.
 *
 * <p>A position is stored as a sorted-set score: a 52-bit geohash (26 bits a coordinate,
 * latitude on the even bits, longitude on the odd ones) over the Web Mercator limits, longitude
 * -180..180 and latitude -85.05112878..85.05112878. Decoding gives the centre of the geohash cell.
 * Distances are haversine on a sphere of radius 6372797.560856 m.
 *
 * <p>A search covers the circle or box with the cell holding the centre and its eight neighbours,
 * at the coarsest step whose cells are larger than the search radius; neighbours that lie wholly
 * outside the bounding box are dropped. Each cell is a score range of the sorted set.
 */
final class Geohash {
    static final double LON_MIN = -180;
    static final double LON_MAX = 180;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final int STEP_MAX = 26;
    static final double EARTH_RADIUS_METERS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;
    private static final double D_R = Math.PI / 180.0;

    private Geohash() {
    }

    /** A geohash of {@code step} bits a coordinate; the zero value (0, 0) means "no cell". */
    record Cell(long bits, int step) {
        static final Cell NONE = new Cell(0, 0);

        boolean isNone() {
            return bits == 0 && step == 0;
        }
    }

    /** The rectangle a cell covers. */
    record Area(double lonMin, double lonMax, double latMin, double latMax) {
    }

    /** The cell of the search centre and its neighbours, in the order Redis visits them. */
    record SearchCells(Cell[] cells) {
    }

    // ------------------------------------------------------------------ bits

    /** Spreads the low 32 bits of {@code x} onto the even bits and those of {@code y} onto the odd bits. */
    static long interleave(long x, long y) {
        return spread(x & 0xFFFFFFFFL) | (spread(y & 0xFFFFFFFFL) << 1);
    }

    private static long spread(long v) {
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    private static long squeeze(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    /**
     * The cell of a position at {@code step} in the given ranges, or null when the position is
     * outside them or outside the Mercator limits.
     */
    static Cell encode(double lonMin, double lonMax, double latMin, double latMax, double lon, double lat, int step) {
        if (lon > LON_MAX || lon < LON_MIN || lat > LAT_MAX || lat < LAT_MIN) {
            return null;
        }
        if (lat < latMin || lat > latMax || lon < lonMin || lon > lonMax) {
            return null;
        }
        double latOffset = (lat - latMin) / (latMax - latMin);
        double lonOffset = (lon - lonMin) / (lonMax - lonMin);
        latOffset *= (double) (1L << step);
        lonOffset *= (double) (1L << step);
        return new Cell(interleave((long) latOffset, (long) lonOffset), step);
    }

    /** The cell of a position over the Mercator ranges. */
    static Cell encode(double lon, double lat, int step) {
        return encode(LON_MIN, LON_MAX, LAT_MIN, LAT_MAX, lon, lat, step);
    }

    /** The 52-bit score of a position (caller has checked the limits). */
    static long score(double lon, double lat) {
        return align52(encode(lon, lat, STEP_MAX));
    }

    static long align52(Cell c) {
        return c.bits() << (52 - c.step() * 2);
    }

    static Area decode(Cell c) {
        long separated = squeeze(c.bits()) | (squeeze(c.bits() >>> 1) << 32);
        long latCell = separated & 0xFFFFFFFFL;
        long lonCell = separated >>> 32;
        double latScale = LAT_MAX - LAT_MIN;
        double lonScale = LON_MAX - LON_MIN;
        double cells = (double) (1L << c.step());
        return new Area(
                LON_MIN + (lonCell * 1.0 / cells) * lonScale,
                LON_MIN + ((lonCell + 1) * 1.0 / cells) * lonScale,
                LAT_MIN + (latCell * 1.0 / cells) * latScale,
                LAT_MIN + ((latCell + 1) * 1.0 / cells) * latScale);
    }

    /** {longitude, latitude} of the centre of a cell, kept within the limits. */
    static double[] centre(Area a) {
        double lon = Math.min(LON_MAX, Math.max(LON_MIN, (a.lonMin() + a.lonMax()) / 2));
        double lat = Math.min(LAT_MAX, Math.max(LAT_MIN, (a.latMin() + a.latMax()) / 2));
        return new double[]{lon, lat};
    }

    /** {longitude, latitude} of a stored score. */
    static double[] positionOf(double score) {
        return centre(decode(new Cell((long) score, STEP_MAX)));
    }

    /**
     * The standard 11-character base-32 geohash of a stored score: decoded, then encoded again
     * over latitude -90..90 as other geohash tools expect; the 11th character stands for bits we
     * do not have and is always '0'.
     */
    static String standardHash(double score) {
        final String alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
        double[] xy = positionOf(score);
        Cell c = encode(-180, 180, -90, 90, xy[0], xy[1], STEP_MAX);
        long bits = c == null ? 0 : c.bits();
        StringBuilder sb = new StringBuilder(11);
        for (int i = 0; i < 11; i++) {
            int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
            sb.append(alphabet.charAt(idx));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ neighbours

    private static final long LON_BITS = 0xaaaaaaaaaaaaaaaaL;
    private static final long LAT_BITS = 0x5555555555555555L;

    /** The cell {@code d} (-1, 0, 1) cells away along the axis whose bits are {@code axisBits}. */
    private static Cell move(Cell c, int d, long axisBits) {
        if (d == 0) {
            return c;
        }
        long otherBits = ~axisBits;
        long x = c.bits() & axisBits;
        long y = c.bits() & otherBits;
        // Filling the other axis's bits with ones makes the carry run through them.
        long zz = otherBits >>> (64 - c.step() * 2);
        if (d > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= axisBits >>> (64 - c.step() * 2);
        return new Cell(x | y, c.step());
    }

    private static Cell neighbour(Cell c, int dLon, int dLat) {
        return move(move(c, dLon, LON_BITS), dLat, LAT_BITS);
    }

    // ------------------------------------------------------------------ distances

    private static double toRadians(double degrees) {
        return degrees * D_R;
    }

    private static double toDegrees(double radians) {
        return radians / D_R;
    }

    static double latitudeDistance(double lat1, double lat2) {
        return EARTH_RADIUS_METERS * Math.abs(toRadians(lat2) - toRadians(lat1));
    }

    /** Haversine distance in meters. */
    static double distance(double lon1, double lat1, double lon2, double lat2) {
        double lon1r = toRadians(lon1);
        double lon2r = toRadians(lon2);
        double v = StrictMath.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latitudeDistance(lat1, lat2);
        }
        double lat1r = toRadians(lat1);
        double lat2r = toRadians(lat2);
        double u = StrictMath.sin((lat2r - lat1r) / 2);
        double a = u * u + StrictMath.cos(lat1r) * StrictMath.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_METERS * StrictMath.asin(Math.sqrt(a));
    }

    // ------------------------------------------------------------------ search areas

    /** The coarsest step whose cells still hold a search of {@code rangeMeters} around {@code lat}. */
    static int estimateSteps(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        // Cells shrink towards the poles; one or two steps coarser keeps the range inside.
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(26, step));
    }

    /** {minLon, minLat, maxLon, maxLat} around the shape's centre. */
    static double[] boundingBox(GeoShape s) {
        double lon = s.lon();
        double lat = s.lat();
        double height = s.conversion() * (s.isCircle() ? s.radius() : s.height() / 2);
        double width = s.conversion() * (s.isCircle() ? s.radius() : s.width() / 2);
        double latDelta = toDegrees(height / EARTH_RADIUS_METERS);
        double lonDeltaTop = toDegrees(width / EARTH_RADIUS_METERS / StrictMath.cos(toRadians(lat + latDelta)));
        double lonDeltaBottom = toDegrees(width / EARTH_RADIUS_METERS / StrictMath.cos(toRadians(lat - latDelta)));
        // The widest parallel is the one nearer the equator.
        boolean south = lat < 0;
        return new double[]{
            south ? lon - lonDeltaBottom : lon - lonDeltaTop,
            lat - latDelta,
            south ? lon + lonDeltaBottom : lon + lonDeltaTop,
            lat + latDelta};
    }

    /**
     * The nine cells to scan for a shape, in Redis's order: centre, N, S, E, W, NE, NW, SE, SW;
     * dropped cells are {@link Cell#NONE}.
     */
    static Cell[] searchCells(GeoShape s) {
        double[] b = boundingBox(s);
        double minLon = b[0];
        double minLat = b[1];
        double maxLon = b[2];
        double maxLat = b[3];
        double radiusMeters = s.isCircle() ? s.radius()
                : Math.sqrt((s.width() / 2) * (s.width() / 2) + (s.height() / 2) * (s.height() / 2));
        radiusMeters *= s.conversion();
        int steps = estimateSteps(radiusMeters, s.lat());
        Cell centre = encode(s.lon(), s.lat(), steps);
        Area area = decode(centre);
        // Near a cell edge the estimated step can leave part of the box outside the nine cells.
        boolean decrease = decode(neighbour(centre, 0, 1)).latMax() < maxLat
                || decode(neighbour(centre, 0, -1)).latMin() > minLat
                || decode(neighbour(centre, 1, 0)).lonMax() < maxLon
                || decode(neighbour(centre, -1, 0)).lonMin() > minLon;
        if (steps > 1 && decrease) {
            steps--;
            centre = encode(s.lon(), s.lat(), steps);
            area = decode(centre);
        }
        Cell n = neighbour(centre, 0, 1);
        Cell so = neighbour(centre, 0, -1);
        Cell e = neighbour(centre, 1, 0);
        Cell w = neighbour(centre, -1, 0);
        Cell ne = neighbour(centre, 1, 1);
        Cell nw = neighbour(centre, -1, 1);
        Cell se = neighbour(centre, 1, -1);
        Cell sw = neighbour(centre, -1, -1);
        if (steps >= 2) {
            if (area.latMin() < minLat) {
                so = Cell.NONE;
                sw = Cell.NONE;
                se = Cell.NONE;
            }
            if (area.latMax() > maxLat) {
                n = Cell.NONE;
                ne = Cell.NONE;
                nw = Cell.NONE;
            }
            if (area.lonMin() < minLon) {
                w = Cell.NONE;
                sw = Cell.NONE;
                nw = Cell.NONE;
            }
            if (area.lonMax() > maxLon) {
                e = Cell.NONE;
                se = Cell.NONE;
                ne = Cell.NONE;
            }
        }
        return new Cell[]{centre, n, so, e, w, ne, nw, se, sw};
    }

    /** The score range [min, max) holding every position inside a cell. */
    static long[] scoreRange(Cell c) {
        return new long[]{align52(c), align52(new Cell(c.bits() + 1, c.step()))};
    }
}
