package io.rediha.node.boot;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sentinel's config, {@code <data>/sentinel.conf}: created from the environment on the first
 * start, then updated in place on every later one. Sentinel itself rewrites this file whenever its
 * state changes (current master after a failover, epochs, known replicas and sentinels, its
 * {@code myid}); all of that is kept. Only the directives the environment sets are replaced where
 * they stand, and a directive found twice keeps its first line, so restarts never pile up lines.
 *
 * <p>One exception to "the environment wins": the {@code monitor} line keeps the master address
 * already in the file. After a failover that line names the new master, and resetting it to the
 * deploy-time {@code master_host} would send the sentinel back to the old one.
 */
final class SentinelConfigFile {
    static final String FILE_NAME = "sentinel.conf";

    private final Path dataDir;
    private final Path defaultsFile;

    SentinelConfigFile(Path dataDir, Path confDir) {
        this.dataDir = dataDir;
        this.defaultsFile = confDir.resolve(FILE_NAME);
    }

    Path path() {
        return dataDir.resolve(FILE_NAME);
    }

    /** Creates or updates the file (atomically) and returns its path. */
    Path write(BootSettings s) throws IOException {
        List<String> lines = new ArrayList<>(existingOrDefaults());
        String name = s.masterName();
        Optional<List<String>> monitor = find(lines, "sentinel monitor " + name.toLowerCase(Locale.ROOT));
        String masterHost = monitor.map(w -> w.get(3)).orElse(s.master().host());
        String masterPort = monitor.map(w -> w.get(4)).orElse(Integer.toString(s.master().port()));

        Map<String, Optional<String>> wanted = new LinkedHashMap<>();
        wanted.put("port", Optional.of(ConfigText.line("port", Integer.toString(s.sentinelPort()))));
        wanted.put("sentinel monitor " + name, Optional.of(ConfigText.line("sentinel", "monitor", name, masterHost, masterPort, Integer.toString(s.quorum()))));
        wanted.put("sentinel down-after-milliseconds " + name, Optional.of(ConfigText.line("sentinel", "down-after-milliseconds", name, Long.toString(s.downAfter().toMillis()))));
        wanted.put("sentinel failover-timeout " + name, Optional.of(ConfigText.line("sentinel", "failover-timeout", name, Long.toString(s.failoverTimeout().toMillis()))));
        wanted.put("sentinel parallel-syncs " + name, Optional.of(ConfigText.line("sentinel", "parallel-syncs", name, Integer.toString(s.parallelSyncs()))));
        wanted.put("sentinel auth-pass " + name, s.password().map(pw -> ConfigText.line("sentinel", "auth-pass", name, pw)));
        wanted.put("sentinel announce-ip", s.sentinelAnnounceIp().map(ip -> ConfigText.line("sentinel", "announce-ip", ip)));
        wanted.put("sentinel announce-port", s.sentinelAnnouncePort().map(p -> ConfigText.line("sentinel", "announce-port", p.toString())));
        // A master given by name (the default "redis-master" is one) can only be monitored with resolve-hostnames.
        boolean byName = !isIpLiteral(masterHost) || !isIpLiteral(s.master().host());
        wanted.put("sentinel resolve-hostnames", Optional.of(ConfigText.line("sentinel", "resolve-hostnames",
                byName || s.sentinelAnnounceHostnames() ? "yes" : "no")));
        wanted.put("sentinel announce-hostnames", Optional.of(ConfigText.line("sentinel", "announce-hostnames",
                s.sentinelAnnounceHostnames() ? "yes" : "no")));
        if (find(lines, "sentinel myid").isEmpty()) {
            wanted.put("sentinel myid", Optional.of(ConfigText.line("sentinel", "myid", newMyId())));
        }

        List<String> out = replaceInPlace(lines, wanted);
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        return Files.move(tmp, path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The myid in the file, if any. */
    Optional<String> myId() throws IOException {
        if (!Files.isRegularFile(path())) {
            return Optional.empty();
        }
        return find(Files.readAllLines(path(), StandardCharsets.UTF_8), "sentinel myid").map(w -> w.get(2));
    }

    private List<String> existingOrDefaults() throws IOException {
        if (Files.isRegularFile(path())) {
            return Files.readAllLines(path(), StandardCharsets.UTF_8);
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Created by the rediha image entrypoint; Sentinel rewrites it as its state changes.");
        lines.add("# Settings from the environment are updated in place at every start.");
        if (Files.isRegularFile(defaultsFile)) {
            lines.addAll(Files.readAllLines(defaultsFile, StandardCharsets.UTF_8));
        }
        return lines;
    }

    /**
     * Each wanted directive replaces the first line with its key; later lines with the same key
     * are dropped; keys with an empty value are removed; keys not found are appended.
     */
    private static List<String> replaceInPlace(List<String> lines, Map<String, Optional<String>> wanted) {
        Map<String, Optional<String>> pending = new LinkedHashMap<>();
        wanted.forEach((k, v) -> pending.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String key = key(ConfigText.words(line));
            if (key == null || !pending.containsKey(key)) {
                out.add(line);
                continue;
            }
            if (seen.put(key, true) == null) {
                pending.get(key).ifPresent(out::add);
            }
        }
        pending.forEach((key, value) -> {
            if (!seen.containsKey(key)) {
                value.ifPresent(out::add);
            }
        });
        return out;
    }

    private static Optional<List<String>> find(List<String> lines, String wantedKey) {
        for (String line : lines) {
            List<String> w = ConfigText.words(line);
            if (wantedKey.equals(key(w)) && (!wantedKey.startsWith("sentinel monitor") || w.size() >= 6)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /**
     * The identity of a directive: {@code port}, {@code sentinel <global>} or
     * {@code sentinel <per-master> <name>}. Lines that repeat by design (known-replica,
     * known-sentinel, rename-command) and unrelated lines get no key and are never touched.
     */
    private static String key(List<String> w) {
        if (w.isEmpty()) {
            return null;
        }
        String d = w.get(0).toLowerCase(Locale.ROOT);
        if (!d.equals("sentinel")) {
            return d;
        }
        if (w.size() < 2) {
            return null;
        }
        String sub = w.get(1).toLowerCase(Locale.ROOT);
        return switch (sub) {
            case "monitor", "down-after-milliseconds", "failover-timeout", "parallel-syncs", "auth-pass" ->
                    w.size() >= 3 ? "sentinel " + sub + " " + w.get(2).toLowerCase(Locale.ROOT) : null;
            case "myid", "announce-ip", "announce-port", "resolve-hostnames", "announce-hostnames" -> "sentinel " + sub;
            default -> null;
        };
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(host); // a dotted quad never triggers a lookup
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** 40 hex characters, the form Sentinel's myid and Redis run ids have. */
    static String newMyId() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
