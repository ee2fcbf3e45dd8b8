package io.rediha.node.sentinel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code SENTINEL} command family, plus the sentinel's {@code PUBLISH} (hello messages only)
 * and {@code ROLE}. Every method runs on the sentinel thread and returns a reply value; errors and
 * records are Redis Sentinel 7.0's, since redis-cli users and client libraries read them.
 */
final class SentinelCommand {
    private final Sentinel s;

    SentinelCommand(Sentinel s) {
        this.s = s;
    }

    /** Arity of each subcommand, Redis's convention: negative means "at least". */
    private static final Map<String, Integer> ARITY = Map.ofEntries(
            Map.entry("ckquorum", 3), Map.entry("config", -3), Map.entry("debug", -2), Map.entry("failover", 3),
            Map.entry("flushconfig", 2), Map.entry("get-master-addr-by-name", 3), Map.entry("help", 2),
            Map.entry("info-cache", -3), Map.entry("is-master-down-by-addr", 6), Map.entry("master", 3),
            Map.entry("masters", 2), Map.entry("monitor", 6), Map.entry("myid", 2), Map.entry("pending-scripts", 2),
            Map.entry("remove", 3), Map.entry("replicas", 3), Map.entry("reset", 3), Map.entry("sentinels", 3),
            Map.entry("set", -5), Map.entry("simulate-failure", -3), Map.entry("slaves", 3));

    /** {@code args[0]} is "SENTINEL". */
    SentinelReply execute(List<String> args) {
        if (args.size() < 2) {
            return SentinelReply.error("ERR wrong number of arguments for 'sentinel' command");
        }
        String sub = args.get(1).toLowerCase(Locale.ROOT);
        Integer arity = ARITY.get(sub);
        if (arity == null) {
            return SentinelReply.error("ERR unknown subcommand '" + args.get(1) + "'. Try SENTINEL HELP.");
        }
        if ((arity > 0 && args.size() != arity) || (arity < 0 && args.size() < -arity)) {
            return SentinelReply.error("ERR wrong number of arguments for 'sentinel|" + sub + "' command");
        }
        return switch (sub) {
            case "masters" -> masters();
            case "master" -> withMaster(args.get(2), m -> InstanceRecords.of(s, m));
            case "slaves", "replicas" -> withMaster(args.get(2), this::replicas);
            case "sentinels" -> withMaster(args.get(2), this::sentinels);
            case "get-master-addr-by-name" -> masterAddress(args.get(2));
            case "is-master-down-by-addr" -> isMasterDownByAddr(args);
            case "reset" -> new SentinelReply.Int(reset(args.get(2)));
            case "failover" -> withMaster(args.get(2), this::failover);
            case "ckquorum" -> withMaster(args.get(2), this::ckquorum);
            case "monitor" -> monitor(args);
            case "remove" -> withMaster(args.get(2), this::remove);
            case "set" -> withMaster(args.get(2), m -> set(m, args));
            case "config" -> config(args);
            case "myid" -> SentinelReply.bulk(s.myId);
            case "flushconfig" -> flushConfig();
            case "info-cache" -> infoCache(args);
            case "pending-scripts" -> pendingScripts();
            case "simulate-failure" -> simulateFailure(args);
            case "debug" -> debug(args);
            case "help" -> help();
            default -> SentinelReply.error("ERR unknown subcommand '" + args.get(1) + "'. Try SENTINEL HELP.");
        };
    }

    private SentinelReply withMaster(String name, java.util.function.Function<MonitoredMaster, SentinelReply> f) {
        MonitoredMaster m = s.masters.get(name);
        if (m == null) {
            return SentinelReply.error("ERR No such master with that name");
        }
        return f.apply(m);
    }

    private SentinelReply masters() {
        List<SentinelReply> items = new ArrayList<>();
        for (MonitoredMaster m : s.masters.values()) {
            items.add(InstanceRecords.of(s, m));
        }
        return new SentinelReply.ArrayOf(items);
    }

    private SentinelReply replicas(MonitoredMaster m) {
        List<SentinelReply> items = new ArrayList<>();
        for (MonitoredReplica r : m.replicas.values()) {
            if (r.announced) {
                items.add(InstanceRecords.of(s, r));
            }
        }
        return new SentinelReply.ArrayOf(items);
    }

    private SentinelReply sentinels(MonitoredMaster m) {
        List<SentinelReply> items = new ArrayList<>();
        for (PeerSentinel p : m.sentinels.values()) {
            items.add(InstanceRecords.of(s, p));
        }
        return new SentinelReply.ArrayOf(items);
    }

    private SentinelReply masterAddress(String name) {
        MonitoredMaster m = s.masters.get(name);
        if (m == null) {
            return new SentinelReply.NullArray();
        }
        InstanceAddress a = m.currentAddress();
        return new SentinelReply.ArrayOf(List.of(SentinelReply.bulk(a.announced(s.announceHostnames[0])),
                SentinelReply.bulk(a.port())));
    }

    private SentinelReply isMasterDownByAddr(List<String> args) {
        long port;
        long epoch;
        try {
            port = Long.parseLong(args.get(3));
            epoch = Long.parseLong(args.get(4));
        } catch (NumberFormatException e) {
            return SentinelReply.error("ERR value is not an integer or out of range");
        }
        String runId = args.get(5);
        MonitoredMaster m = null;
        for (MonitoredMaster candidate : s.masters.values()) {
            if (candidate.address.sameAs(args.get(2), (int) port)) {
                m = candidate;
                break;
            }
        }
        boolean down = m != null && !s.tilt.inTilt() && m.is(InstanceFlag.S_DOWN);
        String leader = null;
        long leaderEpoch = 0;
        if (m != null && !"*".equals(runId)) {
            LeaderVote.Outcome o = s.agreement.vote(m, epoch, runId);
            leader = o.leader();
            leaderEpoch = o.leaderEpoch();
        }
        return new SentinelReply.ArrayOf(List.of(new SentinelReply.Int(down ? 1 : 0),
                SentinelReply.bulk(leader == null ? "*" : leader), new SentinelReply.Int(leaderEpoch)));
    }

    int reset(String pattern) {
        int count = 0;
        for (MonitoredMaster m : new ArrayList<>(s.masters.values())) {
            if (Glob.matches(pattern, m.name())) {
                s.resetMaster(m, false);
                s.events.emit(SentinelLog.Level.WARNING, "+reset-master", m, "");
                count++;
            }
        }
        if (count > 0) {
            s.flushConfig();
        }
        return count;
    }

    private SentinelReply failover(MonitoredMaster m) {
        if (m.failoverInProgress()) {
            return SentinelReply.error("INPROG Failover already in progress");
        }
        if (ReplicaSelector.select(m, s.clock.now(), s.timing).replica() == null) {
            return SentinelReply.error("NOGOODSLAVE No suitable replica to promote");
        }
        s.log.warning("Executing user requested FAILOVER of '" + m.name() + "'");
        s.agreement.startFailover(m, true);
        s.failover.step(m);
        return SentinelReply.OK;
    }

    private SentinelReply ckquorum(MonitoredMaster m) {
        int usable = 1;
        for (PeerSentinel p : m.sentinels.values()) {
            if (!p.is(InstanceFlag.S_DOWN) && !p.is(InstanceFlag.O_DOWN)) {
                usable++;
            }
        }
        int voters = m.sentinels.size() + 1;
        List<String> problems = new ArrayList<>();
        if (usable < m.quorum) {
            problems.add("Not enough available Sentinels to reach the specified quorum for this master");
        }
        if (usable < voters / 2 + 1) {
            problems.add("Not enough available Sentinels to reach the majority and authorize a failover");
        }
        if (problems.isEmpty()) {
            return new SentinelReply.Simple("OK " + usable + " usable Sentinels. Quorum and failover authorization can be reached");
        }
        return SentinelReply.error("NOQUORUM " + usable + " usable Sentinels. " + String.join(". ", problems));
    }

    private SentinelReply monitor(List<String> args) {
        String name = args.get(2);
        String host = args.get(3);
        int quorum;
        int port;
        try {
            quorum = Integer.parseInt(args.get(5));
        } catch (NumberFormatException e) {
            return SentinelReply.error("ERR Invalid quorum");
        }
        try {
            port = Integer.parseInt(args.get(4));
        } catch (NumberFormatException e) {
            return SentinelReply.error("ERR Invalid port");
        }
        if (quorum <= 0) {
            return SentinelReply.error("ERR Quorum must be 1 or greater.");
        }
        if (!s.config.resolveHostnames && !InstanceAddress.isIpLiteral(host)) {
            return SentinelReply.error("ERR Invalid IP address or hostname specified");
        }
        if (port < 0 || port > 65535) {
            return SentinelReply.error("ERR Invalid port number.");
        }
        if (s.masters.containsKey(name)) {
            return SentinelReply.error("ERR Duplicate master name.");
        }
        MasterSettings settings = new MasterSettings(name, host, port, quorum);
        settings.downAfterMs = s.timing.defaultDownAfter;
        settings.failoverTimeoutMs = s.timing.defaultFailoverTimeout;
        MonitoredMaster m;
        try {
            m = s.createMaster(settings);
        } catch (IllegalArgumentException e) {
            return SentinelReply.error("ERR " + e.getMessage());
        }
        s.flushConfig();
        s.events.emit(SentinelLog.Level.WARNING, "+monitor", m, "quorum " + m.quorum);
        return SentinelReply.OK;
    }

    private SentinelReply remove(MonitoredMaster m) {
        s.events.emit(SentinelLog.Level.WARNING, "-monitor", m, "");
        s.resetMaster(m, false);
        s.releaseInstance(m);
        s.masters.remove(m.name());
        s.flushConfig();
        return SentinelReply.OK;
    }

    private SentinelReply set(MonitoredMaster m, List<String> args) {
        int changes = 0;
        SentinelReply result = SentinelReply.OK;
        for (int j = 3; j < args.size(); j++) {
            String option = args.get(j).toLowerCase(Locale.ROOT);
            int more = args.size() - 1 - j;
            String value = more > 0 ? args.get(j + 1) : null;
            String shown = value;
            SentinelReply bad = SentinelReply.error("ERR Invalid argument '" + value + "' for SENTINEL SET '" + args.get(j) + "'");
            switch (more > 0 ? option : "") {
                case "down-after-milliseconds" -> {
                    Long v = positive(value);
                    if (v == null) {
                        result = bad;
                        break;
                    }
                    m.downAfterMs = v;
                    for (MonitoredReplica r : m.replicas.values()) {
                        r.downAfterMs = v;
                    }
                    for (PeerSentinel p : m.sentinels.values()) {
                        p.downAfterMs = v;
                    }
                }
                case "failover-timeout" -> {
                    Long v = positive(value);
                    if (v == null) {
                        result = bad;
                        break;
                    }
                    m.failoverTimeoutMs = v;
                }
                case "parallel-syncs" -> {
                    Long v = positive(value);
                    if (v == null) {
                        result = bad;
                        break;
                    }
                    m.parallelSyncs = v.intValue();
                }
                case "quorum" -> {
                    Long v = positive(value);
                    if (v == null) {
                        result = bad;
                        break;
                    }
                    m.quorum = v.intValue();
                }
                case "notification-script", "client-reconfig-script" -> {
                    if (s.config.denyScriptsReconfig) {
                        result = SentinelReply.error("ERR Reconfiguration of scripts path is denied for security reasons. "
                                + "Check the deny-scripts-reconfig configuration directive in your Sentinel configuration");
                        break;
                    }
                    if (!value.isEmpty() && !Files.isExecutable(Path.of(value))) {
                        result = SentinelReply.error(option.equals("notification-script")
                                ? "ERR Notification script seems non existing or non executable"
                                : "ERR Client reconfiguration script seems non existing or non executable");
                        break;
                    }
                    if (option.equals("notification-script")) {
                        m.notificationScript = value.isEmpty() ? null : value;
                    } else {
                        m.clientReconfigScript = value.isEmpty() ? null : value;
                    }
                }
                case "auth-pass" -> {
                    m.authPass = value.isEmpty() ? null : value;
                    shown = "******";
                    dropDataLinks(m);
                }
                case "auth-user" -> {
                    m.authUser = value.isEmpty() ? null : value;
                    dropDataLinks(m);
                }
                case "master-reboot-down-after-period" -> {
                    Long v;
                    try {
                        v = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        v = null;
                    }
                    if (v == null || v < 0) {
                        result = bad;
                        break;
                    }
                    m.rebootDownAfterPeriodMs = v;
                }
                case "rename-command" -> {
                    if (more < 2) {
                        result = unknownSetOption(args.get(j));
                        break;
                    }
                    String newName = args.get(j + 2);
                    m.renamedCommands.entrySet().removeIf(e -> e.getKey().equalsIgnoreCase(value));
                    if (!value.equalsIgnoreCase(newName)) {
                        m.renamedCommands.put(value, newName);
                    }
                    shown = value + " " + newName;
                    dropDataLinks(m);
                    j++;
                }
                default -> result = unknownSetOption(args.get(j));
            }
            if (result != SentinelReply.OK) {
                break;
            }
            changes++;
            s.events.emit(SentinelLog.Level.NOTICE, "+set", m, option + " " + shown);
            j++;
        }
        if (changes > 0) {
            s.flushConfig();
        }
        return result;
    }

    private static SentinelReply unknownSetOption(String option) {
        return SentinelReply.error("ERR Unknown option or number of arguments for SENTINEL SET '" + option + "'");
    }

    private void dropDataLinks(MonitoredMaster m) {
        m.link.closeConnections();
        for (MonitoredReplica r : m.replicas.values()) {
            if (r.link != null) {
                r.link.closeConnections();
            }
        }
    }

    private static Long positive(String v) {
        try {
            long n = Long.parseLong(v);
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final List<String> GLOBAL_OPTIONS = List.of("resolve-hostnames", "announce-hostnames",
            "announce-ip", "announce-port", "sentinel-user", "sentinel-pass");

    private SentinelReply config(List<String> args) {
        String op = args.get(2).toLowerCase(Locale.ROOT);
        if (op.equals("get") && args.size() == 4) {
            List<SentinelReply> kv = new ArrayList<>();
            for (String name : GLOBAL_OPTIONS) {
                if (Glob.matches(args.get(3).toLowerCase(Locale.ROOT), name)) {
                    kv.add(SentinelReply.bulk(name));
                    kv.add(SentinelReply.bulk(globalOption(name)));
                }
            }
            return new SentinelReply.MapOf(kv);
        }
        if (op.equals("set") && args.size() == 5) {
            String name = args.get(3).toLowerCase(Locale.ROOT);
            String value = args.get(4);
            SentinelReply bad = SentinelReply.error("ERR Invalid value '" + value + "' to SENTINEL CONFIG SET '" + args.get(3) + "'");
            switch (name) {
                case "resolve-hostnames", "announce-hostnames" -> {
                    boolean b;
                    try {
                        b = SentinelConfig.yesNo(value);
                    } catch (ConfigException e) {
                        return bad;
                    }
                    if (name.equals("resolve-hostnames")) {
                        s.config.resolveHostnames = b;
                    } else {
                        s.config.announceHostnames = b;
                        s.announceHostnames[0] = b;
                    }
                }
                case "announce-ip" -> s.config.announceIp = value.isEmpty() ? null : value;
                case "announce-port" -> {
                    try {
                        int p = Integer.parseInt(value);
                        if (p < 0 || p > 65535) {
                            return bad;
                        }
                        s.config.announcePort = p;
                    } catch (NumberFormatException e) {
                        return bad;
                    }
                }
                case "sentinel-user" -> s.config.sentinelUser = value.isEmpty() ? null : value;
                case "sentinel-pass" -> s.config.sentinelPass = value.isEmpty() ? null : value;
                default -> {
                    return SentinelReply.error("ERR Invalid argument '" + args.get(3) + "' to SENTINEL CONFIG SET");
                }
            }
            s.flushConfig();
            return SentinelReply.OK;
        }
        return SentinelReply.error("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.");
    }

    private String globalOption(String name) {
        SentinelConfig c = s.config;
        return switch (name) {
            case "resolve-hostnames" -> c.resolveHostnames ? "yes" : "no";
            case "announce-hostnames" -> c.announceHostnames ? "yes" : "no";
            case "announce-ip" -> c.announceIp == null ? "" : c.announceIp;
            case "announce-port" -> Integer.toString(c.announcePort);
            case "sentinel-user" -> c.sentinelUser == null ? "" : c.sentinelUser;
            case "sentinel-pass" -> c.sentinelPass == null ? "" : c.sentinelPass;
            default -> "";
        };
    }

    private SentinelReply flushConfig() {
        try {
            s.flushConfigOrThrow();
            return SentinelReply.OK;
        } catch (java.io.IOException e) {
            s.log.warning("Failed to save config file: " + e.getMessage());
            return SentinelReply.error("ERR Failed to save config file. Check server logs.");
        }
    }

    private SentinelReply infoCache(List<String> args) {
        long now = s.clock.now();
        List<SentinelReply> out = new ArrayList<>();
        List<String> wanted = args.subList(2, args.size());
        for (MonitoredMaster m : s.masters.values()) {
            if (!wanted.isEmpty() && !wanted.contains(m.name())) {
                continue;
            }
            List<SentinelReply> infos = new ArrayList<>();
            infos.add(cached(m, now));
            for (MonitoredReplica r : m.replicas.values()) {
                infos.add(cached(r, now));
            }
            out.add(SentinelReply.bulk(m.name()));
            out.add(new SentinelReply.ArrayOf(infos));
        }
        return new SentinelReply.ArrayOf(out);
    }

    private static SentinelReply cached(Instance ri, long now) {
        return new SentinelReply.ArrayOf(List.of(new SentinelReply.Int(ri.infoRefresh == 0 ? 0 : now - ri.infoRefresh),
                ri.cachedInfo == null ? SentinelReply.bulk(null) : new SentinelReply.Verbatim(ri.cachedInfo)));
    }

    private SentinelReply pendingScripts() {
        long now = s.clock.now();
        List<SentinelReply> out = new ArrayList<>();
        for (ScriptRunner.Job j : s.scripts.jobs()) {
            List<SentinelReply> kv = new ArrayList<>();
            kv.add(SentinelReply.bulk("argv"));
            kv.add(new SentinelReply.ArrayOf(j.argv.stream().map(SentinelReply::bulk).toList()));
            kv.add(SentinelReply.bulk("flags"));
            kv.add(SentinelReply.bulk(j.running() ? "running" : "scheduled"));
            kv.add(SentinelReply.bulk("pid"));
            kv.add(SentinelReply.bulk(j.running() ? j.process.pid() : 0));
            if (j.running()) {
                kv.add(SentinelReply.bulk("run-time"));
                kv.add(SentinelReply.bulk(now - j.startedAt));
            } else {
                kv.add(SentinelReply.bulk("run-delay"));
                kv.add(SentinelReply.bulk(Math.max(0, j.startAt - now)));
            }
            kv.add(SentinelReply.bulk("retry-num"));
            kv.add(SentinelReply.bulk(j.retryNum));
            out.add(new SentinelReply.MapOf(kv));
        }
        return new SentinelReply.ArrayOf(out);
    }

    private SentinelReply simulateFailure(List<String> args) {
        int flags = 0;
        for (int j = 2; j < args.size(); j++) {
            switch (args.get(j).toLowerCase(Locale.ROOT)) {
                case "crash-after-election" -> flags |= Sentinel.SIMFAILURE_CRASH_AFTER_ELECTION;
                case "crash-after-promotion" -> flags |= Sentinel.SIMFAILURE_CRASH_AFTER_PROMOTION;
                case "help" -> {
                    return new SentinelReply.ArrayOf(List.of(new SentinelReply.Simple("crash-after-election"),
                            new SentinelReply.Simple("crash-after-promotion")));
                }
                default -> {
                    return SentinelReply.error("ERR Unknown failure simulation specified");
                }
            }
        }
        s.simulateFailureFlags = flags;
        s.log.warning("Simulated failure flags set to " + flags);
        return SentinelReply.OK;
    }

    private SentinelReply debug(List<String> args) {
        if (args.size() == 2) {
            List<SentinelReply> kv = new ArrayList<>();
            s.timing.asMap(s.tilt).forEach((k, v) -> {
                kv.add(SentinelReply.bulk(k));
                kv.add(SentinelReply.bulk(v));
            });
            return new SentinelReply.MapOf(kv);
        }
        for (int j = 2; j < args.size(); j += 2) {
            if (j + 1 >= args.size() || !s.timing.asMap(s.tilt).containsKey(args.get(j).toUpperCase(Locale.ROOT))) {
                return SentinelReply.error("ERR Unknown option or number of arguments for SENTINEL DEBUG '" + args.get(j) + "'");
            }
            Long v = positive(args.get(j + 1));
            if (v == null) {
                return SentinelReply.error("ERR Invalid argument '" + args.get(j + 1) + "' for SENTINEL DEBUG '" + args.get(j) + "'");
            }
            s.timing.set(args.get(j), v, s.tilt);
        }
        return SentinelReply.OK;
    }

    private static final List<String> HELP = List.of(
            "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CKQUORUM <master-name>",
            "    Check if the current Sentinel configuration is able to reach the quorum",
            "    needed to failover a master and the majority needed to authorize the",
            "    failover.",
            "CONFIG SET <param> <value>",
            "    Set a global Sentinel configuration parameter.",
            "CONFIG GET <param>",
            "    Get global Sentinel configuration parameter.",
            "DEBUG [<param> <value> ...]",
            "    Show a list of configurable time parameters and their values (milliseconds).",
            "    Or update current configurable parameters values (one or more).",
            "GET-MASTER-ADDR-BY-NAME <master-name>",
            "    Return the ip and port number of the master with that name.",
            "FAILOVER <master-name>",
            "    Manually failover a master node without asking for agreement from other",
            "    Sentinels",
            "FLUSHCONFIG",
            "    Force Sentinel to rewrite its configuration on disk, including the current",
            "    Sentinel state.",
            "INFO-CACHE <master-name>",
            "    Return last cached INFO output from masters and all its replicas.",
            "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
            "    Check if the master specified by ip:port is down from current Sentinel's",
            "    point of view.",
            "MASTER <master-name>",
            "    Show the state and info of the specified master.",
            "MASTERS",
            "    Show a list of monitored masters and their state.",
            "MONITOR <name> <ip> <port> <quorum>",
            "    Start monitoring a new master with the specified name, ip, port and quorum.",
            "MYID",
            "    Return the ID of the Sentinel instance.",
            "PENDING-SCRIPTS",
            "    Get pending scripts information.",
            "REMOVE <master-name>",
            "    Remove master from Sentinel's monitor list.",
            "REPLICAS <master-name>",
            "    Show a list of replicas for this master and their state.",
            "RESET <pattern>",
            "    Reset masters for specific master name matching this pattern.",
            "SENTINELS <master-name>",
            "    Show a list of Sentinel instances for this master and their state.",
            "SET <master-name> <option> <value> [<option> <value> ...]",
            "    Set configuration parameters for certain masters.",
            "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
            "    Simulate a Sentinel crash.",
            "HELP",
            "    Prints this help.");

    private SentinelReply help() {
        return new SentinelReply.ArrayOf(HELP.stream().<SentinelReply>map(SentinelReply.Simple::new).toList());
    }

    // ---------------------------------------------------------------- PUBLISH, ROLE, INFO

    /** Sentinel's PUBLISH: only hello messages, which it processes itself. */
    SentinelReply publish(String channel, String message) {
        if (!HelloMessage.CHANNEL.equals(channel)) {
            return SentinelReply.error("ERR Only HELLO messages are accepted by Sentinel instances.");
        }
        s.hello.process(message);
        return new SentinelReply.Int(1);
    }

    SentinelReply role() {
        List<SentinelReply> names = new ArrayList<>();
        for (String n : s.masters.keySet()) {
            names.add(SentinelReply.bulk(n));
        }
        return new SentinelReply.ArrayOf(List.of(SentinelReply.bulk("sentinel"), new SentinelReply.ArrayOf(names)));
    }

    /** The {@code # Sentinel} INFO section, without its header line. */
    String infoSection() {
        StringBuilder sb = new StringBuilder();
        long now = s.clock.now();
        sb.append("sentinel_masters:").append(s.masters.size()).append("\r\n");
        sb.append("sentinel_tilt:").append(s.tilt.inTilt() ? 1 : 0).append("\r\n");
        sb.append("sentinel_tilt_since_seconds:").append(s.tilt.inTilt() ? (now - s.tilt.tiltSince()) / 1000 : -1).append("\r\n");
        sb.append("sentinel_running_scripts:").append(s.scripts.running()).append("\r\n");
        sb.append("sentinel_scripts_queue_length:").append(s.scripts.queueLength()).append("\r\n");
        sb.append("sentinel_simulate_failure_flags:").append(s.simulateFailureFlags).append("\r\n");
        int i = 0;
        boolean hn = s.announceHostnames[0];
        for (MonitoredMaster m : s.masters.values()) {
            String status = m.is(InstanceFlag.O_DOWN) ? "odown" : m.is(InstanceFlag.S_DOWN) ? "sdown" : "ok";
            sb.append("master").append(i++).append(":name=").append(m.name()).append(",status=").append(status)
                    .append(",address=").append(m.address.announced(hn)).append(':').append(m.address.port())
                    .append(",slaves=").append(m.replicas.size()).append(",sentinels=").append(m.sentinels.size() + 1)
                    .append("\r\n");
        }
        return sb.toString();
    }
}
