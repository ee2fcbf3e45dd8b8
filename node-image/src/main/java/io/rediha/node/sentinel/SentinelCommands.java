package io.rediha.node.sentinel;

import io.rediha.node.command.Args;
import io.rediha.node.command.CommandException;
import io.rediha.node.command.CommandSpec;
import io.rediha.node.command.CommandTable;
import io.rediha.node.command.ConnectionCommands;
import io.rediha.node.command.StandardCommands;
import io.rediha.node.server.Client;
import io.rediha.node.server.InfoRegistry;
import io.rediha.node.server.RedisServer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.rediha.node.command.CommandFlag.ADMIN;
import static io.rediha.node.command.CommandFlag.FAST;
import static io.rediha.node.command.CommandFlag.LOADING;
import static io.rediha.node.command.CommandFlag.NOSCRIPT;
import static io.rediha.node.command.CommandFlag.NO_AUTH;
import static io.rediha.node.command.CommandFlag.PUBSUB;
import static io.rediha.node.command.CommandFlag.SKIP_MONITOR;
import static io.rediha.node.command.CommandFlag.SKIP_SLOWLOG;
import static io.rediha.node.command.CommandFlag.STALE;

/**
 * The command table of a node running as a Sentinel: what redis-sentinel answers and nothing
 * else (anything else gets Redis's unknown-command error). The connection, client, pub/sub,
 * COMMAND, INFO and SHUTDOWN commands are the server's own; HELLO, ROLE, PUBLISH and SENTINEL are
 * the sentinel's. INFO shows Server, Clients, Stats, CPU and the Sentinel section.
 */
final class SentinelCommands {
    /** Server commands a sentinel answers as any Redis server does. */
    private static final List<String> FROM_SERVER = List.of("ping", "auth", "quit", "reset", "client", "command",
            "info", "shutdown", "subscribe", "unsubscribe", "psubscribe", "punsubscribe");

    private volatile Sentinel sentinel;
    private volatile SentinelCommand family;

    /** The table; its handlers answer "-LOADING" until {@link #attach} gives them the sentinel. */
    CommandTable table() {
        CommandTable standard = StandardCommands.table();
        CommandTable t = new CommandTable();
        for (String name : FROM_SERVER) {
            t.register(standard.get(name));
        }
        t.register(CommandSpec.builder("hello", -1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, SKIP_MONITOR, SKIP_SLOWLOG)
                .group("connection").since("6.0.0").summary("Handshakes with the Redis server.")
                .handler(SentinelCommands::hello).build());
        t.register(CommandSpec.builder("role", 1).flags(NOSCRIPT, LOADING, STALE, FAST).group("server").since("2.8.12")
                .summary("Returns the replication role.").handler((c, a) -> run(c, SentinelCommand::role)).build());
        t.register(CommandSpec.builder("publish", 3).flags(PUBSUB, LOADING, STALE, FAST).group("pubsub").since("2.0.0")
                .summary("Posts a message to a channel.")
                .handler((c, a) -> run(c, f -> f.publish(Args.str(a[1]), Args.str(a[2])))).build());
        t.register(CommandSpec.builder("sentinel", -2).flags(ADMIN, LOADING, STALE).group("sentinel").since("2.8.4")
                .summary("A container for Redis Sentinel commands.")
                .handler((c, a) -> run(c, f -> f.execute(strings(a)))).build());
        return t;
    }

    /** Gives the handlers their sentinel and fits the server's INFO to a sentinel's. */
    void attach(Sentinel s, RedisServer server) {
        this.family = new SentinelCommand(s);
        this.sentinel = s;
        InfoRegistry info = server.info();
        for (String title : List.of("Memory", "Persistence", "Replication", "Modules", "Errorstats", "Cluster", "Keyspace")) {
            info.unregister(title);
        }
        info.register("Server", true, out -> serverSection(server, s, out));
        info.register("Sentinel", true, out -> out.append(family.infoSection()));
    }

    private interface Family {
        SentinelReply apply(SentinelCommand f);
    }

    private void run(Client c, Family body) {
        SentinelCommand f = family;
        if (f == null) {
            throw new CommandException("LOADING Sentinel is starting");
        }
        write(c, body.apply(f));
    }

    private static List<String> strings(byte[][] a) {
        List<String> out = new ArrayList<>(a.length);
        for (byte[] b : a) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Writes a reply value through the client, which knows its RESP version. */
    static void write(Client c, SentinelReply r) {
        if (r instanceof SentinelReply.Simple s) {
            c.addSimple(s.text());
        } else if (r instanceof SentinelReply.Error e) {
            c.addError(e.text());
        } else if (r instanceof SentinelReply.Int i) {
            c.addInteger(i.value());
        } else if (r instanceof SentinelReply.Bulk b) {
            if (b.value() == null) {
                c.addNull();
            } else {
                c.addBulk(b.value());
            }
        } else if (r instanceof SentinelReply.Verbatim v) {
            c.addVerbatim(v.value());
        } else if (r instanceof SentinelReply.ArrayOf a) {
            c.addArrayLen(a.items().size());
            for (SentinelReply item : a.items()) {
                write(c, item);
            }
        } else if (r instanceof SentinelReply.MapOf m) {
            c.addMapLen(m.keysAndValues().size() / 2);
            for (SentinelReply item : m.keysAndValues()) {
                write(c, item);
            }
        } else if (r instanceof SentinelReply.NullArray) {
            c.addNullArray();
        }
    }

    /** HELLO as a sentinel answers it: mode "sentinel" and no role field. */
    private static void hello(Client c, byte[][] a) {
        ConnectionCommands.writeHelloReply(c, ConnectionCommands.negotiateHello(c, a), "sentinel", null);
    }

    private static void serverSection(RedisServer server, Sentinel s, StringBuilder out) {
        long now = System.currentTimeMillis();
        long uptime = (now - server.startMillis()) / 1000;
        line(out, "redis_version", RedisServer.REDIS_VERSION);
        line(out, "redis_git_sha1", "00000000");
        line(out, "redis_git_dirty", 0);
        line(out, "redis_build_id", "0");
        line(out, "redis_mode", "sentinel");
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(out, "arch_bits", 64);
        line(out, "process_id", ProcessHandle.current().pid());
        line(out, "process_supervised", "no");
        line(out, "run_id", server.runId());
        line(out, "tcp_port", server.port());
        line(out, "server_time_usec", now * 1000);
        line(out, "uptime_in_seconds", uptime);
        line(out, "uptime_in_days", uptime / 86400);
        line(out, "hz", server.config().getInt("hz"));
        line(out, "configured_hz", server.config().getInt("hz"));
        line(out, "executable", ProcessHandle.current().info().command().orElse(""));
        line(out, "config_file", s.configFile.toAbsolutePath());
        line(out, "io_threads_active", 0);
        line(out, "rediha_version", io.rediha.node.Version.get());
    }

    private static void line(StringBuilder out, String field, Object value) {
        out.append(field).append(':').append(value).append("\r\n");
    }
}
