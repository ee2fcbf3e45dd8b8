package io.rediha.node.command;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.NO_MULTI;
import static io.rediha.node.command.CommandFlag.READONLY;
import static io.rediha.node.command.CommandFlag.STALE;
import static io.rediha.node.command.CommandFlag.WRITE;

import io.rediha.node.server.Client;
import io.rediha.node.server.RedisServer;
import io.rediha.node.server.Shutdown;
import io.rediha.node.server.SlowLog;
import io.rediha.node.store.Database;
import io.rediha.node.store.Dict;
import io.rediha.node.store.Glob;
import io.rediha.node.store.Keyspace;
import io.rediha.node.store.MemoryMeter;
import io.rediha.node.store.RedisValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Server commands: INFO, COMMAND and its subcommands, DBSIZE, FLUSHDB, FLUSHALL, TIME, SHUTDOWN,
 * MONITOR, SLOWLOG, LATENCY, MEMORY, OBJECT, DEBUG.
 */
public final class ServerCommands implements CommandGroup {
    @Override
    public void registerInto(CommandTable t) {
        t.register(spec("info", -1, LOADING, STALE).summary("Returns information and statistics about the server.")
                .handler(ServerCommands::info).build());
        registerCommandCommand(t);
        t.register(spec("dbsize", 1, READONLY, FAST).group("server").summary("Returns the number of keys in the database.")
                .handler((c, a) -> c.addInteger(c.db().size())).build());
        t.register(spec("flushdb", -1, WRITE).summary("Removes all keys from the current database.")
                .handler(ServerCommands::flushdb).build());
        t.register(spec("flushall", -1, WRITE).summary("Removes all keys from all databases.")
                .handler(ServerCommands::flushall).build());
        t.register(spec("time", 1, LOADING, STALE, FAST).since("2.6.0").summary("Returns the server time.")
                .handler(ServerCommands::time).build());
        t.register(spec("shutdown", -1, ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, CommandFlag.ALLOW_BUSY)
                .summary("Synchronously saves the database(s) to disk and shuts down the Redis server.")
                .handler(ServerCommands::shutdown).build());
        t.register(spec("monitor", 1, ADMIN, NOSCRIPT, LOADING, STALE).summary("Listens for all requests received by the server in real-time.")
                .handler(ServerCommands::monitor).build());
        registerSlowlog(t);
        registerLatency(t);
        registerMemory(t);
        registerObject(t);
        t.register(spec("debug", -2, ADMIN, NOSCRIPT, LOADING, STALE).summary("A container for debugging commands.")
                .handler(DebugCommand::debug).build());
    }

    private static CommandSpec.Builder spec(String name, int arity, CommandFlag... flags) {
        return CommandSpec.builder(name, arity).flags(flags).group("server");
    }

    /**
     * LATENCY HISTOGRAM [command...]: per command (subcommands as container|sub) that was called,
     * its calls and cumulative latency distribution. Unknown names are skipped, as in Redis.
     */
    static void latencyHistogram(Client c, byte[][] a) {
        List<CommandSpec> chosen = new ArrayList<>();
        if (a.length == 2) {
            for (CommandSpec s : c.server().commands().all()) {
                chosen.add(s);
                chosen.addAll(s.subcommands().values());
            }
        } else {
            for (int i = 2; i < a.length; i++) {
                String[] parts = Args.lower(a[i]).split("\\|", 2);
                CommandSpec s = c.server().commands().get(parts[0]);
                if (s != null && parts.length == 2) {
                    s = s.subcommands().get(parts[1]);
                }
                if (s != null && !chosen.contains(s)) {
                    chosen.add(s);
                }
            }
        }
        chosen.removeIf(s -> s.calls == 0);
        c.addMapLen(chosen.size());
        for (CommandSpec s : chosen) {
            c.addBulk(s.fullName());
            s.latency.write(c, s.calls);
        }
    }

    // ------------------------------------------------------------------ INFO

    static void info(Client c, byte[][] a) {
        List<String> sections = new ArrayList<>();
        for (int i = 1; i < a.length; i++) {
            sections.add(Args.str(a[i]));
        }
        c.addVerbatim(c.server().info().render(sections));
    }

    // ------------------------------------------------------------------ COMMAND

    private static void registerCommandCommand(CommandTable t) {
        CommandSpec cmd = spec("command", -1, LOADING, STALE).since("2.8.13").group("server")
                .summary("Returns detailed information about all commands.")
                .handler((c, a) -> {
                    List<CommandSpec> all = new ArrayList<>(c.server().commands().all());
                    c.addArrayLen(all.size());
                    for (CommandSpec s : all) {
                        CommandInfo.writeInfo(c, s);
                    }
                }).build();
        cmd.addSubcommand(spec("count", 2, LOADING, STALE).since("2.8.13").summary("Returns a count of commands.")
                .handler((c, a) -> c.addInteger(c.server().commands().size())).build());
        cmd.addSubcommand(spec("info", -2, LOADING, STALE).since("2.8.13").summary("Returns information about one, multiple or all commands.")
                .handler(ServerCommands::commandInfo).build());
        cmd.addSubcommand(spec("docs", -2, LOADING, STALE).since("7.0.0").summary("Returns documentary information about one, multiple or all commands.")
                .handler(ServerCommands::commandDocs).build());
        cmd.addSubcommand(spec("list", -2, LOADING, STALE).since("7.0.0").summary("Returns a list of command names.")
                .handler(ServerCommands::commandList).build());
        cmd.addSubcommand(spec("getkeys", -4, LOADING, STALE).since("2.8.13").summary("Extracts the key names from an arbitrary command.")
                .handler(ServerCommands::commandGetKeys).build());
        cmd.addSubcommand(spec("getkeysandflags", -4, LOADING, STALE).since("7.0.0")
                .summary("Extracts the key names and access flags for an arbitrary command.")
                .handler((c, a) -> {
                    byte[][] argv = Arrays.copyOfRange(a, 2, a.length);
                    CommandInfo.writeKeysAndFlags(c, commandOf(c, argv), argv);
                }).build());
        cmd.addSubcommand(spec("help", 2, LOADING, STALE).summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "COMMAND",
                        "(no subcommand)", "    Return details about all Redis commands.",
                        "COUNT", "    Return the total number of commands in this Redis server.",
                        "LIST", "    Return a list of all commands in this Redis server.",
                        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
                        "    If no command names are given, documentation details for all",
                        "    commands are returned.",
                        "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
                        "GETKEYSANDFLAGS <full-command>", "    Return the keys and the access flags from a full Redis command."))
                .build());
        t.register(cmd);
    }

    private static CommandSpec find(Client c, String name) {
        String[] parts = name.toLowerCase(java.util.Locale.ROOT).split("\\|", 2);
        CommandSpec s = c.server().commands().get(parts[0]);
        if (s != null && parts.length == 2) {
            s = s.subcommand(parts[1]);
        }
        return s;
    }

    static void commandInfo(Client c, byte[][] a) {
        if (a.length == 2) {
            List<CommandSpec> all = new ArrayList<>(c.server().commands().all());
            c.addArrayLen(all.size());
            for (CommandSpec s : all) {
                CommandInfo.writeInfo(c, s);
            }
            return;
        }
        c.addArrayLen(a.length - 2);
        for (int i = 2; i < a.length; i++) {
            CommandSpec s = find(c, Args.str(a[i]));
            if (s == null) {
                c.addNullArray();
            } else {
                CommandInfo.writeInfo(c, s);
            }
        }
    }

    static void commandDocs(Client c, byte[][] a) {
        List<CommandSpec> specs = new ArrayList<>();
        if (a.length == 2) {
            specs.addAll(c.server().commands().all());
        } else {
            for (int i = 2; i < a.length; i++) {
                CommandSpec s = find(c, Args.str(a[i]));
                if (s != null) {
                    specs.add(s);
                }
            }
        }
        c.addMapLen(specs.size());
        for (CommandSpec s : specs) {
            c.addBulk(s.fullName());
            CommandInfo.writeDocs(c, s);
        }
    }

    static void commandList(Client c, byte[][] a) {
        List<String> names = new ArrayList<>();
        String filter = null;
        String value = null;
        if (a.length == 5 && Args.is(a[2], "filterby")) {
            filter = Args.lower(a[3]);
            value = Args.str(a[4]);
            if (!filter.equals("module") && !filter.equals("aclcat") && !filter.equals("pattern")) {
                throw CommandException.syntax();
            }
        } else if (a.length != 2) {
            throw CommandException.syntax();
        }
        for (CommandSpec s : c.server().commands().all()) {
            List<CommandSpec> withSubs = new ArrayList<>();
            withSubs.add(s);
            withSubs.addAll(s.subcommands().values());
            for (CommandSpec x : withSubs) {
                if (filter == null
                        || (filter.equals("pattern") && Glob.matches(value, x.fullName(), true))
                        || (filter.equals("aclcat") && CommandInfo.aclCategories(x).contains("@" + value.toLowerCase(java.util.Locale.ROOT)))) {
                    names.add(x.fullName());
                }
            }
        }
        c.addArrayLen(names.size());
        for (String n : names) {
            c.addBulk(n);
        }
    }

    static void commandGetKeys(Client c, byte[][] a) {
        byte[][] argv = Arrays.copyOfRange(a, 2, a.length);
        CommandSpec s = commandOf(c, argv);
        List<byte[]> keys = CommandTable.keysOf(s, argv);
        CommandInfo.checkSomeKeysFound(s, keys.isEmpty());
        c.addBulkArray(keys);
    }

    /**
     * The command (or subcommand) that {@code argv} calls, refused as COMMAND GETKEYS refuses it:
     * unknown, without key arguments at all, or with the wrong number of arguments, in that order.
     */
    private static CommandSpec commandOf(Client c, byte[][] argv) {
        CommandSpec s = c.server().commands().lookup(argv[0]);
        if (s == null) {
            throw new CommandException("ERR Invalid command specified");
        }
        if (s.hasSubcommands() && argv.length > 1) {
            CommandSpec sub = s.subcommand(Args.str(argv[1]));
            if (sub == null) {
                throw new CommandException("ERR Invalid command specified");
            }
            s = sub;
        }
        if (!CommandInfo.hasKeyArguments(s)) {
            throw new CommandException("ERR The command has no key arguments");
        }
        if (!s.arityAccepts(argv.length)) {
            throw new CommandException("ERR Invalid number of arguments specified for command");
        }
        return s;
    }

    // ------------------------------------------------------------------ flush, time, shutdown, monitor

    private static boolean asyncOption(byte[][] a) {
        if (a.length > 2) {
            throw CommandException.syntax();
        }
        if (a.length == 2 && !Args.is(a[1], "async") && !Args.is(a[1], "sync")) {
            throw CommandException.syntax();
        }
        return a.length == 2 && Args.is(a[1], "async");
    }

    static void flushdb(Client c, byte[][] a) {
        asyncOption(a);
        int n = c.db().size();
        c.db().clear();
        c.server().dirty += Math.max(1, n);
        c.addOk();
    }

    static void flushall(Client c, byte[][] a) {
        asyncOption(a);
        long n = c.server().keyspace().totalKeys();
        c.server().keyspace().flushAll();
        c.server().dirty += Math.max(1, n);
        c.addOk();
    }

    static void time(Client c, byte[][] a) {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        c.addArrayLen(2);
        c.addBulk(Long.toString(micros / 1_000_000));
        c.addBulk(Long.toString(micros % 1_000_000));
    }

    static void shutdown(Client c, byte[][] a) {
        java.util.EnumSet<Shutdown.Flag> flags = java.util.EnumSet.noneOf(Shutdown.Flag.class);
        boolean abort = false;
        for (int i = 1; i < a.length; i++) {
            switch (Args.lower(a[i])) {
                case "save" -> flags.add(Shutdown.Flag.SAVE);
                case "nosave" -> flags.add(Shutdown.Flag.NOSAVE);
                case "now" -> flags.add(Shutdown.Flag.NOW);
                case "force" -> flags.add(Shutdown.Flag.FORCE);
                case "abort" -> abort = true;
                default -> throw CommandException.syntax();
            }
        }
        if ((flags.contains(Shutdown.Flag.SAVE) && flags.contains(Shutdown.Flag.NOSAVE))
                || (abort && !flags.isEmpty())) {
            throw CommandException.syntax();
        }
        String err = abort ? c.server().abortShutdown() : c.server().shutdown(flags, c);
        if (err != null) {
            throw new CommandException(err);
        }
        if (abort) {
            c.addOk();
        }
    }

    static void monitor(Client c, byte[][] a) {
        c.server().clients().startMonitor(c);
        c.addOk();
    }

    // ------------------------------------------------------------------ SLOWLOG

    private static void registerSlowlog(CommandTable t) {
        CommandSpec slow = spec("slowlog", -2).since("2.2.12").summary("A container for slow log commands.").build();
        slow.addSubcommand(spec("get", -2, ADMIN, LOADING, STALE).summary("Returns the slow log's entries.")
                .handler(ServerCommands::slowlogGet).build());
        slow.addSubcommand(spec("len", 2, ADMIN, LOADING, STALE).summary("Returns the number of entries in the slow log.")
                .handler((c, a) -> c.addInteger(c.server().slowLog().size())).build());
        slow.addSubcommand(spec("reset", 2, ADMIN, LOADING, STALE).summary("Clears all entries from the slow log.")
                .handler((c, a) -> {
                    c.server().slowLog().reset();
                    c.addOk();
                }).build());
        slow.addSubcommand(spec("help", 2, LOADING, STALE).summary("Show helpful text about the different subcommands")
                .handler((c, a) -> Help.reply(c, "SLOWLOG",
                        "GET [<count>]", "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:", "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name", "LEN", "    Return the length of the slowlog.", "RESET", "    Reset the slowlog."))
                .build());
        t.register(slow);
    }

    static void slowlogGet(Client c, byte[][] a) {
        int count = 10;
        if (a.length == 3) {
            long n = Args.parseLong(a[2], "ERR count should be greater than or equal to -1");
            if (n < -1) {
                throw new CommandException("ERR count should be greater than or equal to -1");
            }
            count = n == -1 ? Integer.MAX_VALUE : (int) Math.min(n, Integer.MAX_VALUE);
        } else if (a.length > 3) {
            c.addArityError();
            return;
        }
        List<SlowLog.Entry> entries = c.server().slowLog().latest(count);
        c.addArrayLen(entries.size());
        for (SlowLog.Entry e : entries) {
            c.addArrayLen(6);
            c.addInteger(e.id());
            c.addInteger(e.unixSeconds());
            c.addInteger(e.micros());
            c.addBulkArray(e.args());
            c.addBulk(e.peer());
            c.addBulk(e.clientName());
        }
    }

    // ------------------------------------------------------------------ LATENCY (basic)

    private static void registerLatency(CommandTable t) {
        CommandSpec lat = spec("latency", -2).since("2.8.13").summary("A container for latency diagnostics commands.").build();
        lat.addSubcommand(spec("latest", 2, ADMIN, LOADING, STALE).summary("Returns the latest latency samples for all events.")
                .handler((c, a) -> c.addArrayLen(0)).build());
        lat.addSubcommand(spec("history", 3, ADMIN, LOADING, STALE).summary("Returns timestamp-latency samples for an event.")
                .handler((c, a) -> c.addArrayLen(0)).build());
        lat.addSubcommand(spec("reset", -2, ADMIN, LOADING, STALE).summary("Resets the latency data for one or more events.")
                .handler((c, a) -> c.addInteger(0)).build());
        lat.addSubcommand(spec("doctor", 2, ADMIN, LOADING, STALE).summary("Returns a human-readable latency analysis report.")
                .handler((c, a) -> c.addVerbatim("Dave, no latency spike was observed during the lifetime of this Redis instance, "
                        + "not in the slightest bit. I honestly think you ought to sleep tonight.\n")).build());
        lat.addSubcommand(spec("graph", 3, ADMIN, LOADING, STALE).summary("Returns a latency graph for an event.")
                .handler((c, a) -> {
                    throw new CommandException("ERR No samples available for event '" + Args.str(a[2]) + "'");
                }).build());
        lat.addSubcommand(spec("histogram", -2, ADMIN, LOADING, STALE).since("7.0.0")
                .summary("Returns the cumulative distribution of latencies of a subset or all commands.")
                .handler(ServerCommands::latencyHistogram).build());
        lat.addSubcommand(spec("help", 2, LOADING, STALE).summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "LATENCY",
                        "DOCTOR", "    Return a human readable latency analysis report.",
                        "GRAPH <event>", "    Return an ASCII latency graph for the <event> class.",
                        "HISTORY <event>", "    Return time-latency samples for the <event> class.",
                        "LATEST", "    Return the latest latency samples for all events.",
                        "RESET [<event> ...]", "    Reset latency data of one or more <event> classes.",
                        "    (default: reset all data for all event classes)",
                        "HISTOGRAM [COMMAND ...]", "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
                        "    If no commands are specified then all histograms are replied."))
                .build());
        t.register(lat);
    }

    // ------------------------------------------------------------------ MEMORY

    private static void registerMemory(CommandTable t) {
        CommandSpec mem = spec("memory", -2).since("4.0.0").summary("A container for memory diagnostics commands.").build();
        mem.addSubcommand(spec("usage", -3, READONLY).keys(2, 2, 1).summary("Estimates the memory usage of a key.")
                .handler(ServerCommands::memoryUsage).build());
        mem.addSubcommand(spec("doctor", 2).summary("Outputs a memory problems report.")
                .handler((c, a) -> c.addVerbatim("Hi Sam, I can't find any memory issue in your instance. "
                        + "I can only account for what occurs on this base.\n")).build());
        mem.addSubcommand(spec("stats", 2).summary("Returns details about memory usage.")
                .handler(ServerCommands::memoryStats).build());
        mem.addSubcommand(spec("malloc-stats", 2).summary("Returns the allocator statistics.")
                .handler((c, a) -> c.addVerbatim("Stats not supported for the current allocator\n")).build());
        mem.addSubcommand(spec("purge", 2).summary("Asks the allocator to release memory.")
                .handler((c, a) -> c.addOk()).build());
        mem.addSubcommand(spec("help", 2, LOADING, STALE).summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "MEMORY",
                        "DOCTOR", "    Return memory problems reports.",
                        "MALLOC-STATS", "    Return internal statistics report from the memory allocator.",
                        "PURGE", "    Attempt to purge dirty pages for reclamation by the allocator.",
                        "STATS", "    Return information about the memory usage of the server.",
                        "USAGE <key> [SAMPLES <count>]", "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all)."))
                .build());
        t.register(mem);
    }

    static void memoryUsage(Client c, byte[][] a) {
        if (a.length == 5) {
            if (!Args.is(a[3], "samples")) {
                throw CommandException.syntax();
            }
            long n = Args.parseLong(a[4]);
            if (n < 0) {
                throw CommandException.syntax();
            }
        } else if (a.length != 3) {
            throw CommandException.syntax();
        }
        Dict.Node n = c.db().peekNode(a[2]);
        if (n == null) {
            c.addNull();
            return;
        }
        c.addInteger(memoryOf(n));
    }

    /** Estimated bytes of one key with its value and node. */
    static long memoryOf(Dict.Node n) {
        long v = n.value instanceof byte[] b ? MemoryMeter.arrayBytes(b.length) : ((RedisValue) n.value).memoryBytes();
        return MemoryMeter.NODE + MemoryMeter.arrayBytes(n.key.length) + v
                + (n.expireAt() != 0 ? MemoryMeter.VOLATILE_EXTRA : 0);
    }

    static void memoryStats(Client c, byte[][] a) {
        RedisServer s = c.server();
        long dataset = s.keyspace().meter().bytes();
        c.addMapLen(6);
        c.addBulk("peak.allocated");
        c.addInteger(dataset);
        c.addBulk("total.allocated");
        c.addInteger(dataset);
        c.addBulk("keys.count");
        c.addInteger(s.keyspace().totalKeys());
        c.addBulk("keys.bytes-per-key");
        long keys = s.keyspace().totalKeys();
        c.addInteger(keys == 0 ? 0 : dataset / keys);
        c.addBulk("dataset.bytes");
        c.addInteger(dataset);
        c.addBulk("clients.normal");
        c.addInteger(s.clients().size() * 1024L);
    }

    // ------------------------------------------------------------------ OBJECT

    private static void registerObject(CommandTable t) {
        CommandSpec obj = CommandSpec.builder("object", -2).group("generic").since("2.2.3")
                .summary("A container for object introspection commands.").build();
        obj.addSubcommand(CommandSpec.builder("encoding", 3).flags(READONLY).keys(2, 2, 1).group("generic")
                .summary("Returns the internal encoding of a Redis object.").handler(ServerCommands::objectEncoding).build());
        obj.addSubcommand(CommandSpec.builder("refcount", 3).flags(READONLY).keys(2, 2, 1).group("generic")
                .summary("Returns the reference count of a value of a key.").handler(ServerCommands::objectRefcount).build());
        obj.addSubcommand(CommandSpec.builder("idletime", 3).flags(READONLY).keys(2, 2, 1).group("generic")
                .summary("Returns the time since the last access to a Redis object.").handler(ServerCommands::objectIdletime).build());
        obj.addSubcommand(CommandSpec.builder("freq", 3).flags(READONLY).keys(2, 2, 1).group("generic")
                .summary("Returns the logarithmic access frequency counter of a Redis object.").handler(ServerCommands::objectFreq).build());
        obj.addSubcommand(CommandSpec.builder("help", 2).flags(LOADING, STALE).group("generic")
                .summary("Returns helpful text about the different subcommands.")
                .handler((c, a) -> Help.reply(c, "OBJECT",
                        "ENCODING <key>", "    Return the kind of internal representation used in order to store the value",
                        "    associated with a <key>.",
                        "FREQ <key>", "    Return the access frequency index of the <key>. The returned integer is",
                        "    proportional to the logarithm of the recent access frequency of the key.",
                        "IDLETIME <key>", "    Return the idle time of the <key>, that is the approximated number of",
                        "    seconds elapsed since the last access to the key.",
                        "REFCOUNT <key>", "    Return the number of references of the value associated with the specified",
                        "    <key>."))
                .build());
        t.register(obj);
    }

    /** Redis's string encodings: int for integers, embstr up to 44 bytes, raw beyond. */
    public static String stringEncoding(byte[] b) {
        if (b.length <= 20 && Args.parseLongOrMin(b) != Long.MIN_VALUE) {
            return "int";
        }
        return b.length <= 44 ? "embstr" : "raw";
    }

    static void objectEncoding(Client c, byte[][] a) {
        Object v = c.db().peek(a[2]);
        if (v == null) {
            c.addNull();
            return;
        }
        c.addBulk(v instanceof byte[] b ? stringEncoding(b) : ((RedisValue) v).encoding());
    }

    static void objectRefcount(Client c, byte[][] a) {
        Object v = c.db().peek(a[2]);
        if (v == null) {
            c.addNull();
            return;
        }
        if (v instanceof byte[] b && b.length <= 4) {
            long n = Args.parseLongOrMin(b);
            if (n >= 0 && n < 10000 && !c.server().config().getString("maxmemory-policy").contains("l")) {
                c.addInteger(Integer.MAX_VALUE); // shared integer objects
                return;
            }
        }
        c.addInteger(1);
    }

    private static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    private static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    static void objectIdletime(Client c, byte[][] a) {
        Dict.Node n = c.db().peekNode(a[2]);
        if (n == null) {
            c.addNull();
            return;
        }
        if (c.server().config().getString("maxmemory-policy").endsWith("lfu")) {
            throw new CommandException(LFU_SELECTED);
        }
        c.addInteger(Keyspace.idleSeconds(n.lru));
    }

    static void objectFreq(Client c, byte[][] a) {
        Dict.Node n = c.db().peekNode(a[2]);
        if (n == null) {
            c.addNull();
            return;
        }
        if (!c.server().config().getString("maxmemory-policy").endsWith("lfu")) {
            throw new CommandException(LFU_NOT_SELECTED);
        }
        c.addInteger(io.rediha.node.store.AccessTracking.counter(n.lru));
    }

    /** Used by DEBUG and tests: the database a client has selected. */
    static Database db(Client c) {
        return c.db();
    }
}
