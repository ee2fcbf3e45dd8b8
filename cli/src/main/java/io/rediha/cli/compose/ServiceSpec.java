package io.rediha.cli.compose;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of the compose file after variable substitution: everything a runtime needs to
 * create its containers or processes. Collections are unmodifiable and keep the file's order.
 *
 * @param name            the service's key in the file ({@code master}, {@code slave}, {@code sentinel})
 * @param role            what its containers run as, from the command
 * @param image           image reference
 * @param command         the container command, the role word first
 * @param environment     environment variables, substituted
 * @param ports           published ports
 * @param volumes         mounts
 * @param networks        network key in the file to the extra aliases on it; empty means the default network
 * @param networkMode     {@code host}, {@code none}, {@code bridge} or null (the project's networks)
 * @param replicas        wanted number of containers ({@code deploy.replicas} or {@code scale}, default 1)
 * @param labels          labels from the file
 * @param healthcheck     healthcheck override, or null for the image's own
 * @param restart         restart policy name ({@code no}, {@code always}, {@code on-failure},
 *                        {@code unless-stopped}) or null
 * @param init            run an init process as PID 1, or null for the engine's default
 * @param stopGracePeriod how long a stop waits before killing, or null for the default
 * @param configHash      hash of the service's settings except the scale; see {@link ConfigHash}
 */
public record ServiceSpec(
        String name,
        NodeRole role,
        String image,
        List<String> command,
        Map<String, String> environment,
        List<PortSpec> ports,
        List<VolumeMount> volumes,
        Map<String, List<String>> networks,
        String networkMode,
        int replicas,
        Map<String, String> labels,
        HealthSpec healthcheck,
        String restart,
        Boolean init,
        Duration stopGracePeriod,
        String configHash) {

    public static final int DEFAULT_REDIS_PORT = 6379;
    public static final int DEFAULT_SENTINEL_PORT = 26379;
    public static final String DEFAULT_MASTER_NAME = "mymaster";

    /**
     * The value of an environment variable under either spelling the image accepts
     * ({@code REDIS_PORT} or the Rancher-style {@code redis_port}), or null.
     */
    public String env(String upperName, String lowerName) {
        String v = environment.get(upperName);
        if ((v == null || v.isEmpty()) && lowerName != null) {
            v = environment.get(lowerName);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    /** The port this service's nodes listen on inside their container. */
    public int listenPort() {
        return role == NodeRole.SENTINEL
                ? intEnv("SENTINEL_PORT", "sentinel_port", DEFAULT_SENTINEL_PORT)
                : intEnv("REDIS_PORT", "redis_port", DEFAULT_REDIS_PORT);
    }

    public String password() {
        return env("REDIS_PASSWORD", null);
    }

    public String masterName() {
        String v = env("MASTER_NAME", "master_name");
        return v == null ? DEFAULT_MASTER_NAME : v;
    }

    public boolean usesHostNetwork() {
        return "host".equals(networkMode);
    }

    /** An integer environment variable; a value that is not a number is reported against this service. */
    public int intEnv(String upperName, String lowerName, int defaultValue) {
        String v = env(upperName, lowerName);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ComposeException("service " + name + ": " + upperName + "=" + v + " is not a number");
        }
    }

    /** A published port: {@code [hostIp:][hostPort:]containerPort[/protocol]}; hostPort null means any free port. */
    public record PortSpec(String hostIp, Integer hostPort, int containerPort, String protocol) {
    }

    /** A mount: a project volume, a host directory, or an anonymous volume at {@code target}. */
    public record VolumeMount(Kind kind, String source, String target, boolean readOnly) {
        public enum Kind { NAMED, BIND, ANONYMOUS }
    }

    /** A healthcheck override; {@code disabled} turns the image's own off. */
    public record HealthSpec(List<String> test, Duration interval, Duration timeout, Duration startPeriod,
                             Integer retries, boolean disabled) {
    }
}
