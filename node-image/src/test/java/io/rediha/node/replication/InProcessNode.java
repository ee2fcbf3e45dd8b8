package io.rediha.node.replication;

import io.rediha.node.command.CommandTable;
import io.rediha.node.command.StandardCommands;
import io.rediha.node.config.ConfigRegistry;
import io.rediha.node.config.RedisConfParser;
import io.rediha.node.persistence.PersistenceExtension;
import io.rediha.node.persistence.RealRedis;
import io.rediha.node.server.RedisServer;
import io.rediha.node.server.ServerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/** A rediha server in this JVM with the persistence and replication extensions, on a free loopback port. */
public final class InProcessNode implements AutoCloseable {
    final RedisServer server;
    final ReplicationExtension replication;
    public final int port;

    private InProcessNode(RedisServer server, ReplicationExtension replication, int port) {
        this.server = server;
        this.replication = replication;
        this.port = port;
    }

    public static InProcessNode start(Path dir, String... directives) throws Exception {
        int port = RealRedis.freePort();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--loglevel", "warning"));
        args.addAll(List.of(directives));
        ConfigRegistry config = ConfigRegistry.standard();
        new RedisConfParser(config).parseCommandLine(args.toArray(new String[0]));
        ReplicationExtension repl = new ReplicationExtension();
        List<ServerExtension> ext = List.of(new PersistenceExtension(), repl);
        CommandTable table = StandardCommands.table();
        for (ServerExtension x : ext) {
            x.registerCommands(table, config);
        }
        RedisServer s = new RedisServer(config, table);
        for (ServerExtension x : ext) {
            x.beforeStart(s);
        }
        s.start();
        for (ServerExtension x : ext) {
            x.afterStart(s);
        }
        return new InProcessNode(s, repl, port);
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port, 5000);
    }

    @Override
    public void close() {
        ReplicaLink l = replication.state().link();
        if (l != null) {
            l.stop();
        }
        server.close();
    }
}
