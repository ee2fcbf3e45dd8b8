package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.health.ClusterHealth;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.Deployer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rediha up}: create or update the cluster from the compose file and wait until it is healthy. */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        header = "Create and start the cluster, and wait until it is healthy.",
        description = {
            "Reads the compose file, creates the network and volumes, starts the master, then the replicas,"
                    + " then the sentinels, and waits until the master answers, every replica is linked, and every"
                    + " sentinel sees the master, all replicas and all other sentinels with its quorum check passing.",
            "Running it again changes nothing that is already right, and recreates what drifted from the file."},
        footer = {"", "Examples:",
            "  rediha up                         # docker-compose.yml in this directory",
            "  rediha -f prod.yml -p cache up    # another file and project name",
            "  rediha --runtime local up         # local processes instead of Docker",
            "", "Exit codes: 0 healthy, 1 not healthy in time (or a node failed), 2 usage, 3 engine unreachable."})
public final class UpCommand extends ClusterCommand {
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the cluster to become healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() {
        long start = System.nanoTime();
        ComposeProject project = readProject();
        try (ClusterRuntime runtime = openRuntime(project)) {
            Deployer deployer = new Deployer(runtime, project, this::progress, Duration.ofSeconds(timeoutSeconds))
                    .withDetail(line -> {
                        if (verbose()) {
                            progress(line);
                        }
                    });
            ClusterHealth health = deployer.up();
            printHealthy(project, health, start);
            return ExitCodes.OK;
        }
    }

    private void printHealthy(ComposeProject project, ClusterHealth health, long start) {
        out().printf(Locale.ROOT, "%s %s in %.1fs: %s.%n", project.name(), paint("is healthy", "green"),
                (System.nanoTime() - start) / 1e9, health.summary().replaceFirst("^healthy: ", ""));
        List<String> sentinels = health.nodes().stream().filter(s -> s.role() == NodeRole.SENTINEL)
                .map(s -> s.node().address()).toList();
        out().println("Sentinels for your client (master name \"" + project.masterName() + "\"): "
                + String.join(" ", sentinels));
        out().flush();
    }
}
