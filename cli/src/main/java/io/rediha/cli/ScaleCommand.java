package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import io.rediha.cli.health.ClusterHealth;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.Deployer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rediha scale service=N ...}: change how many replicas or sentinels run, and wait for health. */
@Command(name = "scale",
        mixinStandardHelpOptions = true,
        header = "Set the number of containers of one or more services.",
        description = {"New replicas sync from the master and new sentinels are discovered by the others."
                + " Removing never removes the current master, whatever its service: another container goes instead."
                + " The remaining sentinels get SENTINEL RESET so they forget the removed nodes.",
            "The compose file is not changed; the next 'rediha up' returns to its counts."},
        footer = {"", "Examples:",
            "  rediha scale slave=3 sentinel=5",
            "  rediha scale slave=1",
            "", "Exit codes: 0 healthy, 1 not healthy in time, 2 usage (unknown service, bad count), 3 engine unreachable."})
public final class ScaleCommand extends ClusterCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE=COUNT", description = "A service of the compose file and how many containers it should have.")
    List<String> requests;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the cluster to become healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() {
        ComposeProject project = readProject();
        Map<String, Integer> counts = parse(project, requests);
        try (ClusterRuntime runtime = openRuntime(project)) {
            if (runtime.nodes().isEmpty()) {
                throw new CliException("project " + project.name() + " has no nodes on " + runtime.name(),
                        Messages.NO_NODES_HINT, ExitCodes.UNHEALTHY);
            }
            Deployer deployer = new Deployer(runtime, project, this::progress, Duration.ofSeconds(timeoutSeconds))
                    .withDetail(line -> {
                        if (verbose()) {
                            progress(line);
                        }
                    });
            ClusterHealth health = deployer.scale(counts);
            out().println(project.name() + " " + paint("is healthy", "green") + ": "
                    + health.summary().replaceFirst("^healthy: ", "") + ".");
            out().flush();
            return ExitCodes.OK;
        }
    }

    /** SERVICE=COUNT arguments into counts, refusing unknown services, bad numbers and counts the roles cannot have. */
    static Map<String, Integer> parse(ComposeProject project, List<String> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        var services = project.compose().services().keySet();
        for (String r : requests) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new CliException(Messages.badScaleArgument(r, services), null, ExitCodes.USAGE);
            }
            String service = r.substring(0, eq);
            ServiceSpec spec = project.compose().service(service).orElseThrow(() ->
                    new CliException(Messages.unknownService(service, services), null, ExitCodes.USAGE));
            int count;
            try {
                count = Integer.parseInt(r.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new CliException(Messages.badScaleArgument(r, services), null, ExitCodes.USAGE);
            }
            if (count < 0) {
                throw new CliException(Messages.badScaleArgument(r, services), null, ExitCodes.USAGE);
            }
            if (spec.role() == NodeRole.MASTER && count != 1) {
                throw new CliException(Messages.masterServiceScale(service), null, ExitCodes.USAGE);
            }
            if (spec.role() == NodeRole.SENTINEL && count < 1
                    && project.compose().servicesWithRole(NodeRole.SENTINEL).size() == 1) {
                throw new CliException(Messages.tooFewSentinels(service), null, ExitCodes.USAGE);
            }
            counts.put(service, count);
        }
        return counts;
    }
}
