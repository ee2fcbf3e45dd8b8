package io.rediha.cli.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * For tests only: a node command that maps the node jar's roles onto Debian's reference
 * redis-server and redis-sentinel, so the local runtime's mechanics (processes, signals, ports,
 * safe restart) are tested against the real thing. The product runs our node jar.
 */
final class RedisStandIn {
    private RedisStandIn() {
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) && Files.isExecutable(Path.of("/usr/bin/redis-sentinel"));
    }

    /** Writes the wrapper script into {@code dir} and returns its path, the value for REDIHA_NODE_CMD. */
    static Path write(Path dir) throws IOException {
        Path script = dir.resolve("redis-node");
        Files.writeString(script, """
                #!/bin/sh
                role="$1"; shift
                case "$role" in
                  server) exec /usr/bin/redis-server "$@" --repl-diskless-sync-delay 0 ;;
                  sentinel) exec /usr/bin/redis-sentinel "$@" ;;
                  *) echo "unknown role $role" >&2; exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** A rediha compose file for {@code image} with the given counts and fast sentinel timings. */
    static String composeFile(String image, int replicas, int sentinels) {
        return """
                services:
                  master:
                    image: %1$s
                    command: ["master"]
                    environment:
                      REDIS_PORT: "6379"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                  slave:
                    image: %1$s
                    command: ["slave"]
                    deploy:
                      replicas: %2$d
                    environment:
                      REDIS_PORT: "6379"
                      REDIS_MASTER_HOST: master
                      REDIS_MASTER_PORT: "6379"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                  sentinel:
                    image: %1$s
                    command: ["sentinel"]
                    deploy:
                      replicas: %3$d
                    environment:
                      SENTINEL_PORT: "26379"
                      REDIS_MASTER_HOST: master
                      REDIS_MASTER_PORT: "6379"
                      MASTER_NAME: mymaster
                      SENTINEL_QUORUM: "2"
                      SENTINEL_DOWN_AFTER: "1500"
                      SENTINEL_FAILOVER: "6000"
                      REDIS_PASSWORD: ${REDIHA_PASSWORD}
                """.formatted(image, replicas, sentinels);
    }
}
