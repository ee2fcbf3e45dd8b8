package io.rediha.cli.options;

import io.rediha.cli.runtime.RuntimeSelector;
import picocli.CommandLine.Option;

/** {@code --runtime auto|docker|local} and {@code -H/--host}. */
public final class RuntimeOptions {
    @Option(names = "--runtime", paramLabel = "auto|docker|local", defaultValue = "auto",
            description = "Where the cluster runs: docker (a Docker engine), local (processes on loopback, state in"
                    + " .rediha/), or auto: docker when an engine answers, else local (default: ${DEFAULT-VALUE}).")
    RuntimeSelector.Kind runtime = RuntimeSelector.Kind.auto;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Docker engine address, e.g. unix:///var/run/docker.sock or tcp://10.0.0.5:2375"
                    + " (default: DOCKER_HOST, else the local unix socket).")
    String host;

    public RuntimeSelector.Kind kind() {
        return runtime;
    }

    public String host() {
        return host;
    }
}
