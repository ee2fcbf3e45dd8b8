package io.rediha.cli;

import io.rediha.cli.generate.ClusterSpec;
import io.rediha.cli.generate.ComposeGenerator;
import io.rediha.cli.generate.EnvFile;
import io.rediha.cli.generate.GenerateException;
import io.rediha.cli.generate.NetworkMode;
import io.rediha.cli.generate.SpecCheck;
import io.rediha.cli.generate.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rediha generate}: writes the compose file for a target and the password to {@code .env}.
 * The work is in {@link io.rediha.cli.generate}; this class maps options to a {@link ClusterSpec},
 * reports refusals and warnings, and writes the files.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        header = "Write a compose file for a master, its replicas and sentinels.",
        description = {
                "Renders templates/<target>.yml (built in; --templates DIR overrides it) into a compose"
                        + " file. The password is never in that file: it refers to $${REDIHA_PASSWORD}, and a"
                        + " random password goes to .env next to it (mode 600; an existing one is kept).",
                "",
                "Targets:",
                "  compose        one Docker host, bridge network, services master/slave/sentinel",
                "  host           one host, host networking, a service and port per node",
                "  swarm          docker stack deploy: placement constraints, dnsrr endpoints",
                "  swarm-classic  docker-compose on classic Swarm: affinity:service!=... entries",
                "  rancher        Rancher 1.x: io.rancher.scheduler.affinity labels",
                "",
                "Impossible settings (0 sentinels, a quorum above the sentinel count, colliding"
                        + " ports) are refused with exit code 2 and nothing is written; weak ones (an even"
                        + " sentinel count, no replica, quorum 1) are written with a warning.",
                ""},
        footer = {"",
                "Examples:",
                "  rediha generate",
                "      compose target: docker-compose.yml and .env here",
                "  rediha generate --replicas 3 --sentinels 5",
                "      quorum 3, the majority of 5",
                "  rediha generate --target host",
                "      master 16379, slaves 16380 16382, sentinels 16381 16383 16385",
                "  rediha generate --target swarm -o stack.yml",
                "      then: set -a; . ./.env; set +a; docker stack deploy -c stack.yml rediha",
                "  rediha generate --target rancher -o -",
                "      print the file instead (.env is still written)",
                "  rediha generate --templates my-templates/",
                "      render my-templates/compose.yml instead of the built-in template"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the file was written (warnings, if any, on stderr)",
                "2:a setting was refused or a file could not be written; nothing was generated"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "TARGET", converter = Target.Converter.class,
            completionCandidates = Target.Ids.class, defaultValue = "compose",
            description = "Where the file runs: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Target target;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "" + ClusterSpec.DEFAULT_REPLICAS,
            description = "Number of replicas (service slave) (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--sentinels", paramLabel = "M", defaultValue = "" + ClusterSpec.DEFAULT_SENTINELS,
            description = "Number of sentinels; use an odd number (default: ${DEFAULT-VALUE}).")
    int sentinels;

    @Option(names = "--quorum", paramLabel = "Q",
            description = "Sentinels that must agree the master is down (default: the majority of M, 2 of 3).")
    Integer quorum;

    @Option(names = "--master-name", paramLabel = "NAME", defaultValue = ClusterSpec.DEFAULT_MASTER_NAME,
            description = "The name sentinels and clients know the master by (default: ${DEFAULT-VALUE}).")
    String masterName;

    @Option(names = "--down-after", paramLabel = "MS", defaultValue = "" + ClusterSpec.DEFAULT_DOWN_AFTER_MILLIS,
            description = "Sentinel down-after-milliseconds: silence before a node counts as down"
                    + " (default: ${DEFAULT-VALUE}; Redis's own default is 30000).")
    long downAfterMillis;

    @Option(names = "--failover-timeout", paramLabel = "MS",
            defaultValue = "" + ClusterSpec.DEFAULT_FAILOVER_TIMEOUT_MILLIS,
            description = "Sentinel failover-timeout (default: ${DEFAULT-VALUE}; Redis's own default is 180000).")
    long failoverTimeoutMillis;

    @Option(names = "--parallel-syncs", paramLabel = "N", defaultValue = "" + ClusterSpec.DEFAULT_PARALLEL_SYNCS,
            description = "Replicas that resync with a new master at the same time (default: ${DEFAULT-VALUE}).")
    int parallelSyncs;

    @Option(names = "--network", paramLabel = "MODE", converter = NetworkMode.Converter.class,
            completionCandidates = NetworkMode.Ids.class,
            description = "bridge (a container network with service names) or host (the host's network; with the"
                    + " compose target this is the host target) (default: host for --target host, else bridge).")
    NetworkMode network;

    @Option(names = "--master-port", paramLabel = "PORT",
            description = "The master's port (default: 6379 on a bridge network, 16379 with host networking).")
    Integer masterPort;

    @Option(names = {"--replica-port", "--slave-port"}, paramLabel = "PORT",
            description = "The replicas' port (default: 6379); with host networking the first replica's port, the"
                    + " next ones step by 2 (default: 16380, 16382, ...).")
    Integer replicaPort;

    @Option(names = "--sentinel-port", paramLabel = "PORT",
            description = "The sentinels' port (default: 26379); with host networking the first sentinel's port,"
                    + " the next ones step by 2 (default: 16381, 16383, ...).")
    Integer sentinelPort;

    @Option(names = "--announce-ip", paramLabel = "ADDR", defaultValue = ClusterSpec.DEFAULT_ANNOUNCE_IP,
            description = "Host networking only: the address nodes reach each other at and give to clients"
                    + " (default: ${DEFAULT-VALUE}, for clients on the same machine).")
    String announceIp;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = ClusterSpec.DEFAULT_IMAGE,
            description = "The node image (default: ${DEFAULT-VALUE}; build it with rediha build).")
    String image;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "docker-compose.yml",
            description = "Where to write the file; - prints it (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Where the password goes (default: .env next to the output; ./.env with -o -).")
    Path envFile;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Render DIR/<target>.yml instead of the built-in template (syntax: templates/README.md).")
    Path templatesDir;

    @Option(names = "--force", description = "Overwrite the output file if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ClusterSpec cluster = toClusterSpec();
        SpecCheck.Findings findings = SpecCheck.check(cluster);
        findings.warnings().forEach(w -> err.println("Warning: " + w));
        if (findings.refused()) {
            findings.refusals().forEach(r -> err.println("Error: " + r));
            err.println("Nothing was written. See 'rediha generate --help'.");
            err.flush();
            return ExitCodes.USAGE;
        }
        boolean toStdout = "-".equals(output);
        Path outputPath = toStdout ? null : Path.of(output);
        if (outputPath != null && Files.exists(outputPath) && !force) {
            err.println("Error: " + outputPath + " already exists.");
            err.println("Pass --force to overwrite it, or -o FILE to write elsewhere. Nothing was written.");
            err.flush();
            return ExitCodes.USAGE;
        }
        String fileName = toStdout ? "docker-compose.yml" : outputPath.getFileName().toString();
        try {
            String text = ComposeGenerator.render(cluster, templatesDir, fileName);
            Path env = envFile != null ? envFile : toStdout ? Path.of(".env") : siblingOf(outputPath, ".env");
            EnvFile.Outcome password = EnvFile.ensurePassword(env);
            PrintWriter report = toStdout ? err : spec.commandLine().getOut();
            if (toStdout) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(text);
                out.flush();
            } else {
                Files.writeString(outputPath, text, StandardCharsets.UTF_8);
                report.println("Wrote " + outputPath + ": " + summary(cluster) + ".");
            }
            report.println(passwordLine(password, env));
            report.println("Next: " + nextStep(cluster.target(), toStdout ? "FILE" : output));
            report.flush();
            return ExitCodes.OK;
        } catch (GenerateException e) {
            err.println("Error: " + e.getMessage());
            err.println("Nothing was written.");
            err.flush();
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("Error: cannot write " + e.getMessage() + ".");
            err.println("Check that the directory exists and is writable, or choose another with -o.");
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** Applies the network-dependent defaults; {@code --target compose --network host} is the host target. */
    ClusterSpec toClusterSpec() {
        NetworkMode net = network != null ? network : ClusterSpec.defaultNetwork(target);
        Target effective = target == Target.COMPOSE && net == NetworkMode.HOST ? Target.HOST : target;
        return new ClusterSpec(effective, net, replicas, sentinels,
                quorum != null ? quorum : ClusterSpec.majority(sentinels),
                masterName, downAfterMillis, failoverTimeoutMillis, parallelSyncs,
                masterPort != null ? masterPort : ClusterSpec.defaultMasterPort(net),
                replicaPort != null ? replicaPort : ClusterSpec.defaultReplicaPort(net),
                sentinelPort != null ? sentinelPort : ClusterSpec.defaultSentinelPort(net),
                image, announceIp);
    }

    private static Path siblingOf(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    private static String summary(ClusterSpec c) {
        return "target " + c.target() + ", 1 master, " + c.replicas() + " replica" + (c.replicas() == 1 ? "" : "s")
                + ", " + c.sentinels() + " sentinel" + (c.sentinels() == 1 ? "" : "s") + " (quorum " + c.quorum() + ")";
    }

    private static String passwordLine(EnvFile.Outcome outcome, Path env) {
        String where = switch (outcome) {
            case CREATED -> "a new random password is in " + env;
            case ADDED -> "a new random password was added to " + env;
            case KEPT -> "kept the password already in " + env;
        };
        return "Password: " + where + " (mode 600); the file refers to it as ${" + EnvFile.PASSWORD_VARIABLE + "}.";
    }

    private static String nextStep(Target target, String file) {
        String f = "docker-compose.yml".equals(file) ? "" : " -f " + file;
        return switch (target) {
            case COMPOSE, HOST -> "docker-compose" + f + " up -d   (or: rediha up)";
            case SWARM -> "label the master's node (docker node update --label-add io.rediha.master=true NODE),"
                    + " then: set -a; . ./.env; set +a; docker stack deploy -c " + file + " rediha";
            case SWARM_CLASSIC -> "DOCKER_HOST=tcp://SWARM-MANAGER:PORT docker-compose" + f + " up -d";
            case RANCHER -> "set -a; . ./.env; set +a; rancher-compose" + f + " -p rediha up -d"
                    + "   (scale: see the file's header)";
        };
    }
}
