package io.rediha.cli.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.rediha.cli.CliException;
import io.rediha.cli.ExitCodes;
import io.rediha.cli.Messages;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection to a Docker engine: where it is (the {@code -H} option, else {@code DOCKER_HOST},
 * else the local unix socket) and whether it answers.
 *
 * <p>No API version is set: docker-java then sends unversioned paths and the engine answers in its
 * own newest version, which works against 20.10 (API 1.41) and newer engines alike; pinning one
 * breaks either old or new engines.
 */
public final class DockerEngine implements AutoCloseable {
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final DockerClient client;
    private final String host;
    private final String version;

    private DockerEngine(DockerClient client, String host, String version) {
        this.client = client;
        this.host = host;
        this.version = version;
    }

    public DockerClient client() {
        return client;
    }

    /** The engine's address as the user would write it. */
    public String host() {
        return host;
    }

    /** The engine's version, e.g. {@code 20.10.24+dfsg1}. */
    public String version() {
        return version;
    }

    /** The address that will be tried: {@code -H}, else {@code DOCKER_HOST}, else the unix socket. */
    public static String resolveHost(String hostOption) {
        if (hostOption != null && !hostOption.isBlank()) {
            return hostOption;
        }
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : DEFAULT_HOST;
    }

    /** Connects or throws a {@link CliException} with exit code 3 saying where it looked. */
    public static DockerEngine connect(String hostOption) {
        String host = resolveHost(hostOption);
        return tryConnect(hostOption).orElseThrow(() -> unreachable(host, lastFailure(host)));
    }

    /** Connects when an engine answers within a few seconds; empty otherwise. */
    public static Optional<DockerEngine> tryConnect(String hostOption) {
        String host = resolveHost(hostOption);
        DockerClient client;
        try {
            client = newClient(host);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        try {
            String version = CompletableFuture.supplyAsync(() -> client.versionCmd().exec().getVersion())
                    .get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(new DockerEngine(client, host, version));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // fall through: not reachable
        }
        closeQuietly(client);
        return Optional.empty();
    }

    /** Why the engine at {@code host} does not answer, in words, for the error message. */
    static String lastFailure(String host) {
        if (host.startsWith("unix://")) {
            java.nio.file.Path socket = java.nio.file.Path.of(host.substring("unix://".length()));
            if (!java.nio.file.Files.exists(socket)) {
                return "no socket at " + socket;
            }
            return "the socket does not answer";
        }
        return "no answer within " + PING_TIMEOUT.toSeconds() + "s";
    }

    static CliException unreachable(String host, String reason) {
        return new CliException(Messages.engineUnreachable(host, reason), Messages.ENGINE_UNREACHABLE_HINT,
                ExitCodes.ENGINE_UNREACHABLE);
    }

    private static DockerClient newClient(String host) {
        DockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(PING_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(cfg, http);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a client that never connected
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }
}
