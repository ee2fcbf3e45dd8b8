package io.rediha.node.command;

import io.rediha.node.server.Client;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;
import io.rediha.node.store.Keyspace;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DEBUG: only harmless tools (SLEEP, POPULATE, OBJECT, DIGEST, PROTOCOL, SET-ACTIVE-EXPIRE, JMAP for
 * heap figures); nothing that crashes or corrupts the server on purpose.
 * Like Redis 7 it is refused unless {@code enable-debug-command} is {@code yes}, or {@code local}
 * and the client is on loopback. Other subsystems add theirs with {@link #addSubcommand} (DEBUG
 * RELOAD belongs to persistence).
 */
public final class DebugCommand {
    private static final Map<String, CommandHandler> EXTRA = new ConcurrentHashMap<>();
    private static volatile boolean activeExpireEnabled = true;

    private DebugCommand() {
    }

    /** Adds a DEBUG subcommand (name in any case). */
    public static void addSubcommand(String name, CommandHandler handler) {
        EXTRA.put(name.toLowerCase(Locale.ROOT), handler);
    }

    /** False after DEBUG SET-ACTIVE-EXPIRE 0 (tests of lazy expiry). */
    public static boolean activeExpireEnabled() {
        return activeExpireEnabled;
    }

    static void debug(Client c, byte[][] a) {
        String mode = c.server().config().getString("enable-debug-command");
        boolean local = c.address().startsWith("127.") || c.address().startsWith("0:0:0:0:0:0:0:1") || c.isPseudo();
        if (mode.equals("no") || (mode.equals("local") && !local)) {
            throw new CommandException("ERR DEBUG command not allowed. If the enable-debug-command option is set to "
                    + "\"local\", you can run it from a local connection, otherwise you need to set this option in the "
                    + "configuration file, and then restart the server.");
        }
        String sub = Args.lower(a[1]);
        CommandHandler extra = EXTRA.get(sub);
        if (extra != null) {
            extra.execute(c, a);
            return;
        }
        switch (sub) {
            case "sleep" -> {
                if (a.length != 3) {
                    throw CommandException.syntax();
                }
                double secs = Args.parseDouble(a[2]);
                try {
                    Thread.sleep((long) (Math.min(secs, 3600) * 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                c.addOk();
            }
            case "populate" -> populate(c, a);
            case "digest" -> DebugDigest.digest(c);
            case "digest-value" -> DebugDigest.digestValue(c, a);
            case "protocol" -> protocol(c, a);
            case "log" -> {
                if (a.length != 3) {
                    throw CommandException.syntax();
                }
                c.server().log().warning("DEBUG LOG: " + Args.str(a[2]));
                c.addOk();
            }
            case "error" -> {
                if (a.length != 3) {
                    throw CommandException.syntax();
                }
                c.addError(Args.str(a[2]));
            }
            case "quicklist-packed-threshold", "listpack-entries-limit" -> {
                // Our lists are not made of packed nodes, so there is no threshold to move; the
                // sizes stay accepted for the scripts and test suites that set them.
                if (a.length != 3) {
                    throw CommandException.syntax();
                }
                c.addOk();
            }
            case "object" -> debugObject(c, a);
            case "set-active-expire" -> {
                if (a.length != 3) {
                    throw CommandException.syntax();
                }
                activeExpireEnabled = Args.parseLong(a[2]) != 0;
                c.addOk();
            }
            case "jmap" -> {
                Runtime rt = Runtime.getRuntime();
                c.addVerbatim("heap_used:" + (rt.totalMemory() - rt.freeMemory()) + "\nheap_committed:" + rt.totalMemory()
                        + "\nheap_max:" + rt.maxMemory() + "\n");
            }
            case "help" -> Help.reply(c, "DEBUG",
                    "DIGEST", "    Output a hex signature representing the current DB content.",
                    "DIGEST-VALUE <key> [<key> ...]", "    Output a hex signature of the values of all the specified keys.",
                    "ERROR <string>", "    Return a Redis protocol error with <string> as message. Useful for clients",
                    "    unit tests to simulate Redis errors.",
                    "JMAP", "    Show the JVM heap figures.",
                    "LOG <message>", "    Write <message> to the server log.",
                    "OBJECT <key>", "    Show low level info about the <key> and associated value.",
                    "POPULATE <count> [<prefix>] [<size>]", "    Create <count> string keys named key:<num>. If <prefix> is specified then",
                    "    it is used instead of the 'key' prefix. These are not propagated to",
                    "    replicas. Cluster slots are not respected so keys not belonging to the",
                    "    current node can be created in cluster mode.",
                    "PROTOCOL <type>", "    Reply with a test value of the specified type. <type> can be: string,",
                    "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
                    "    true, false.",
                    "QUICKLIST-PACKED-THRESHOLD <size>", "    Accepted for compatibility; our lists have no packed nodes.",
                    "SET-ACTIVE-EXPIRE <0|1>", "    Setting it to 0 disables expiring keys in background when they are not",
                    "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                    "    default.",
                    "SLEEP <seconds>", "    Stop the server for <seconds>. Decimals allowed.");
            default -> throw new CommandException("ERR unknown subcommand '" + Args.str(a[1]) + "'. Try DEBUG HELP.");
        }
    }

    /** DEBUG PROTOCOL type: one reply of each RESP3 type, for client and test-suite authors. */
    static void protocol(Client c, byte[][] a) {
        if (a.length != 3) {
            throw CommandException.syntax();
        }
        switch (Args.lower(a[2])) {
            case "string" -> c.addBulk("Hello World");
            case "integer" -> c.addInteger(12345);
            case "double" -> c.addDouble(3.141);
            case "bignum" -> c.addBigNumber("1234567999999999999999999999999999999");
            case "null" -> c.addNull();
            case "array" -> {
                c.addArrayLen(3);
                for (int j = 0; j < 3; j++) {
                    c.addInteger(j);
                }
            }
            case "set" -> {
                c.addSetLen(3);
                for (int j = 0; j < 3; j++) {
                    c.addInteger(j);
                }
            }
            case "map" -> {
                c.addMapLen(3);
                for (int j = 0; j < 3; j++) {
                    c.addInteger(j);
                    c.addBoolean(j == 1);
                }
            }
            case "attrib" -> {
                if (c.protocol() >= 3) { // RESP2 has no attributes: only the real reply follows
                    c.addAttributeLen(1);
                    c.addBulk("key-popularity");
                    c.addArrayLen(2);
                    c.addBulk("key:123");
                    c.addInteger(90);
                }
                c.addBulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (c.protocol() < 3) {
                    throw new CommandException("ERR RESP2 is not supported by this command");
                }
                c.addPushLen(2);
                c.addPushBulk(Args.bytes("server-cpu-usage"));
                c.addPushInteger(42);
                c.addBulk("Some real reply following the push reply");
            }
            case "true" -> c.addBoolean(true);
            case "false" -> c.addBoolean(false);
            case "verbatim" -> c.addVerbatim("This is a verbatim\nstring");
            default -> throw new CommandException("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }

    /** DEBUG POPULATE count [prefix] [size]: keys prefix:N holding "value:N", padded with zeros to size. */
    static void populate(Client c, byte[][] a) {
        if (a.length < 3 || a.length > 5) {
            throw new CommandException(ErrorReplies.arity("debug"));
        }
        long count = Args.parseLong(a[2]);
        if (count < 0) {
            throw new CommandException("ERR count must be positive");
        }
        String prefix = a.length >= 4 ? Args.str(a[3]) : "key";
        long size = a.length == 5 ? Args.parseLong(a[4]) : -1;
        Database db = c.db();
        for (long j = 0; j < count; j++) {
            byte[] key = Args.bytes(prefix + ":" + j);
            if (db.exists(key)) {
                continue;
            }
            byte[] text = Args.bytes("value:" + j);
            byte[] value = text;
            if (size >= 0) {
                value = new byte[(int) size];
                System.arraycopy(text, 0, value, 0, (int) Math.min(size, text.length));
            }
            db.add(key, value);
        }
        c.addOk();
    }

    static void debugObject(Client c, byte[][] a) {
        if (a.length != 3) {
            throw CommandException.syntax();
        }
        Dict.Node n = c.db().peekNode(a[2]);
        if (n == null) {
            throw new CommandException(ErrorReplies.NO_SUCH_KEY);
        }
        String enc = n.value instanceof byte[] b ? ServerCommands.stringEncoding(b)
                : ((io.rediha.node.store.RedisValue) n.value).encoding();
        long len = n.value instanceof byte[] b ? b.length : ((io.rediha.node.store.RedisValue) n.value).size();
        c.addSimple("Value at:0x0 refcount:1 encoding:" + enc + " serializedlength:" + len
                + " lru:" + n.lru + " lru_seconds_idle:" + Keyspace.idleSeconds(n.lru));
    }
}
