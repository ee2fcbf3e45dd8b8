package io.rediha.cli;

import com.github.dockerjava.api.DockerClient;
import io.rediha.cli.image.DockerEngine;
import io.rediha.cli.image.EngineUnreachableException;
import io.rediha.cli.image.ImageBuildException;
import io.rediha.cli.image.ImageBuilder;
import io.rediha.cli.image.RecipeFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rediha build}: builds the node image through the Docker engine, with visible progress. */
@Command(name = "build",
        header = "Build the node image (rediha/node:<version> and :latest).",
        description = {
            "Tries the Alpine recipe (node-image/docker/Dockerfile.alpine) and falls back to the offline",
            "recipe when its base images cannot be pulled. The offline recipe is FROM scratch: a jlink",
            "runtime from the newest local JDK, the libraries ldd finds for it, and a static busybox.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the image was built",
            "1:the build failed (the message says why)",
            "2:bad command line",
            "3:the Docker engine could not be reached",
        })
public final class BuildCommand implements Callable<Integer> {
    /** picocli's code for a failure in the command's work; the build has no cluster to be unhealthy. */
    private static final int BUILD_FAILED = 1;
    private static final String REFERENCE = "[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?";

    @Spec
    CommandSpec spec;

    @Option(names = "--offline", description = "Build the offline recipe directly; nothing is pulled.")
    boolean offline;

    @Option(names = "--tag", paramLabel = "NAME[:TAG]", description = "Also tag the image NAME[:TAG]; repeatable.")
    List<String> tags = new ArrayList<>();

    @Override
    public Integer call() {
        for (String t : tags) {
            if (!t.matches(REFERENCE)) {
                throw new ParameterException(spec.commandLine(), "Invalid --tag '" + t
                        + "': use lowercase NAME[:TAG], e.g. registry.local/rediha/node:test");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            RecipeFiles files = RecipeFiles.locate();
            try (DockerClient docker = DockerEngine.connect()) {
                new ImageBuilder(docker, files, line -> {
                    out.println(line);
                    out.flush();
                }).build(new ImageBuilder.Options(offline, imageVersion(), true, tags));
            }
            return ExitCodes.OK;
        } catch (EngineUnreachableException e) {
            err.println("Error: " + e.getMessage());
            err.println("Start Docker (as root on Debian: scripts/docker-engine), or set DOCKER_HOST to an engine that answers.");
            return ExitCodes.ENGINE_UNREACHABLE;
        } catch (ImageBuildException e) {
            err.println("Error: " + e.getMessage());
            return BUILD_FAILED;
        } catch (IOException e) {
            err.println("Error: closing the Docker connection failed: " + e.getMessage());
            return BUILD_FAILED;
        }
    }

    static String imageVersion() {
        String v = RedihaCommand.version();
        return v.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}") ? v : "dev";
    }
}
