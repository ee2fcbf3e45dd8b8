package io.rediha.node.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the entrypoint reads from the environment, validated once. Defaults are Redis's
 * own (ports 6379 and 26379, down-after 30 s, failover-timeout 180 s, parallel-syncs 1) plus the
 * image's conventions (master host {@code redis-master}, master name {@code mymaster}, data in
 * {@code /data}).
 *
 * @param password          one password for requirepass, masterauth and the sentinels' auth-pass,
 *                          so nothing answers NOAUTH after a failover
 * @param sentinels         sentinels a data node asks at start where the master is
 * @param refuseEmptyMaster refuse to start as master with an empty data directory when no sentinel confirms it
 */
record BootSettings(
        int redisPort,
        HostPort master,
        int sentinelPort,
        Optional<String> password,
        String masterName,
        int quorum,
        Duration downAfter,
        Duration failoverTimeout,
        int parallelSyncs,
        List<HostPort> sentinels,
        Optional<String> announceIp,
        Optional<Integer> announcePort,
        Optional<String> sentinelAnnounceIp,
        Optional<Integer> sentinelAnnouncePort,
        boolean sentinelAnnounceHostnames,
        boolean refuseEmptyMaster,
        Path dataDir,
        Path confDir,
        Path runDir) {

    /** The variables and their spellings, for the help text. */
    static final String HELP = """
            Environment (lowercase and uppercase spellings both work where two are shown):
              redis_port / REDIS_PORT              data node port (6379)
              master_host / REDIS_MASTER_HOST      master to replicate / monitor (redis-master)
              master_port / REDIS_MASTER_PORT      its port (6379)
              sentinel_port / SENTINEL_PORT        sentinel port (26379)
              REDIS_PASSWORD or REDIS_PASSWORD_FILE  requirepass, masterauth and sentinel auth-pass
              MASTER_NAME                          sentinel master name (mymaster)
              SENTINEL_QUORUM                      quorum (2)
              SENTINEL_DOWN_AFTER                  down-after-milliseconds (30000)
              SENTINEL_FAILOVER                    failover-timeout in ms (180000)
              SENTINEL_PARALLEL_SYNCS              parallel-syncs (1)
              REDIS_SENTINELS                      host:port,... a data node asks at start where the master is
              REDIS_ANNOUNCE_IP / REDIS_ANNOUNCE_PORT        replica-announce-ip/port of a data node
              SENTINEL_ANNOUNCE_IP / SENTINEL_ANNOUNCE_PORT  announce-ip/port of a sentinel
              SENTINEL_ANNOUNCE_HOSTNAMES          yes: sentinels announce and keep host names (no)
              REDIHA_REFUSE_EMPTY_MASTER           yes: refuse to start as master with empty /data
                                                   when no sentinel confirms it (no)
              REDIHA_DATA_DIR / REDIHA_CONF_DIR    /data and /etc/rediha""";

    static BootSettings fromEnvironment(Map<String, String> vars) throws BootException {
        Environment env = new Environment(vars);
        int redisPort = env.port(6379, "redis_port", "REDIS_PORT");
        String masterHost = env.text("redis-master", "master_host", "REDIS_MASTER_HOST");
        int masterPort = env.port(6379, "master_port", "REDIS_MASTER_PORT");
        int sentinelPort = env.port(26379, "sentinel_port", "SENTINEL_PORT");
        String masterName = env.text("mymaster", "MASTER_NAME");
        if (!masterName.matches("[A-Za-z0-9._:-]+")) {
            throw Environment.bad(env.find("MASTER_NAME").orElseThrow(),
                    "a master name uses only letters, digits and . _ : -");
        }
        int quorum = (int) env.number(2, 1, "SENTINEL_QUORUM");
        Duration downAfter = Duration.ofMillis(env.number(30_000, 1, "SENTINEL_DOWN_AFTER"));
        Duration failoverTimeout = Duration.ofMillis(env.number(180_000, 1, "SENTINEL_FAILOVER"));
        int parallelSyncs = (int) env.number(1, 1, "SENTINEL_PARALLEL_SYNCS");
        Optional<Integer> announcePort = env.find("REDIS_ANNOUNCE_PORT").isPresent()
                ? Optional.of(env.port(0, "REDIS_ANNOUNCE_PORT")) : Optional.empty();
        Optional<Integer> sentinelAnnouncePort = env.find("SENTINEL_ANNOUNCE_PORT").isPresent()
                ? Optional.of(env.port(0, "SENTINEL_ANNOUNCE_PORT")) : Optional.empty();
        return new BootSettings(
                redisPort,
                new HostPort(masterHost, masterPort),
                sentinelPort,
                readPassword(env),
                masterName,
                quorum,
                downAfter,
                failoverTimeout,
                parallelSyncs,
                parseSentinels(env),
                env.find("REDIS_ANNOUNCE_IP").map(Environment.Value::text),
                announcePort,
                env.find("SENTINEL_ANNOUNCE_IP").map(Environment.Value::text),
                sentinelAnnouncePort,
                env.flag(false, "SENTINEL_ANNOUNCE_HOSTNAMES"),
                env.flag(false, "REDIHA_REFUSE_EMPTY_MASTER"),
                Path.of(env.text("/data", "REDIHA_DATA_DIR")),
                Path.of(env.text("/etc/rediha", "REDIHA_CONF_DIR")),
                Path.of(env.text("/tmp", "REDIHA_RUN_DIR")));
    }

    /** The port this data node is reached on by others: the announced one when set. */
    int advertisedRedisPort() {
        return announcePort.orElse(redisPort);
    }

    private static Optional<String> readPassword(Environment env) throws BootException {
        Optional<Environment.Value> inline = env.find("REDIS_PASSWORD");
        Optional<Environment.Value> file = env.find("REDIS_PASSWORD_FILE");
        if (inline.isPresent() && file.isPresent()) {
            throw new BootException(ExitStatus.BAD_CONFIG,
                    "Both REDIS_PASSWORD and REDIS_PASSWORD_FILE are set. Set only one of them.");
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get().text());
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BootException(ExitStatus.BAD_CONFIG, "REDIS_PASSWORD_FILE=" + path
                        + ": no such file. Mount the secret at that path, or fix or unset REDIS_PASSWORD_FILE.");
            } catch (IOException e) {
                throw new BootException(ExitStatus.BAD_CONFIG, "REDIS_PASSWORD_FILE=" + path
                        + ": cannot read it (" + e.getMessage() + "). Make it readable by the node's user.");
            }
            // Secret files usually end with a newline the writer did not mean as part of the password.
            String password = text.strip();
            if (password.isEmpty()) {
                throw new BootException(ExitStatus.BAD_CONFIG, "REDIS_PASSWORD_FILE=" + path
                        + " is empty. Put the password in it, or unset REDIS_PASSWORD_FILE.");
            }
            return Optional.of(checkPassword(password, "REDIS_PASSWORD_FILE=" + path));
        }
        if (inline.isPresent()) {
            return Optional.of(checkPassword(inline.get().text(), "REDIS_PASSWORD"));
        }
        return Optional.empty();
    }

    private static String checkPassword(String password, String source) throws BootException {
        // A line break would end the directive in redis.conf and in the inline AUTH of the healthcheck.
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new BootException(ExitStatus.BAD_CONFIG,
                    source + ": the password contains a line break. Use a single-line password.");
        }
        return password;
    }

    private static List<HostPort> parseSentinels(Environment env) throws BootException {
        Optional<Environment.Value> v = env.find("REDIS_SENTINELS");
        List<HostPort> list = new ArrayList<>();
        if (v.isEmpty()) {
            return list;
        }
        for (String part : v.get().text().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                list.add(HostPort.parse(part, 26379));
            } catch (IllegalArgumentException e) {
                throw Environment.bad(v.get(), "expected host:port,host:port,... (" + e.getMessage() + ")");
            }
        }
        return List.copyOf(list);
    }
}
