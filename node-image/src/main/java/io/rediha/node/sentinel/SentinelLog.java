package io.rediha.node.sentinel;

import io.rediha.node.server.ServerLog;

/**
 * The sentinel's view of the server log: same file, same redis-server line format, with the role
 * mark {@code X} as Redis Sentinel writes it, so logs of mixed fleets read alike.
 */
final class SentinelLog {
    enum Level {
        DEBUG(ServerLog.Level.DEBUG), VERBOSE(ServerLog.Level.VERBOSE), NOTICE(ServerLog.Level.NOTICE),
        WARNING(ServerLog.Level.WARNING);

        final ServerLog.Level serverLevel;

        Level(ServerLog.Level serverLevel) {
            this.serverLevel = serverLevel;
        }
    }

    private final ServerLog log;

    SentinelLog(ServerLog log) {
        this.log = log;
        log.setRole(() -> 'X');
    }

    void log(Level level, String message) {
        log.log(level.serverLevel, message);
    }

    void warning(String message) {
        log(Level.WARNING, message);
    }

    void notice(String message) {
        log(Level.NOTICE, message);
    }

    void verbose(String message) {
        log(Level.VERBOSE, message);
    }
}
