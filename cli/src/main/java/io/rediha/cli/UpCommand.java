package io.rediha.cli;

import com.github.dockerjava.api.exception.NotFoundException;
import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import io.rediha.cli.generate.ClusterSpec;
import io.rediha.cli.generate.ComposeGenerator;
import io.rediha.cli.generate.EnvFile;
import io.rediha.cli.generate.GenerateException;
import io.rediha.cli.generate.Target;
import io.rediha.cli.health.ClusterHealth;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.image.ImageBuildException;
import io.rediha.cli.image.ImageBuilder;
import io.rediha.cli.image.RecipeFiles;
import io.rediha.cli.runtime.Deployer;
import io.rediha.cli.runtime.DockerRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "Reads the compose file (when there is no docker-compose.yml here, it first writes the default one,"
                    + " as 'rediha generate' would, and says so), creates the network and volumes, starts the master, then the replicas,"
                    + " then the sentinels, and waits until the master answers, every replica is linked, and every"
                    + " sentinel sees the master, all replicas and all other sentinels with its quorum check passing.",
            "Running it again changes nothing that is already right, and recreates what drifted from the file."},
        footer = {"", "Examples:",
            "  rediha up                         # docker-compose.yml in this directory",
            "  rediha -f prod.yml -p cache up    # another file and project name",
            "  rediha --runtime local up         # local processes instead of Docker",
            "  rediha up --build                 # build the node image first",
            "", "Exit codes: 0 healthy, 1 not healthy in time (or a node failed), 2 usage, 3 engine unreachable."})
public final class UpCommand extends ClusterCommand {
    @Option(names = "--build", description = "Build the node image first, as 'rediha build' does (Docker runtime).")
    boolean build;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the cluster to become healthy (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() {
        long start = System.nanoTime();
        generateDefaultFileIfMissing();
        ComposeProject project = readProject();
        try (ClusterRuntime runtime = openRuntime(project)) {
            if (build || ourImageIsMissing(project, runtime)) {
                buildImage(project, runtime);
            }
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

    /** Compose would stop here; rediha writes the default file first (1 master, 2 replicas, 3 sentinels) and says so. */
    private void generateDefaultFileIfMissing() {
        Path file = composeOptions().file();
        if (Files.exists(file) || !composeOptions().isDefaultFile()) {
            return;
        }
        try {
            String text = ComposeGenerator.render(ClusterSpec.defaults(Target.COMPOSE), null, file.getFileName().toString());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            EnvFile.ensurePassword(file.resolveSibling(".env"));
        } catch (GenerateException | IOException e) {
            throw new CliException("cannot write the default compose file " + file + ": " + e.getMessage(),
                    "Write one with 'rediha generate -o FILE' and pass it with -f FILE.", ExitCodes.UNHEALTHY, e);
        }
        progress(Messages.generatedDefaultFile(file));
    }

    /**
     * True when the file names our own image ({@value ImageBuilder#REPOSITORY}) and the engine does not have
     * it. Like Compose with a {@code build:} section, {@code up} then builds it instead of failing, so a
     * fresh checkout reaches a cluster with one command. Anyone else's missing image stays an error.
     */
    private boolean ourImageIsMissing(ComposeProject project, ClusterRuntime runtime) {
        if (!(runtime instanceof DockerRuntime docker)) {
            return false;
        }
        for (String image : project.compose().services().values().stream().map(ServiceSpec::image).distinct().toList()) {
            if (!image.startsWith(ImageBuilder.REPOSITORY + ":")) {
                continue;
            }
            try {
                docker.client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                progress("Image " + image + " is not on the engine yet: building it, as 'rediha build' would.");
                return true;
            }
        }
        return false;
    }

    /** {@code --build}: the image 'rediha build' makes, also tagged as every image the file names. */
    private void buildImage(ComposeProject project, ClusterRuntime runtime) {
        if (!(runtime instanceof DockerRuntime docker)) {
            progress(Messages.BUILD_NEEDS_DOCKER);
            return;
        }
        String version = BuildCommand.imageVersion();
        List<String> extraTags = project.compose().services().values().stream().map(ServiceSpec::image).distinct()
                .filter(i -> !i.equals(ImageBuilder.REPOSITORY + ":latest") && !i.equals(ImageBuilder.REPOSITORY + ":" + version))
                .toList();
        try {
            new ImageBuilder(docker.client(), RecipeFiles.locate(), this::progress)
                    .build(new ImageBuilder.Options(false, version, true, extraTags));
        } catch (ImageBuildException e) {
            throw new CliException("the image build failed: " + e.getMessage(), "See the build output above.",
                    ExitCodes.UNHEALTHY, e);
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
