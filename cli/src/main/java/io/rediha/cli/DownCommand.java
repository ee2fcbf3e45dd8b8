package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.runtime.ClusterRuntime;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rediha down}: remove the project's nodes and network, and with -v its volumes. */
@Command(name = "down",
        mixinStandardHelpOptions = true,
        header = "Stop and remove the cluster's containers (or processes) and network.",
        description = {"Removes only this project's containers, networks and, with -v, volumes;"
                + " nothing of another project is touched. Sentinels go first so that no failover starts."},
        footer = {"", "Examples:",
            "  rediha down        # keep the data volumes",
            "  rediha down -v     # remove the data too"})
public final class DownCommand extends ClusterCommand {
    @Option(names = {"-v", "--volumes"}, description = "Also remove the volumes (local: the data directories).")
    boolean volumes;

    @Override
    protected int execute() {
        ComposeProject project = readProjectIfPresent();
        Path dir = project != null ? project.workingDir() : composeOptions().file().getParent();
        String name = project != null ? project.name() : projectNameWithoutFile();
        try (ClusterRuntime runtime = openRuntime(dir, name)) {
            int[] count = {0};
            runtime.down(volumes, line -> {
                count[0]++;
                progress(line);
            });
            out().println(count[0] == 0 ? "Nothing of project " + name + " to remove." : "Project " + name + " removed.");
            out().flush();
            return ExitCodes.OK;
        }
    }
}
