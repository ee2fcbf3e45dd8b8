package io.rediha.cli.generate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/**
 * Where the generated file is meant to run. Each target has one template, {@code templates/<id>.yml}.
 * All but {@link #HOST} use one service per role ({@code master}, {@code slave}, {@code sentinel}) and
 * scale {@code slave} and {@code sentinel} with {@code deploy.replicas}; {@link #HOST} puts every node on
 * the host's network and therefore needs one service (and one port) per node.
 */
public enum Target {
    /** docker-compose on one host, bridge network, service DNS names. */
    COMPOSE("compose", true),
    /** docker-compose on one host with host networking: numbered services on distinct ports. */
    HOST("host", false),
    /** {@code docker stack deploy}: deploy.placement, dnsrr endpoints, overlay network. */
    SWARM("swarm", true),
    /** docker-compose against a standalone (classic) Swarm manager: affinity environment entries. */
    SWARM_CLASSIC("swarm-classic", true),
    /** Rancher 1.x (Cattle): scheduler affinity labels. */
    RANCHER("rancher", true);

    private final String id;
    private final boolean scaledServices;

    Target(String id, boolean scaledServices) {
        this.id = id;
        this.scaledServices = scaledServices;
    }

    /** The name users type and the template's base name. */
    public String id() {
        return id;
    }

    /** The template file for this target, relative to the templates directory. */
    public String templateFile() {
        return id + ".yml";
    }

    /** True when replicas and sentinels are one scaled service each; false for numbered services. */
    public boolean scaledServices() {
        return scaledServices;
    }

    @Override
    public String toString() {
        return id;
    }

    /** Every id, for help text, completion and error messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Target::id).toList();
    }

    /** Looks a target up by its id; the exception lists the valid ids. */
    public static Target fromId(String id) {
        for (Target t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + id + "'; choose one of " + String.join(", ", ids()));
    }

    /** picocli converter: {@code swarm-classic} is not a Java constant name. */
    public static final class Converter implements CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            try {
                return fromId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli completion candidates and the {@code ${COMPLETION-CANDIDATES}} help variable. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ids().iterator();
        }
    }
}
