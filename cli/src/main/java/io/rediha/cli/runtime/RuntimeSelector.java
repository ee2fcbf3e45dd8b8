package io.rediha.cli.runtime;

import io.rediha.cli.Messages;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens the runtime the user asked for. {@code auto} takes the Docker engine when one answers,
 * unless this project already runs as local processes; otherwise local processes. Either way it
 * says which, so the user is never left guessing where their cluster is.
 */
public final class RuntimeSelector {
    /** The runtime choices of {@code --runtime}. */
    public enum Kind { auto, docker, local }

    private RuntimeSelector() {
    }

    /**
     * @param kind       auto, docker or local
     * @param hostOption {@code -H}, or null for DOCKER_HOST / the unix socket
     * @param workingDir the project directory (the compose file's)
     * @param project    the project name
     * @param env        the environment (for the node command of the local runtime)
     * @param notice     receives the one line saying which runtime was chosen and why
     */
    public static ClusterRuntime open(Kind kind, String hostOption, Path workingDir, String project,
                                      Map<String, String> env, Consumer<String> notice) {
        LocalRuntime local = new LocalRuntime(workingDir, project, () -> NodeCommand.resolve(env));
        switch (kind) {
            case docker -> {
                DockerEngine engine = DockerEngine.connect(hostOption);
                notice.accept(Messages.usingDocker(engine.host(), engine.version()));
                return new DockerRuntime(engine, project);
            }
            case local -> {
                notice.accept(Messages.usingLocal("--runtime local", local.stateDir()));
                return local;
            }
            default -> {
                Optional<DockerEngine> engine = DockerEngine.tryConnect(hostOption);
                if (engine.isPresent()) {
                    DockerRuntime docker = new DockerRuntime(engine.get(), project);
                    if (local.hasNodes() && docker.nodes().isEmpty()) {
                        docker.close();
                        notice.accept(Messages.usingLocal("project " + project + " already runs as local processes",
                                local.stateDir()));
                        return local;
                    }
                    notice.accept(Messages.usingDocker(engine.get().host(), engine.get().version()));
                    return docker;
                }
                String host = DockerEngine.resolveHost(hostOption);
                notice.accept(Messages.usingLocal("no Docker engine answers at " + host, local.stateDir()));
                return local;
            }
        }
    }
}
