package io.rediha.node.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data node's redis.conf, written at every start to {@code <data>/redis.conf}: the image's
 * defaults ({@code <conf>/redis.conf}, which an operator may replace by mounting a file) followed
 * by the directives the environment and the start plan decide. A directive set from the
 * environment replaces the same directive from the defaults, so no directive appears twice.
 *
 * <p>The file lives in the data volume because Sentinel reconfigures nodes with
 * {@code CONFIG REWRITE}: after a failover, the old master's file says {@code replicaof} the new
 * one. The next start reads that as this node's last known role ({@link #lastReplicaOf}) before
 * writing the file again.
 */
final class ServerConfigFile {
    static final String FILE_NAME = "redis.conf";

    /** Directives the entrypoint owns; lines setting them in the defaults are dropped. */
    private static final Set<String> MANAGED = Set.of("port", "dir", "requirepass", "masterauth",
            "replicaof", "slaveof", "replica-announce-ip", "replica-announce-port",
            "slave-announce-ip", "slave-announce-port");

    /** Used when the image's defaults file is missing (e.g. the jar run outside the image). */
    static final List<String> BUILT_IN_DEFAULTS = List.of(
            "protected-mode no",
            "appendonly yes",
            "appendfsync everysec");

    private final Path dataDir;
    private final Path defaultsFile;

    ServerConfigFile(Path dataDir, Path confDir) {
        this.dataDir = dataDir;
        this.defaultsFile = confDir.resolve(FILE_NAME);
    }

    Path path() {
        return dataDir.resolve(FILE_NAME);
    }

    /** The master the previous run's config (possibly rewritten by Sentinel) replicated from, if any. */
    Optional<HostPort> lastReplicaOf() {
        Path file = path();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Optional<HostPort> last = Optional.empty();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                List<String> w = ConfigText.words(line);
                if (w.size() == 3 && (ConfigText.directive(line).equals("replicaof") || ConfigText.directive(line).equals("slaveof"))) {
                    last = w.get(1).equalsIgnoreCase("no") ? Optional.empty()
                            : Optional.of(new HostPort(w.get(1), HostPort.parsePort(w.get(2), "replicaof")));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return last;
    }

    /** Writes the file (atomically: a reader never sees half of it) and returns its path. */
    Path write(BootSettings settings, Optional<HostPort> replicaOf) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by the rediha image entrypoint at every start: the defaults from " + defaultsFile);
        lines.add("# followed by the settings from the environment. Edit the defaults or the environment, not this file.");
        for (String line : defaults()) {
            if (!MANAGED.contains(ConfigText.directive(line))) {
                lines.add(line);
            }
        }
        lines.add("");
        lines.add("# From the environment and the start plan");
        lines.add(ConfigText.line("port", Integer.toString(settings.redisPort())));
        lines.add(ConfigText.line("dir", dataDir.toString()));
        settings.password().ifPresent(pw -> {
            lines.add(ConfigText.line("requirepass", pw));
            // The same password for the link to a master: after a failover any node may be the master.
            lines.add(ConfigText.line("masterauth", pw));
        });
        settings.announceIp().ifPresent(ip -> lines.add(ConfigText.line("replica-announce-ip", ip)));
        settings.announcePort().ifPresent(p -> lines.add(ConfigText.line("replica-announce-port", p.toString())));
        replicaOf.ifPresent(m -> lines.add(ConfigText.line("replicaof", m.host(), Integer.toString(m.port()))));
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        return Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private List<String> defaults() throws IOException {
        if (Files.isRegularFile(defaultsFile)) {
            return Files.readAllLines(defaultsFile, StandardCharsets.UTF_8);
        }
        return BUILT_IN_DEFAULTS;
    }
}
