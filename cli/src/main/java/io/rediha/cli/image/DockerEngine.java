package io.rediha.cli.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/**
 * Connects to the Docker engine named by DOCKER_HOST (default: the local unix socket) and checks
 * that it answers. No API version is set: docker-java then sends unversioned requests, which the
 * engine serves at its own newest version, so a 20.10 engine (API 1.41) and a current one both
 * work (toolchain notes, section 4).
 */
public final class DockerEngine {
    private DockerEngine() {
    }

    /**
     * A client for an engine that has just answered a ping.
     *
     * @throws EngineUnreachableException naming the address when nothing answers
     */
    public static DockerClient connect() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(5))
                // Builds and pulls stream their progress; a step may be silent for minutes.
                .responseTimeout(Duration.ofMinutes(30))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
            return client;
        } catch (RuntimeException e) {
            try {
                client.close();
            } catch (java.io.IOException ignored) {
                // nothing left to release
            }
            throw new EngineUnreachableException("cannot reach the Docker engine at " + config.getDockerHost()
                    + " (" + rootMessage(e) + ").", e);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.strip();
    }
}
