package io.rediha.node.command;

/**
 * What a GEO search looks for: a circle of {@code radius} or a box of {@code width} by
 * {@code height} around a centre, the sizes in the user's unit and {@code conversion} meters per
 * unit.
 */
record GeoShape(boolean isCircle, double lon, double lat, double radius, double width, double height,
                double conversion) {

    static GeoShape circle(double lon, double lat, double radius, double conversion) {
        return new GeoShape(true, lon, lat, radius, 0, 0, conversion);
    }

    static GeoShape box(double lon, double lat, double width, double height, double conversion) {
        return new GeoShape(false, lon, lat, 0, width, height, conversion);
    }

    /**
     * The distance in meters from the centre to the position when the position is inside, or -1.
     * The box test measures the latitude gap first, as it is the cheaper one.
     */
    double distanceIfInside(double lon2, double lat2) {
        if (isCircle) {
            double d = Geohash.distance(lon, lat, lon2, lat2);
            return d > radius * conversion ? -1 : d;
        }
        double widthMeters = width * conversion;
        double heightMeters = height * conversion;
        if (Geohash.latitudeDistance(lat2, lat) > heightMeters / 2) {
            return -1;
        }
        if (Geohash.distance(lon2, lat2, lon, lat2) > widthMeters / 2) {
            return -1;
        }
        return Geohash.distance(lon, lat, lon2, lat2);
    }
}
