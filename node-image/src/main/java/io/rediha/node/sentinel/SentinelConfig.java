package io.rediha.node.sentinel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * sentinel.conf in Redis's syntax: the server directives a sentinel uses ({@code port},
 * {@code bind}, {@code requirepass}, ...) and every {@code sentinel ...} directive.
 *
 * <p>Like Redis, directives are applied in three passes whatever their order in the file:
 * global options, then {@code sentinel monitor} lines, then per-master options, so a file may name
 * a master's options before the master.
 */
final class SentinelConfig {
    static final int DEFAULT_PORT = 26379;

    /** Server directives that a sentinel accepts and has no use for (Redis writes some of them). */
    private static final Set<String> IGNORED = Set.of("daemonize", "supervised", "latency-tracking-info-percentiles",
            "user", "always-show-logo", "set-proc-title", "proc-title-template", "enable-debug-command",
            "enable-protected-configs", "enable-module-command", "syslog-enabled", "syslog-ident",
            "syslog-facility", "hz", "tcp-backlog", "tcp-keepalive", "timeout", "maxclients", "crash-log-enabled",
            "crash-memcheck-enabled", "oom-score-adj", "locale-collate", "io-threads", "acllog-max-len",
            "aclfile", "unixsocket", "unixsocketperm", "logfile", "loglevel", "pidfile");

    int port = DEFAULT_PORT;
    List<String> bind = new ArrayList<>(List.of("0.0.0.0"));
    Path dir;
    boolean protectedMode;
    String requirepass;
    String logfile = "";
    String pidfile;
    String loglevel = "notice";

    String myid;
    long currentEpoch;
    String announceIp;
    int announcePort;
    boolean resolveHostnames;
    boolean announceHostnames;
    boolean denyScriptsReconfig = true;
    String sentinelUser;
    String sentinelPass;

    final Map<String, MasterSettings> masters = new LinkedHashMap<>();
    /** Every non-sentinel line (port, bind, requirepass, ...), for the server the sentinel runs on. */
    final List<List<String>> serverDirectives = new ArrayList<>();

    /** A line with its position, for error messages. */
    private record Line(int number, String text, List<String> words) {
    }

    /**
     * Reads {@code file} (which must exist) and then the command-line {@code overrides}
     * ({@code --port 26380 --sentinel announce-ip 10.0.0.1 ...}), which act as extra lines.
     */
    static SentinelConfig load(Path file, List<String> overrides) throws ConfigException {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Fatal error, can't open config file '" + file + "': " + e.getMessage());
        }
        List<String> all = new ArrayList<>(text);
        all.addAll(overrideLines(overrides));
        return parse(all);
    }

    /** {@code --a b c --d e} becomes the lines {@code a b c} and {@code d e}, as redis-server does. */
    static List<String> overrideLines(List<String> args) throws ConfigException {
        List<String> lines = new ArrayList<>();
        List<String> current = null;
        for (String arg : args) {
            if (arg.startsWith("--") && arg.length() > 2) {
                if (current != null) {
                    lines.add(ConfigTokenizer.join(current));
                }
                current = new ArrayList<>(List.of(arg.substring(2)));
            } else if (current == null) {
                throw new ConfigException("Invalid argument '" + arg + "': options start with --");
            } else {
                current.add(arg);
            }
        }
        if (current != null) {
            lines.add(ConfigTokenizer.join(current));
        }
        return lines;
    }

    static SentinelConfig parse(List<String> text) throws ConfigException {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            List<String> words;
            try {
                words = ConfigTokenizer.split(text.get(i));
            } catch (ConfigException e) {
                throw atLine(i + 1, text.get(i), e.getMessage());
            }
            if (!words.isEmpty()) {
                lines.add(new Line(i + 1, text.get(i), words));
            }
        }
        SentinelConfig config = new SentinelConfig();
        for (Line l : lines) {
            if (!isSentinel(l, "monitor") && !isPerMaster(l)) {
                config.applyOrFail(l);
            }
        }
        for (Line l : lines) {
            if (isSentinel(l, "monitor")) {
                config.applyOrFail(l);
            }
        }
        for (Line l : lines) {
            if (isPerMaster(l)) {
                config.applyOrFail(l);
            }
        }
        return config;
    }

    private static boolean isSentinel(Line l, String directive) {
        return l.words().size() >= 2 && l.words().get(0).equalsIgnoreCase("sentinel")
                && l.words().get(1).equalsIgnoreCase(directive);
    }

    private static final Set<String> PER_MASTER = Set.of("down-after-milliseconds", "failover-timeout",
            "parallel-syncs", "notification-script", "client-reconfig-script", "auth-pass", "auth-user",
            "config-epoch", "leader-epoch", "known-slave", "known-replica", "known-sentinel", "rename-command",
            "master-reboot-down-after-period");

    private static boolean isPerMaster(Line l) {
        return l.words().size() >= 2 && l.words().get(0).equalsIgnoreCase("sentinel")
                && PER_MASTER.contains(l.words().get(1).toLowerCase(Locale.ROOT));
    }

    private void applyOrFail(Line l) throws ConfigException {
        try {
            apply(l.words());
        } catch (ConfigException e) {
            throw atLine(l.number(), l.text(), e.getMessage());
        }
    }

    private static ConfigException atLine(int number, String text, String message) {
        return new ConfigException("\n*** FATAL CONFIG FILE ERROR (rediha sentinel) ***\n"
                + "Reading the configuration file, at line " + number + "\n>>> '" + text.strip() + "'\n" + message);
    }

    private void apply(List<String> w) throws ConfigException {
        String directive = w.get(0).toLowerCase(Locale.ROOT);
        if (!directive.equals("sentinel")) {
            serverDirectives.add(w);
        }
        switch (directive) {
            case "sentinel" -> applySentinel(w.subList(1, w.size()));
            case "port" -> {
                arity(w, 2);
                port = parsePort(w.get(1), "Invalid port");
            }
            case "bind" -> {
                if (w.size() < 2) {
                    throw wrongArgs();
                }
                bind = new ArrayList<>(w.subList(1, w.size()));
            }
            case "dir" -> {
                arity(w, 2);
                dir = Path.of(w.get(1));
            }
            case "protected-mode" -> {
                arity(w, 2);
                protectedMode = yesNo(w.get(1));
            }
            case "requirepass" -> {
                arity(w, 2);
                requirepass = w.get(1).isEmpty() ? null : w.get(1);
            }
            default -> {
                if (!IGNORED.contains(directive)) {
                    throw new ConfigException("Bad directive or wrong number of arguments");
                }
                if (directive.equals("logfile") && w.size() == 2) {
                    logfile = w.get(1);
                } else if (directive.equals("pidfile") && w.size() == 2) {
                    pidfile = w.get(1);
                } else if (directive.equals("loglevel") && w.size() == 2) {
                    loglevel = w.get(1);
                }
            }
        }
    }

    private void applySentinel(List<String> a) throws ConfigException {
        if (a.isEmpty()) {
            throw unrecognized();
        }
        String d = a.get(0).toLowerCase(Locale.ROOT);
        switch (d) {
            case "monitor" -> {
                arity(a, 5);
                int quorum = parseInt(a.get(4), "Invalid quorum");
                if (quorum <= 0) {
                    throw new ConfigException("Quorum must be 1 or greater.");
                }
                if (masters.containsKey(a.get(1))) {
                    throw new ConfigException("Duplicated master name.");
                }
                String host = a.get(2);
                if (!resolveHostnames && !InstanceAddress.isIpLiteral(host)) {
                    throw new ConfigException("Can't resolve instance hostname.");
                }
                masters.put(a.get(1), new MasterSettings(a.get(1), host, parsePort(a.get(3), "Invalid port"), quorum));
            }
            case "myid" -> {
                arity(a, 2);
                if (!RunId.isValid(a.get(1))) {
                    throw new ConfigException("Malformed Sentinel id in myid option.");
                }
                myid = a.get(1);
            }
            case "current-epoch" -> {
                arity(a, 2);
                currentEpoch = parseLong(a.get(1));
            }
            case "announce-ip" -> {
                arity(a, 2);
                announceIp = a.get(1).isEmpty() ? null : a.get(1);
            }
            case "announce-port" -> {
                arity(a, 2);
                announcePort = parsePort(a.get(1), "Invalid port");
            }
            case "resolve-hostnames" -> {
                arity(a, 2);
                resolveHostnames = yesNo(a.get(1));
            }
            case "announce-hostnames" -> {
                arity(a, 2);
                announceHostnames = yesNo(a.get(1));
            }
            case "deny-scripts-reconfig" -> {
                arity(a, 2);
                denyScriptsReconfig = yesNo(a.get(1));
            }
            case "sentinel-user" -> {
                arity(a, 2);
                sentinelUser = a.get(1).isEmpty() ? null : a.get(1);
            }
            case "sentinel-pass" -> {
                arity(a, 2);
                sentinelPass = a.get(1).isEmpty() ? null : a.get(1);
            }
            default -> applyPerMaster(d, a);
        }
    }

    private void applyPerMaster(String d, List<String> a) throws ConfigException {
        if (!PER_MASTER.contains(d) || a.size() < 3) {
            throw unrecognized();
        }
        MasterSettings m = masters.get(a.get(1));
        if (m == null) {
            throw new ConfigException("No such master with specified name.");
        }
        switch (d) {
            case "down-after-milliseconds" -> {
                arity(a, 3);
                m.downAfterMs = positive(a.get(2));
            }
            case "failover-timeout" -> {
                arity(a, 3);
                m.failoverTimeoutMs = positive(a.get(2));
            }
            case "parallel-syncs" -> {
                arity(a, 3);
                m.parallelSyncs = parseInt(a.get(2), "Invalid parallel-syncs");
            }
            case "notification-script", "client-reconfig-script" -> {
                arity(a, 3);
                if (!Files.isExecutable(Path.of(a.get(2)))) {
                    throw new ConfigException(d.equals("notification-script")
                            ? "Notification script seems non existing or non executable."
                            : "Client reconfiguration script seems non existing or non executable.");
                }
                if (d.equals("notification-script")) {
                    m.notificationScript = a.get(2);
                } else {
                    m.clientReconfigScript = a.get(2);
                }
            }
            case "auth-pass" -> {
                arity(a, 3);
                m.authPass = a.get(2);
            }
            case "auth-user" -> {
                arity(a, 3);
                m.authUser = a.get(2);
            }
            case "master-reboot-down-after-period" -> {
                arity(a, 3);
                long v = parseLong(a.get(2));
                if (v < 0) {
                    throw new ConfigException("negative time parameter.");
                }
                m.masterRebootDownAfterPeriodMs = v;
            }
            case "config-epoch" -> {
                arity(a, 3);
                m.configEpoch = parseLong(a.get(2));
            }
            case "leader-epoch" -> {
                if (a.size() != 3 && a.size() != 4) {
                    throw unrecognized();
                }
                m.leaderEpoch = parseLong(a.get(2));
                m.leader = a.size() == 4 && RunId.isValid(a.get(3)) ? a.get(3) : null;
            }
            case "known-slave", "known-replica" -> {
                arity(a, 4);
                if (!resolveHostnames && !InstanceAddress.isIpLiteral(a.get(2))) {
                    throw new ConfigException("Can't resolve instance hostname.");
                }
                m.knownReplicas.add(new MasterSettings.HostPort(a.get(2), parsePort(a.get(3), "Invalid port")));
            }
            case "known-sentinel" -> {
                // The 4-word form predates runids in the config; Redis ignores it too.
                if (a.size() == 5) {
                    if (!RunId.isValid(a.get(4))) {
                        throw unrecognized();
                    }
                    m.knownSentinels.add(new MasterSettings.KnownSentinel(a.get(2),
                            parsePort(a.get(3), "Invalid port"), a.get(4)));
                } else if (a.size() != 4) {
                    throw unrecognized();
                }
            }
            case "rename-command" -> {
                arity(a, 4);
                m.renamedCommands.put(a.get(2), a.get(3));
            }
            default -> throw unrecognized();
        }
    }

    /** The global {@code sentinel ...} lines, in Redis's order, defaults left out. */
    List<List<String>> globalLines() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("sentinel", "myid", myid));
        if (!denyScriptsReconfig) {
            lines.add(List.of("sentinel", "deny-scripts-reconfig", "no"));
        }
        if (resolveHostnames) {
            lines.add(List.of("sentinel", "resolve-hostnames", "yes"));
        }
        if (announceHostnames) {
            lines.add(List.of("sentinel", "announce-hostnames", "yes"));
        }
        if (announceIp != null) {
            lines.add(List.of("sentinel", "announce-ip", announceIp));
        }
        if (announcePort != 0) {
            lines.add(List.of("sentinel", "announce-port", Integer.toString(announcePort)));
        }
        if (sentinelUser != null) {
            lines.add(List.of("sentinel", "sentinel-user", sentinelUser));
        }
        if (sentinelPass != null) {
            lines.add(List.of("sentinel", "sentinel-pass", sentinelPass));
        }
        return lines;
    }

    /** Every {@code sentinel ...} line that describes this configuration. */
    List<List<String>> sentinelLines() {
        List<List<String>> lines = globalLines();
        for (MasterSettings m : masters.values()) {
            lines.addAll(m.toLines());
        }
        lines.add(List.of("sentinel", "current-epoch", Long.toString(currentEpoch)));
        return lines;
    }

    private static void arity(List<String> w, int n) throws ConfigException {
        if (w.size() != n) {
            throw wrongArgs();
        }
    }

    private static ConfigException wrongArgs() {
        return new ConfigException("wrong number of arguments");
    }

    private static ConfigException unrecognized() {
        return new ConfigException("Unrecognized sentinel configuration statement.");
    }

    static boolean yesNo(String s) throws ConfigException {
        if (s.equalsIgnoreCase("yes")) {
            return true;
        }
        if (s.equalsIgnoreCase("no")) {
            return false;
        }
        throw new ConfigException("argument must be 'yes' or 'no'");
    }

    private static int parsePort(String s, String error) throws ConfigException {
        int p = parseInt(s, error);
        if (p < 0 || p > 65535) {
            throw new ConfigException(error);
        }
        return p;
    }

    private static int parseInt(String s, String error) throws ConfigException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ConfigException(error);
        }
    }

    private static long parseLong(String s) throws ConfigException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ConfigException("Invalid number '" + s + "'");
        }
    }

    private static long positive(String s) throws ConfigException {
        long v = parseLong(s);
        if (v <= 0) {
            throw new ConfigException("negative or zero time parameter.");
        }
        return v;
    }
}
