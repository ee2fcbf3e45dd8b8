package io.rediha.node.server;

import io.rediha.node.command.CommandTable;
import io.rediha.node.config.ConfigRegistry;

/**
 * How a subsystem plugs into {@code java -jar node.jar server}: list the implementation in
 * {@code META-INF/services/io.rediha.node.server.ServerExtension} and {@link ServerMain} finds it
 * with {@link java.util.ServiceLoader}. Persistence (load RDB/AOF before start, SAVE/BGSAVE...) and
 * replication (REPLICAOF, PSYNC..., connect to the master after start) use this, so neither needs
 * to edit ServerMain.
 *
 * <p>Order: {@link #order()} ascending (persistence before replication); for each phase every
 * extension runs before the next phase starts.
 */
public interface ServerExtension {
    /** Lower runs first. */
    default int order() {
        return 100;
    }

    /** Adds the subsystem's commands; the configuration is already read. */
    default void registerCommands(CommandTable table, ConfigRegistry config) {
    }

    /**
     * The server exists but does not listen yet and its command thread is not running: load data
     * here (the keyspace may be used from this thread), add listeners, guards and INFO sections.
     */
    default void beforeStart(RedisServer server) throws Exception {
    }

    /** The server accepts connections; work goes through {@link RedisServer#executor()}. */
    default void afterStart(RedisServer server) throws Exception {
    }
}
