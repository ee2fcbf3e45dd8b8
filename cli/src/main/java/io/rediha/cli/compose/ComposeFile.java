package io.rediha.cli.compose;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a compose file rediha uses, in the file's order.
 *
 * @param services services by name
 * @param networks top-level networks by key (a project always has {@code default}, declared or not)
 * @param volumes  top-level named volumes by key
 */
public record ComposeFile(Map<String, ServiceSpec> services, Map<String, NetworkSpec> networks,
                          Map<String, VolumeSpec> volumes) {

    public static final String DEFAULT_NETWORK = "default";

    public Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public List<ServiceSpec> servicesWithRole(NodeRole role) {
        return services.values().stream().filter(s -> s.role() == role).toList();
    }

    /** The service whose container starts as the master (there is exactly one, the reader checks). */
    public ServiceSpec masterService() {
        return servicesWithRole(NodeRole.MASTER).get(0);
    }

    /** A network declared at the top level; {@code name} and {@code external} as Compose means them. */
    public record NetworkSpec(String key, String name, String driver, boolean external) {
    }

    /** A named volume declared at the top level. */
    public record VolumeSpec(String key, String name, String driver, boolean external) {
    }
}
