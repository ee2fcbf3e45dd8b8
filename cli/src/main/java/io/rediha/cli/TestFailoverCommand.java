package io.rediha.cli;

import io.rediha.cli.compose.ComposeException;
import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.Durations;
import io.rediha.cli.drill.CommandTarget;
import io.rediha.cli.drill.Drill;
import io.rediha.cli.drill.DrillException;
import io.rediha.cli.drill.DrillResult;
import io.rediha.cli.drill.DrillSettings;
import io.rediha.cli.drill.DrillTarget;
import io.rediha.cli.drill.HtmlReport;
import io.rediha.cli.drill.JsonReport;
import io.rediha.cli.drill.RuntimeTarget;
import io.rediha.cli.drill.TextReport;
import io.rediha.cli.runtime.ClusterRuntime.Fault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.HostAndPort;

/**
 * {@code rediha test-failover}: breaks the master on purpose, measures the failover and checks that no
 * acknowledged write was lost. The engine lives in {@code io.rediha.cli.drill}; this class turns the
 * command line into {@link DrillSettings} and a {@link DrillTarget}, runs the drill and writes the
 * reports. Exit 0 only when every round recovered (and, with --wait-replicas, lost nothing confirmed).
 */
@Command(name = "test-failover",
        mixinStandardHelpOptions = true,
        header = "Drill a failover: break the master, measure the recovery, verify the data.",
        description = {
                "Writes continuously through a Sentinel-aware client (JedisSentinelPool), breaks",
                "the master, measures how long until a new master takes writes, checks that every",
                "acknowledged write survived, heals the old master and checks it rejoins as a",
                "replica. It always heals what it broke, also on Ctrl-C.",
                ""},
        footer = {"",
                "Drill the cluster of the compose file (docker or local runtime):",
                "  rediha test-failover --rounds 3 --json drill.json --report drill.html",
                "  rediha -f prod.yml test-failover --mode kill --wait-replicas 1",
                "",
                "Drill a deployment rediha did not create:",
                "  rediha test-failover --sentinels 10.0.0.5:26379,10.0.0.6:26379 \\",
                "    --fault-cmd 'ssh $REDIHA_MASTER_HOST sudo systemctl kill -s STOP redis' \\",
                "    --heal-cmd 'ssh $REDIHA_MASTER_HOST sudo systemctl kill -s CONT redis'",
                "The commands find REDIHA_MASTER_HOST, REDIHA_MASTER_PORT, REDIHA_MASTER_PID",
                "(INFO process_id), REDIHA_MASTER_RUN_ID and REDIHA_FAULT in their environment.",
                "",
                "The write gap runs from the last write acknowledged before the fault to the",
                "first one the new master acknowledged, as the writers saw it: with Jedis, a",
                "frozen master costs whole --client-timeout periods.",
                "",
                "Exit codes: 0 every round recovered; 1 the cluster is unhealthy or did not",
                "recover (or, with --wait-replicas, lost a confirmed write); 2 bad usage;",
                "3 the Docker engine cannot be reached."})
public final class TestFailoverCommand extends ClusterCommand {

    @Option(names = "--mode", defaultValue = "pause", paramLabel = "pause|stop|kill|disconnect",
            description = "What to do to the master (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N", description = "Failovers to drill, one after the other (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--writers", defaultValue = "4", paramLabel = "K", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
    int writers;

    @Option(names = "--wait-replicas", defaultValue = "0", paramLabel = "R",
            description = "Follow every write with WAIT R; a write counts as acknowledged only when R replicas confirmed it.")
    int waitReplicas;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "D",
            description = "Bound of every wait in a round: failover, rejoin, convergence, commands (e.g. 30s, 1m30s; default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--write-interval", defaultValue = "1ms", paramLabel = "D",
            description = "Pause of each writer between two writes (default: ${DEFAULT-VALUE}).")
    String writeInterval;

    @Option(names = "--client-timeout", defaultValue = "2s", paramLabel = "D",
            description = "The writers' connect and read timeout, as your application configures its client; "
                    + "WAIT gets half of it (default: ${DEFAULT-VALUE}, Jedis's default).")
    String clientTimeout;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON to FILE ('-' for standard output, instead of the table).")
    String json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write an HTML page with a timeline of the writes around each failover.")
    Path report;

    @Option(names = "--sentinels", split = ",", paramLabel = "HOST:PORT",
            description = "Drill an existing deployment through these sentinels (needs --fault-cmd and --heal-cmd).")
    List<String> sentinels;

    @Option(names = "--fault-cmd", paramLabel = "COMMAND", description = "Shell command that breaks the master (with --sentinels).")
    String faultCommand;

    @Option(names = "--heal-cmd", paramLabel = "COMMAND", description = "Shell command that heals the node the fault command broke (with --sentinels).")
    String healCommand;

    @Option(names = "--master-name", paramLabel = "NAME",
            description = "Name the sentinels monitor the master under (default: the compose file's, else mymaster).")
    String masterName;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "Password of the data nodes (default: the compose file's; prefer --password-file or REDIHA_PASSWORD).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Option(names = "--keep-keys", description = "Keep the drill's keys (rediha-drill:*) instead of removing them after each round.")
    boolean keepKeys;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
    boolean quiet;

    @Override
    protected int execute() {
        PrintWriter out = out();
        PrintWriter err = err();
        boolean external = sentinels != null && !sentinels.isEmpty();
        ComposeProject project = external ? null : readProject();
        DrillSettings settings = settings(project);
        DrillResult result;
        try (DrillTarget target = external ? commandTarget(settings) : runtimeTarget(project, settings)) {
            result = new Drill(settings, target, quiet ? null : err, err).run();
        } catch (DrillException e) {
            throw new CliException(e.getMessage(), e.hint(), ExitCodes.UNHEALTHY, e);
        }
        int exit = result.passed() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
        if ("-".equals(json)) {
            out.print(JsonReport.render(result, exit));
            out.flush();
        } else {
            TextReport.print(result, out);
        }
        if (json != null && !"-".equals(json)) {
            write(Path.of(json), JsonReport.render(result, exit), err);
        }
        if (report != null) {
            write(report, HtmlReport.render(result), err);
        }
        return exit;
    }

    private DrillSettings settings(ComposeProject project) {
        String name = masterName != null ? masterName : project != null ? project.masterName() : "mymaster";
        String pw = resolvePassword();
        if (pw == null && project != null) {
            pw = project.password();
        }
        try {
            return new DrillSettings(fault(), rounds, writers, waitReplicas, duration("--timeout", timeout),
                    duration("--write-interval", writeInterval), duration("--client-timeout", clientTimeout), name, pw,
                    keepKeys);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The cluster of the compose file, through the runtime it runs on (-f, -p, --runtime before the command). */
    private DrillTarget runtimeTarget(ComposeProject project, DrillSettings settings) {
        if (faultCommand != null || healCommand != null) {
            throw usage("--fault-cmd and --heal-cmd need --sentinels");
        }
        return new RuntimeTarget(openRuntime(project), settings.password());
    }

    private DrillTarget commandTarget(DrillSettings settings) {
        List<HostAndPort> addresses = new ArrayList<>();
        for (String s : sentinels) {
            addresses.add(hostAndPort(s));
        }
        try {
            return new CommandTarget(addresses, faultCommand, healCommand, settings.timeout());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Fault fault() {
        try {
            return Fault.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be pause, stop, kill or disconnect, got '" + mode + "'");
        }
    }

    private String resolvePassword() {
        if (password != null) {
            return password;
        }
        if (passwordFile != null) {
            try {
                List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new IllegalArgumentException("--password-file " + passwordFile + " is empty");
                }
                return lines.get(0);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --password-file " + passwordFile + ": " + e.getMessage());
            }
        }
        String env = System.getenv("REDIHA_PASSWORD");
        return env == null || env.isEmpty() ? null : env;
    }

    private HostAndPort hostAndPort(String s) {
        String t = s.trim();
        int colon = t.lastIndexOf(':');
        try {
            if (colon <= 0 || colon == t.length() - 1) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(t.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostAndPort(t.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw usage("--sentinels wants HOST:PORT entries, got '" + s + "'");
        }
    }

    /** A duration as Compose writes them (500ms, 30s, 1m30s). */
    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(option, text);
        } catch (ComposeException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static CliException usage(String message) {
        return new CliException(message, "Run 'rediha test-failover --help' for the options.", ExitCodes.USAGE);
    }

    private static void write(Path file, String content, PrintWriter err) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Error: cannot write " + file + ": " + e.getMessage());
            err.flush();
        }
    }

}
