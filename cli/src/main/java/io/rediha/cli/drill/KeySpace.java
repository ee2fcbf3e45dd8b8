package io.rediha.cli.drill;

/**
 * The drill's keys and values. Every key lives under {@code rediha-drill:<run>:<round>:}, so the drill
 * can find, compare and remove exactly its own data on a shared deployment. A value is a pure function
 * of its key, so "this key holds a value nobody wrote" is decidable without storing the values.
 *
 * @param run a short random id, different for every drill
 */
public record KeySpace(String run) {
    public static final String ROOT = "rediha-drill:";

    public static KeySpace random() {
        return new KeySpace(Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime()).substring(0, 8));
    }

    public String roundPrefix(int round) {
        return ROOT + run + ":" + round + ":";
    }

    public String key(int round, int writer, long seq) {
        return roundPrefix(round) + writer + ":" + seq;
    }

    public String value(int round, int writer, long seq) {
        return run + "/" + round + "/" + writer + "/" + seq;
    }

    /** The key the verification writes straight to the new master. */
    public String probeKey(int round) {
        return roundPrefix(round) + "probe";
    }

    public String probeValue(int round) {
        return run + "/" + round + "/probe";
    }

    /** Writer and sequence number of a writer's key of this round, or null for any other key. */
    public long[] parse(int round, String key) {
        String prefix = roundPrefix(round);
        if (!key.startsWith(prefix)) {
            return null;
        }
        String rest = key.substring(prefix.length());
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            return new long[] {Integer.parseInt(rest.substring(0, colon)), Long.parseLong(rest.substring(colon + 1))};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
