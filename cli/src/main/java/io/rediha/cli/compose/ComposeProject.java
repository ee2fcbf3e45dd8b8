package io.rediha.cli.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A compose file bound to a project: the name that prefixes every container, network and volume,
 * and the directory relative paths and the {@code .env} file are taken from.
 *
 * @param name       project name (normalized as Compose does)
 * @param workingDir the compose file's directory
 * @param file       the compose file
 * @param compose    its content
 * @param warnings   things the user should know that do not stop the command
 */
public record ComposeProject(String name, Path workingDir, Path file, ComposeFile compose, List<String> warnings) {

    /**
     * A project name as Compose v1 normalizes it: lower case, only {@code a-z 0-9 - _}. Returns an
     * empty string when nothing is left, which callers must refuse.
     */
    public static String normalizeName(String raw) {
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^-_a-z0-9]", "");
    }

    /** The engine-side name of a network key: {@code <project>_<key>} unless the file names it. */
    public String networkName(String key) {
        ComposeFile.NetworkSpec spec = compose.networks().get(key);
        if (spec != null && spec.name() != null) {
            return spec.name();
        }
        return name + "_" + key;
    }

    /** The engine-side name of a volume key: {@code <project>_<key>} unless the file names it. */
    public String volumeName(String key) {
        ComposeFile.VolumeSpec spec = compose.volumes().get(key);
        if (spec != null && spec.name() != null) {
            return spec.name();
        }
        return name + "_" + key;
    }

    /** The name of a node, as Compose v1 names containers: {@code <project>_<service>_<n>}. */
    public String nodeName(String service, int number) {
        return name + "_" + service + "_" + number;
    }

    /** The password the nodes share (REDIS_PASSWORD of the master service), or null. */
    public String password() {
        return compose.masterService().password();
    }

    /** The master name the sentinels monitor. */
    public String masterName() {
        List<ServiceSpec> sentinels = compose.servicesWithRole(NodeRole.SENTINEL);
        return sentinels.isEmpty() ? ServiceSpec.DEFAULT_MASTER_NAME : sentinels.get(0).masterName();
    }
}
