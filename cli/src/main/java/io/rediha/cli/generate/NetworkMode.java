package io.rediha.cli.generate;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;

/** How the nodes reach each other: a container network with service names, or the hosts' own network. */
public enum NetworkMode {
    /** A container network (bridge on one host, overlay or Rancher's on many): service DNS names, default ports. */
    BRIDGE("bridge"),
    /** The host's network stack: no service names, every node on one host needs its own port. */
    HOST("host");

    private final String id;

    NetworkMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** picocli converter with a message that lists the choices. */
    public static final class Converter implements CommandLine.ITypeConverter<NetworkMode> {
        @Override
        public NetworkMode convert(String value) {
            for (NetworkMode m : values()) {
                if (m.id.equals(value)) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("unknown network '" + value + "'; choose bridge or host");
        }
    }

    /** picocli completion candidates. */
    public static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of(BRIDGE.id, HOST.id).iterator();
        }
    }
}
