package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.DENYOOM;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.WRITE;
import static io.rediha.node.server.PubSub.STRING;

import io.rediha.node.server.Client;
import java.util.Random;

/**
 * HyperLogLog commands: PFADD, PFCOUNT, PFMERGE and the debugging pair PFDEBUG, PFSELFTEST. The
 * value is a plain string in Redis's layout ({@link Hll}), so GET, DUMP and replication carry it
 * unchanged.
 *
 * <p>PFCOUNT on one key stores the cardinality it computed in the header, as Redis does: that is
 * a change to the value, so it counts as dirty and is propagated, though PFCOUNT is read-only.
 */
public final class HyperLogLogCommands implements CommandGroup {

    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("pfadd", -2, WRITE, DENYOOM, FAST).keys(1, 1, 1).since("2.8.9")
                .summary("Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.")
                .handler(HyperLogLogCommands::pfadd).build());
        t.register(spec("pfcount", -2, READONLY, CommandFlag.MAY_REPLICATE).keys(1, -1, 1).since("2.8.9")
                .summary("Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).")
                .handler(HyperLogLogCommands::pfcount).build());
        t.register(spec("pfmerge", -2, WRITE, DENYOOM).keys(1, -1, 1).since("2.8.9")
                .summary("Merges one or more HyperLogLog values into a single key.")
                .handler(HyperLogLogCommands::pfmerge).build());
        t.register(spec("pfdebug", 3, WRITE, DENYOOM, ADMIN).keys(2, 2, 1).since("2.8.9")
                .summary("Internal commands for debugging HyperLogLog values.")
                .handler(HyperLogLogCommands::pfdebug).build());
        t.register(spec("pfselftest", 1, ADMIN).since("2.8.9")
                .summary("An internal command for testing HyperLogLog values.")
                .handler(HyperLogLogCommands::pfselftest).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("hyperloglog");
    }

    private static long sparseMaxBytes(Client c) {
        return c.server().config().getLong("hll-sparse-max-bytes");
    }

    /** The value as an HLL string: WRONGTYPE for other types and for strings that are no HLL. */
    private static byte[] checkHll(Object v) {
        if (!(v instanceof byte[] b)) {
            throw CommandException.wrongType();
        }
        if (!Hll.isValid(b)) {
            throw new CommandException(Hll.NOT_AN_HLL);
        }
        return b;
    }

    static void pfadd(Client c, byte[][] a) {
        Object cur = c.db().get(a[1]);
        Hll h;
        int updated = 0;
        if (cur == null) {
            h = Hll.empty(sparseMaxBytes(c));
            updated++;
        } else {
            h = Hll.copyOf(checkHll(cur), sparseMaxBytes(c));
        }
        for (int i = 2; i < a.length; i++) {
            int r = h.add(a[i]);
            if (r < 0) {
                throw new CommandException(Hll.CORRUPTED);
            }
            updated += r;
        }
        if (updated > 0) {
            h.invalidateCache();
            storeChanged(c, a[1], cur != null, h);
        }
        c.addInteger(updated > 0 ? 1 : 0);
    }

    static void pfcount(Client c, byte[][] a) {
        if (a.length > 2) {
            byte[] max = new byte[Hll.REGISTERS];
            for (int i = 1; i < a.length; i++) {
                Object v = Lookup.read(c, a[i]);
                if (v != null && !Hll.mergeInto(checkHll(v), max)) {
                    throw new CommandException(Hll.CORRUPTED);
                }
            }
            c.addInteger(Hll.estimate(Hll.rawHistogram(max)));
            return;
        }
        Object v = Lookup.read(c, a[1]);
        if (v == null) {
            c.addInteger(0);
            return;
        }
        byte[] value = checkHll(v);
        if (Hll.cacheValid(value)) {
            c.addInteger(Hll.cachedCardinality(value));
            return;
        }
        int[] histogram = Hll.histogram(value);
        if (histogram == null) {
            throw new CommandException(Hll.CORRUPTED);
        }
        long card = Hll.estimate(histogram);
        Hll h = Hll.copyOf(value, sparseMaxBytes(c));
        h.setCachedCardinality(card);
        c.db().setKeepTtl(a[1], h.toBytes());
        c.db().signalModified(a[1]);
        c.server().dirty++;
        c.addInteger(card);
    }

    static void pfmerge(Client c, byte[][] a) {
        byte[] max = new byte[Hll.REGISTERS];
        boolean useDense = false;
        for (int i = 1; i < a.length; i++) {
            Object v = Lookup.read(c, a[i]);
            if (v == null) {
                continue;
            }
            byte[] value = checkHll(v);
            useDense |= value[4] == Hll.DENSE;
            if (!Hll.mergeInto(value, max)) {
                throw new CommandException(Hll.CORRUPTED);
            }
        }
        Object cur = c.db().get(a[1]);
        Hll h = cur == null ? Hll.empty(sparseMaxBytes(c)) : Hll.copyOf((byte[]) cur, sparseMaxBytes(c));
        if (useDense && !h.toDense()) {
            throw new CommandException(Hll.CORRUPTED);
        }
        for (int i = 0; i < Hll.REGISTERS; i++) {
            if (max[i] != 0) {
                h.set(i, max[i]);
            }
        }
        h.invalidateCache();
        // A merge is a mass add, so it publishes the PFADD event.
        storeChanged(c, a[1], cur != null, h);
        c.addOk();
    }

    /** Stores the edited HLL (keeping the key's TTL) and publishes the "pfadd" event. */
    private static void storeChanged(Client c, byte[] key, boolean existed, Hll h) {
        if (existed) {
            c.db().setKeepTtl(key, h.toBytes());
        } else {
            c.db().add(key, h.toBytes());
        }
        Writes.changed(c, key, STRING, "pfadd");
    }

    static void pfdebug(Client c, byte[][] a) {
        Object v = c.db().get(a[2]);
        if (v == null) {
            throw new CommandException("ERR The specified key does not exist");
        }
        byte[] value = checkHll(v);
        Hll h = Hll.copyOf(value, sparseMaxBytes(c));
        if (Args.is(a[1], "getreg")) {
            convertToDenseForDebug(c, a[2], h);
            byte[] dense = h.toBytes();
            c.addArrayLen(Hll.REGISTERS);
            for (int i = 0; i < Hll.REGISTERS; i++) {
                c.addInteger(Hll.denseGet(dense, i));
            }
        } else if (Args.is(a[1], "decode")) {
            if (h.encoding() != Hll.SPARSE) {
                throw new CommandException("ERR HLL encoding is not sparse");
            }
            c.addBulk(Hll.decodeSparse(value));
        } else if (Args.is(a[1], "encoding")) {
            c.addSimple(h.encoding() == Hll.DENSE ? "dense" : "sparse");
        } else if (Args.is(a[1], "todense")) {
            c.addInteger(convertToDenseForDebug(c, a[2], h) ? 1 : 0);
        } else {
            throw new CommandException(ErrorReplies.err("Unknown PFDEBUG subcommand '%s'", Args.str(a[1])));
        }
    }

    /** Makes the stored value dense; true when it was sparse. Counted as dirty so replicas follow. */
    private static boolean convertToDenseForDebug(Client c, byte[] key, Hll h) {
        if (h.encoding() != Hll.SPARSE) {
            return false;
        }
        if (!h.toDense()) {
            throw new CommandException(Hll.CORRUPTED);
        }
        c.db().setKeepTtl(key, h.toBytes());
        c.server().dirty++;
        return true;
    }

    private static final int SELFTEST_REGISTER_ROUNDS = 1000;
    private static final int SELFTEST_ELEMENTS = 10_000_000;

    /**
     * PFSELFTEST: register packing round-trips random values, then a dense and a sparse HLL fed
     * the same 10 million distinct elements must agree and stay within six standard errors at
     * every power of ten (one at cardinality 10, where collisions make the error jumpy).
     */
    static void pfselftest(Client c, byte[][] a) {
        Random random = new Random();
        byte[] dense = new byte[Hll.DENSE_SIZE];
        int[] expected = new int[Hll.REGISTERS];
        for (int round = 0; round < SELFTEST_REGISTER_ROUNDS; round++) {
            for (int i = 0; i < Hll.REGISTERS; i++) {
                expected[i] = random.nextInt(Hll.REGISTER_MAX + 1);
                Hll.denseSetRegister(dense, i, expected[i]);
            }
            for (int i = 0; i < Hll.REGISTERS; i++) {
                int got = Hll.denseGet(dense, i);
                if (got != expected[i]) {
                    throw new CommandException(ErrorReplies.format("TESTFAILED Register %d should be %d but is %d",
                            i, expected[i], got));
                }
            }
        }
        java.util.Arrays.fill(dense, (byte) 0);
        dense[4] = Hll.DENSE;
        long maxBytes = sparseMaxBytes(c);
        Hll sparse = Hll.empty(maxBytes);
        double relativeError = 1.04 / Math.sqrt(Hll.REGISTERS);
        long checkpoint = 1;
        long seed = random.nextLong();
        byte[] element = new byte[8];
        for (long j = 1; j <= SELFTEST_ELEMENTS; j++) {
            long e = j ^ seed;
            for (int k = 0; k < 8; k++) {
                element[k] = (byte) (e >>> (8 * k));
            }
            long pattern = Hll.patternOf(element);
            Hll.denseSet(dense, (int) pattern, (int) (pattern >>> 32));
            sparse.set((int) pattern, (int) (pattern >>> 32));
            if (j != checkpoint) {
                continue;
            }
            if (j < maxBytes / 2 && sparse.encoding() != Hll.SPARSE) {
                throw new CommandException("TESTFAILED sparse encoding not used");
            }
            long denseCount = Hll.estimate(Hll.histogram(dense));
            int[] sparseHistogram = Hll.histogram(sparse.toBytes());
            if (sparseHistogram == null || denseCount != Hll.estimate(sparseHistogram)) {
                throw new CommandException("TESTFAILED dense/sparse disagree");
            }
            long absError = Math.abs(checkpoint - denseCount);
            long maxError = j == 10 ? 1 : (long) Math.ceil(relativeError * 6 * checkpoint);
            if (absError > maxError) {
                throw new CommandException(ErrorReplies.format("TESTFAILED Too big error. card:%d abserr:%d",
                        checkpoint, absError));
            }
            checkpoint *= 10;
        }
        c.addOk();
    }
}
