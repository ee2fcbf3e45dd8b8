package io.rediha.node.config;

import io.rediha.node.config.ConfigDirective.Flag;
import io.rediha.node.config.ConfigDirective.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every standard directive of Redis 7.0, with its default and aliases, so any redis.conf Redis
 * accepts is accepted here. Directives for features the node does not have (cluster, TLS, io
 * threads, defragmentation...) are declared too: their values are kept and shown, and the features
 * stay off. The subsystems that own a directive read it from the registry.
 */
final class StandardDirectives {
    private StandardDirectives() {
    }

    /** The notify-keyspace-events classes, in the order Redis prints them. */
    static final String KEYSPACE_EVENT_CLASSES = "g$lshzxetdmnKE";

    static void declareAll(ConfigRegistry r) {
        // --- network and clients
        r.declare(special("bind", "* -::*", StandardDirectives::parseBind, Flag.MULTI_ARG));
        r.declare(str("bind-source-addr", ""));
        r.declare(bool("protected-mode", true));
        r.declare(intv("port", 6379, 0, 65535));
        r.declare(intv("tcp-backlog", 511, 0, Integer.MAX_VALUE, Flag.IMMUTABLE));
        r.declare(str("unixsocket", "", Flag.IMMUTABLE));
        r.declare(intv("unixsocketperm", 0, 0, 0777, Flag.IMMUTABLE));
        r.declare(intv("timeout", 0, 0, Integer.MAX_VALUE));
        r.declare(intv("tcp-keepalive", 300, 0, Integer.MAX_VALUE));
        r.declare(intv("socket-mark-id", 0, 0, Integer.MAX_VALUE));
        r.declare(intv("maxclients", 10000, 1, Integer.MAX_VALUE));
        r.declare(special("client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                StandardDirectives::parseOutputBufferLimits, Flag.MERGES, Flag.MULTI_ARG));
        r.declare(mem("client-query-buffer-limit", "1gb", 1024 * 1024, Long.MAX_VALUE));
        r.declare(mem("proto-max-bulk-len", "512mb", 1024 * 1024, Long.MAX_VALUE));
        r.declare(special("maxmemory-clients", "0", StandardDirectives::parseMemoryOrPercent));
        r.declare(intv("io-threads", 1, 1, 128, Flag.IMMUTABLE));
        r.declare(bool("io-threads-do-reads", false, Flag.IMMUTABLE));

        // --- TLS (not built in: declared so configs that carry the lines load)
        r.declare(intv("tls-port", 0, 0, 65535, Flag.IMMUTABLE));
        for (String s : List.of("tls-cert-file", "tls-key-file", "tls-key-file-pass", "tls-client-cert-file",
                "tls-client-key-file", "tls-client-key-file-pass", "tls-dh-params-file", "tls-ca-cert-file",
                "tls-ca-cert-dir", "tls-protocols", "tls-ciphers", "tls-ciphersuites")) {
            r.declare(str(s, ""));
        }
        r.declare(enumv("tls-auth-clients", "yes", "yes", "no", "optional"));
        r.declare(bool("tls-replication", false));
        r.declare(bool("tls-cluster", false));
        r.declare(bool("tls-prefer-server-ciphers", false));
        r.declare(bool("tls-session-caching", true));
        r.declare(intv("tls-session-cache-size", 20480, 0, Integer.MAX_VALUE));
        r.declare(intv("tls-session-cache-timeout", 300, 0, Integer.MAX_VALUE));

        // --- general
        r.declare(bool("daemonize", false, Flag.IMMUTABLE));
        r.declare(enumv("supervised", "no", Flag.IMMUTABLE, "upstart", "systemd", "auto", "no"));
        r.declare(str("pidfile", "", Flag.IMMUTABLE));
        r.declare(enumv("loglevel", "notice", "debug", "verbose", "notice", "warning"));
        r.declare(str("logfile", "", Flag.IMMUTABLE));
        r.declare(bool("syslog-enabled", false, Flag.IMMUTABLE));
        r.declare(str("syslog-ident", "redis", Flag.IMMUTABLE));
        r.declare(enumv("syslog-facility", "local0", Flag.IMMUTABLE, "user", "local0", "local1", "local2",
                "local3", "local4", "local5", "local6", "local7"));
        r.declare(bool("crash-log-enabled", true));
        r.declare(bool("crash-memcheck-enabled", true));
        r.declare(intv("databases", 16, 1, Integer.MAX_VALUE, Flag.IMMUTABLE));
        r.declare(bool("always-show-logo", false, Flag.IMMUTABLE));
        r.declare(bool("set-proc-title", true, Flag.IMMUTABLE));
        r.declare(str("proc-title-template", "{title} {listen-addr} {server-mode}"));
        r.declare(enumv("enable-protected-configs", "no", Flag.IMMUTABLE, "no", "yes", "local"));
        r.declare(enumv("enable-debug-command", "no", Flag.IMMUTABLE, "no", "yes", "local"));
        r.declare(enumv("enable-module-command", "no", Flag.IMMUTABLE, "no", "yes", "local"));
        r.declare(intv("hz", 10, 0, Integer.MAX_VALUE));
        r.declare(bool("dynamic-hz", true));
        r.declare(str("ignore-warnings", ""));
        r.declare(intv("shutdown-timeout", 10, 0, Integer.MAX_VALUE));
        r.declare(enumv("shutdown-on-sigint", "default", Flag.MULTI_ARG, "default", "save", "nosave", "now", "force"));
        r.declare(enumv("shutdown-on-sigterm", "default", Flag.MULTI_ARG, "default", "save", "nosave", "now", "force"));
        r.declare(special("dir", "", StandardDirectives::parseDir));
        r.declare(str("server_cpulist", "", Flag.IMMUTABLE));
        r.declare(str("bio_cpulist", "", Flag.IMMUTABLE));
        r.declare(str("aof_rewrite_cpulist", "", Flag.IMMUTABLE));
        r.declare(str("bgsave_cpulist", "", Flag.IMMUTABLE));
        r.declare(enumv("oom-score-adj", "no", "no", "yes", "relative", "absolute"));
        r.declare(special("oom-score-adj-values", "0 200 800", StandardDirectives::parseOomValues, Flag.MULTI_ARG));
        r.declare(bool("disable-thp", true));
        r.declare(bool("jemalloc-bg-thread", true));
        r.declare(intv("watchdog-period", 0, 0, Integer.MAX_VALUE, Flag.HIDDEN));

        // --- snapshotting (owned by persistence)
        r.declare(special("save", "3600 1 300 100 60 10000", StandardDirectives::parseSave,
                Flag.ACCUMULATES, Flag.MULTI_ARG));
        r.declare(bool("stop-writes-on-bgsave-error", true));
        r.declare(bool("rdbcompression", true));
        r.declare(bool("rdbchecksum", true));
        r.declare(enumv("sanitize-dump-payload", "no", "no", "yes", "clients"));
        r.declare(str("dbfilename", "dump.rdb"));
        r.declare(bool("rdb-del-sync-files", false));
        r.declare(bool("rdb-save-incremental-fsync", true));
        r.declare(intv("rdb-key-save-delay", 0, Integer.MIN_VALUE, Integer.MAX_VALUE, Flag.HIDDEN));
        r.declare(intv("key-load-delay", 0, Integer.MIN_VALUE, Integer.MAX_VALUE, Flag.HIDDEN));

        // --- append only file (owned by persistence)
        r.declare(bool("appendonly", false));
        r.declare(str("appendfilename", "appendonly.aof", Flag.IMMUTABLE));
        r.declare(str("appenddirname", "appendonlydir", Flag.IMMUTABLE));
        r.declare(enumv("appendfsync", "everysec", "always", "everysec", "no"));
        r.declare(bool("no-appendfsync-on-rewrite", false));
        r.declare(intv("auto-aof-rewrite-percentage", 100, 0, Integer.MAX_VALUE));
        r.declare(mem("auto-aof-rewrite-min-size", "64mb", 0, Long.MAX_VALUE));
        r.declare(bool("aof-load-truncated", true));
        r.declare(bool("aof-use-rdb-preamble", true));
        r.declare(bool("aof-timestamp-enabled", false));
        r.declare(bool("aof-rewrite-incremental-fsync", true));

        // --- replication (owned by replication)
        r.declare(specialBuilder("replicaof", "", StandardDirectives::parseReplicaof, Flag.IMMUTABLE, Flag.MULTI_ARG)
                .alias("slaveof").build());
        r.declare(str("masterauth", "", Flag.SENSITIVE));
        r.declare(str("masteruser", ""));
        r.declare(b(Type.BOOL, "replica-serve-stale-data", "yes").alias("slave-serve-stale-data").build());
        r.declare(b(Type.BOOL, "replica-read-only", "yes").alias("slave-read-only").build());
        r.declare(bool("repl-diskless-sync", true));
        r.declare(intv("repl-diskless-sync-delay", 5, 0, Integer.MAX_VALUE));
        r.declare(intv("repl-diskless-sync-max-replicas", 0, 0, Integer.MAX_VALUE));
        r.declare(enumv("repl-diskless-load", "disabled", "disabled", "on-empty-db", "swapdb"));
        r.declare(b(Type.INT, "repl-ping-replica-period", "10").range(1, Integer.MAX_VALUE)
                .alias("repl-ping-slave-period").build());
        r.declare(intv("repl-timeout", 60, 1, Integer.MAX_VALUE));
        r.declare(bool("repl-disable-tcp-nodelay", false));
        r.declare(mem("repl-backlog-size", "1mb", 1, Long.MAX_VALUE));
        r.declare(intv("repl-backlog-ttl", 3600, 0, Integer.MAX_VALUE));
        r.declare(b(Type.INT, "replica-priority", "100").range(0, Integer.MAX_VALUE).alias("slave-priority").build());
        r.declare(bool("replica-announced", true));
        r.declare(b(Type.INT, "min-replicas-to-write", "0").range(0, Integer.MAX_VALUE)
                .alias("min-slaves-to-write").build());
        r.declare(b(Type.INT, "min-replicas-max-lag", "10").range(0, Integer.MAX_VALUE)
                .alias("min-slaves-max-lag").build());
        r.declare(b(Type.STRING, "replica-announce-ip", "").alias("slave-announce-ip").build());
        r.declare(b(Type.INT, "replica-announce-port", "0").range(0, 65535).alias("slave-announce-port").build());
        r.declare(b(Type.BOOL, "replica-lazy-flush", "no").alias("slave-lazy-flush").build());
        r.declare(b(Type.BOOL, "replica-ignore-maxmemory", "yes").alias("slave-ignore-maxmemory").build());
        r.declare(bool("replica-ignore-disk-write-errors", false));
        r.declare(enumv("propagation-error-behavior", "ignore", "ignore", "panic", "panic-on-replicas"));

        // --- security
        r.declare(str("requirepass", "", Flag.SENSITIVE));
        r.declare(str("aclfile", "", Flag.IMMUTABLE));
        r.declare(intv("acllog-max-len", 128, 0, Integer.MAX_VALUE));
        r.declare(enumv("acl-pubsub-default", "resetchannels", "allchannels", "resetchannels"));

        // --- memory
        r.declare(mem("maxmemory", "0", 0, Long.MAX_VALUE));
        r.declare(enumv("maxmemory-policy", "noeviction", "volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
        r.declare(intv("maxmemory-samples", 5, 1, 64));
        r.declare(intv("maxmemory-eviction-tenacity", 10, 0, 100));
        r.declare(bool("lazyfree-lazy-eviction", false));
        r.declare(bool("lazyfree-lazy-expire", false));
        r.declare(bool("lazyfree-lazy-server-del", false));
        r.declare(bool("lazyfree-lazy-user-del", false));
        r.declare(bool("lazyfree-lazy-user-flush", false));
        r.declare(intv("active-expire-effort", 1, 1, 10));
        r.declare(bool("activerehashing", true));
        r.declare(intv("lfu-log-factor", 10, 0, Integer.MAX_VALUE));
        r.declare(intv("lfu-decay-time", 1, 0, Integer.MAX_VALUE));
        r.declare(bool("activedefrag", false));
        r.declare(mem("active-defrag-ignore-bytes", "100mb", 1, Long.MAX_VALUE));
        r.declare(intv("active-defrag-threshold-lower", 10, 0, 1000));
        r.declare(intv("active-defrag-threshold-upper", 100, 0, 1000));
        r.declare(intv("active-defrag-cycle-min", 1, 1, 99));
        r.declare(intv("active-defrag-cycle-max", 25, 1, 99));
        r.declare(intv("active-defrag-max-scan-fields", 1000, 1, Long.MAX_VALUE));

        // --- data structure encodings
        r.declare(b(Type.INT, "hash-max-listpack-entries", "128").range(0, Long.MAX_VALUE)
                .alias("hash-max-ziplist-entries").build());
        r.declare(b(Type.MEMORY, "hash-max-listpack-value", "64").range(0, Long.MAX_VALUE)
                .alias("hash-max-ziplist-value").build());
        r.declare(b(Type.INT, "list-max-listpack-size", "-2").range(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .alias("list-max-ziplist-size").build());
        r.declare(intv("list-compress-depth", 0, 0, Integer.MAX_VALUE));
        r.declare(intv("set-max-intset-entries", 512, 0, Long.MAX_VALUE));
        r.declare(b(Type.INT, "zset-max-listpack-entries", "128").range(0, Long.MAX_VALUE)
                .alias("zset-max-ziplist-entries").build());
        r.declare(b(Type.MEMORY, "zset-max-listpack-value", "64").range(0, Long.MAX_VALUE)
                .alias("zset-max-ziplist-value").build());
        r.declare(mem("hll-sparse-max-bytes", "3000", 0, Long.MAX_VALUE));
        r.declare(mem("stream-node-max-bytes", "4096", 0, Long.MAX_VALUE));
        r.declare(intv("stream-node-max-entries", 100, 0, Long.MAX_VALUE));

        // --- diagnostics
        r.declare(intv("slowlog-log-slower-than", 10000, -1, Long.MAX_VALUE));
        r.declare(intv("slowlog-max-len", 128, 0, Long.MAX_VALUE));
        r.declare(intv("latency-monitor-threshold", 0, 0, Long.MAX_VALUE));
        r.declare(bool("latency-tracking", true));
        r.declare(special("latency-tracking-info-percentiles", "50 99 99.9",
                StandardDirectives::parsePercentiles, Flag.MULTI_ARG));
        r.declare(special("notify-keyspace-events", "", StandardDirectives::parseKeyspaceEvents));
        r.declare(b(Type.INT, "busy-reply-threshold", "5000").range(0, Long.MAX_VALUE)
                .alias("lua-time-limit").build());
        r.declare(mem("tracking-table-max-keys", "1000000", 0, Long.MAX_VALUE));

        // --- cluster (not supported: cluster-enabled yes is refused at start)
        r.declare(bool("cluster-enabled", false, Flag.IMMUTABLE));
        r.declare(str("cluster-config-file", "nodes.conf", Flag.IMMUTABLE));
        r.declare(intv("cluster-node-timeout", 15000, 0, Long.MAX_VALUE));
        r.declare(intv("cluster-port", 0, 0, 65535, Flag.IMMUTABLE));
        r.declare(b(Type.INT, "cluster-replica-validity-factor", "10").range(0, Integer.MAX_VALUE)
                .alias("cluster-slave-validity-factor").build());
        r.declare(intv("cluster-migration-barrier", 1, 0, Integer.MAX_VALUE));
        r.declare(bool("cluster-allow-replica-migration", true));
        r.declare(bool("cluster-require-full-coverage", true));
        r.declare(b(Type.BOOL, "cluster-replica-no-failover", "no").alias("cluster-slave-no-failover").build());
        r.declare(bool("cluster-allow-reads-when-down", false));
        r.declare(bool("cluster-allow-pubsubshard-when-down", true));
        r.declare(mem("cluster-link-sendbuf-limit", "0", 0, Long.MAX_VALUE));
        r.declare(str("cluster-announce-ip", ""));
        r.declare(str("cluster-announce-hostname", ""));
        r.declare(intv("cluster-announce-port", 0, 0, 65535));
        r.declare(intv("cluster-announce-bus-port", 0, 0, 65535));
        r.declare(intv("cluster-announce-tls-port", 0, 0, 65535));
        r.declare(enumv("cluster-preferred-endpoint-type", "ip", "ip", "hostname", "unknown-endpoint"));
    }

    // ---------------------------------------------------------------- builders

    private static ConfigDirective.Builder b(Type t, String name, String def) {
        return new ConfigDirective.Builder(name, t).defaultValue(def);
    }

    private static ConfigDirective bool(String name, boolean def, Flag... flags) {
        return b(Type.BOOL, name, def ? "yes" : "no").flags(flags).build();
    }

    private static ConfigDirective intv(String name, long def, long min, long max, Flag... flags) {
        return b(Type.INT, name, Long.toString(def)).range(min, max).flags(flags).build();
    }

    private static ConfigDirective mem(String name, String def, long min, long max, Flag... flags) {
        return b(Type.MEMORY, name, def).range(min, max).flags(flags).build();
    }

    private static ConfigDirective str(String name, String def, Flag... flags) {
        return b(Type.STRING, name, def).flags(flags).build();
    }

    private static ConfigDirective enumv(String name, String def, String... values) {
        return b(Type.ENUM, name, def).values(values).build();
    }

    private static ConfigDirective enumv(String name, String def, Flag flag, String... values) {
        return b(Type.ENUM, name, def).values(values).flags(flag).build();
    }

    private static ConfigDirective special(String name, String def, ConfigDirective.SpecialParser p, Flag... flags) {
        return b(Type.SPECIAL, name, def).parser(p).flags(flags).build();
    }

    private static ConfigDirective.Builder specialBuilder(String name, String def, ConfigDirective.SpecialParser p,
                                                         Flag f1, Flag f2) {
        return b(Type.SPECIAL, name, def).parser(p).flags(f1, f2);
    }

    // ---------------------------------------------------------------- special syntaxes

    /** The words of args, split on blanks (a default or a CONFIG SET value arrives as one string). */
    static List<String> words(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            for (String w : a.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    private static String parseBind(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        if (w.isEmpty()) {
            throw new ConfigException("wrong number of arguments");
        }
        if (w.size() > 16) {
            throw new ConfigException("Too many bind addresses specified.");
        }
        return String.join(" ", w);
    }

    private static String parseSave(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        if (w.isEmpty()) {
            return base; // save "" : no save points (base is empty then)
        }
        if (w.size() % 2 != 0) {
            throw new ConfigException("Invalid save parameters");
        }
        List<String> out = new ArrayList<>();
        if (!base.isEmpty()) {
            out.add(base);
        }
        for (String s : w) {
            try {
                if (Long.parseLong(s) < 0) {
                    throw new ConfigException("Invalid save parameters");
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid save parameters");
            }
            out.add(Long.toString(Long.parseLong(s)));
        }
        return String.join(" ", out);
    }

    private static String parseOutputBufferLimits(String base, List<String> args) throws ConfigException {
        Map<String, String> classes = new LinkedHashMap<>();
        List<String> cur = words(List.of(base));
        for (int i = 0; i + 3 < cur.size(); i += 4) {
            classes.put(cur.get(i), cur.get(i + 1) + " " + cur.get(i + 2) + " " + cur.get(i + 3));
        }
        List<String> w = words(args);
        if (w.size() % 4 != 0 || w.isEmpty()) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        for (int i = 0; i < w.size(); i += 4) {
            String cls = w.get(i).toLowerCase(Locale.ROOT);
            if (cls.equals("replica")) {
                cls = "slave";
            }
            if (!cls.equals("normal") && !cls.equals("slave") && !cls.equals("pubsub")) {
                throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            }
            long hard = MemoryUnits.parse(w.get(i + 1));
            long soft = MemoryUnits.parse(w.get(i + 2));
            long secs;
            try {
                secs = Long.parseLong(w.get(i + 3));
            } catch (NumberFormatException e) {
                secs = -1;
            }
            if (hard < 0 || soft < 0 || secs < 0) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            classes.put(cls, hard + " " + soft + " " + secs);
        }
        StringBuilder sb = new StringBuilder();
        for (String cls : List.of("normal", "slave", "pubsub")) {
            String v = classes.getOrDefault(cls, "0 0 0");
            sb.append(sb.length() == 0 ? "" : " ").append(cls).append(' ').append(v);
        }
        return sb.toString();
    }

    private static String parseMemoryOrPercent(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        if (w.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        String v = w.get(0);
        if (v.endsWith("%")) {
            try {
                long p = Long.parseLong(v.substring(0, v.length() - 1));
                if (p < 0 || p > 100) {
                    throw new ConfigException("argument must be between 0 and 100 inclusive");
                }
                return p + "%";
            } catch (NumberFormatException e) {
                throw new ConfigException("argument must be a memory or percent value");
            }
        }
        long n = MemoryUnits.parse(v);
        if (n < 0) {
            throw new ConfigException("argument must be a memory or percent value");
        }
        return Long.toString(n);
    }

    private static String parseDir(String base, List<String> args) throws ConfigException {
        List<String> w = args;
        if (w.size() > 1) {
            throw new ConfigException("wrong number of arguments");
        }
        String v = w.isEmpty() ? "" : w.get(0);
        Path p = v.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(v).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new ConfigException("No such file or directory");
        }
        return p.toString();
    }

    private static String parseOomValues(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        if (w.size() != 3) {
            throw new ConfigException("Invalid oom-score-adj-values");
        }
        for (String s : w) {
            try {
                long v = Long.parseLong(s);
                if (v < -2000 || v > 2000) {
                    throw new ConfigException("Invalid oom-score-adj-values");
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid oom-score-adj-values");
            }
        }
        return String.join(" ", w);
    }

    private static String parsePercentiles(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        List<String> out = new ArrayList<>();
        for (String s : w) {
            try {
                double d = Double.parseDouble(s);
                if (d < 0 || d > 100) {
                    throw new ConfigException("latency-tracking-info-percentiles should be between 0 and 100");
                }
                out.add(s);
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid latency-tracking-info-percentiles parameters");
            }
        }
        return String.join(" ", out);
    }

    private static String parseReplicaof(String base, List<String> args) throws ConfigException {
        List<String> w = words(args);
        if (w.isEmpty()) {
            return "";
        }
        if (w.size() != 2) {
            throw new ConfigException("wrong number of arguments");
        }
        if (w.get(0).equalsIgnoreCase("no") && w.get(1).equalsIgnoreCase("one")) {
            return "";
        }
        try {
            int port = Integer.parseInt(w.get(1));
            if (port < 0 || port > 65535) {
                throw new ConfigException("Invalid master port");
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid master port");
        }
        return w.get(0) + " " + w.get(1);
    }

    /**
     * notify-keyspace-events: class characters in canonical order; {@code A} stands for
     * {@code g$lshzxetd}.
     */
    static String parseKeyspaceEvents(String base, List<String> args) throws ConfigException {
        String v = String.join("", args);
        int flags = keyspaceEventFlags(v);
        if (flags < 0) {
            throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        }
        return keyspaceEventString(flags);
    }

    /** Bit per class character of {@link #KEYSPACE_EVENT_CLASSES}; -1 for an unknown character. */
    public static int keyspaceEventFlags(String v) {
        int flags = 0;
        for (char c : v.toCharArray()) {
            if (c == 'A') {
                flags |= allFlag();
                continue;
            }
            int i = KEYSPACE_EVENT_CLASSES.indexOf(c);
            if (i < 0) {
                return -1;
            }
            flags |= 1 << i;
        }
        return flags;
    }

    private static int allFlag() {
        int f = 0;
        for (char c : "g$lshzxetd".toCharArray()) {
            f |= 1 << KEYSPACE_EVENT_CLASSES.indexOf(c);
        }
        return f;
    }

    static String keyspaceEventString(int flags) {
        StringBuilder sb = new StringBuilder();
        int all = allFlag();
        if ((flags & all) == all) {
            sb.append('A');
            flags &= ~all;
        }
        for (int i = 0; i < KEYSPACE_EVENT_CLASSES.length(); i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(KEYSPACE_EVENT_CLASSES.charAt(i));
            }
        }
        return sb.toString();
    }
}
