package io.rediha.cli.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The port of every node. On a container network every node has its own address, so all replicas
 * share one port and all sentinels another. With host networking the nodes of one host share an
 * address, so each gets its own port:
 * <pre>
 *   master      masterPort
 *   replica N   replicaPort  + 2(N-1)     defaults: 16380, 16382, 16384, ...
 *   sentinel N  sentinelPort + 2(N-1)     defaults: 16381, 16383, 16385, ...
 * </pre>
 * The stride of 2 interleaves the two series, so with the defaults (16379, 16380, 16381) replicas get
 * even ports and sentinels odd ports above the master's: no collision at any count, and a replica or
 * sentinel added later gets the next port of its series without renumbering the others. Custom ports
 * can collide; {@link SpecCheck} refuses those.
 */
public record PortPlan(int master, List<Integer> replicas, List<Integer> sentinels) {

    public static PortPlan of(ClusterSpec spec) {
        int stride = spec.network() == NetworkMode.HOST ? 2 : 0;
        List<Integer> replicas = new ArrayList<>();
        for (int i = 0; i < Math.max(0, spec.replicas()); i++) {
            replicas.add(spec.replicaPort() + stride * i);
        }
        List<Integer> sentinels = new ArrayList<>();
        for (int i = 0; i < Math.max(0, spec.sentinels()); i++) {
            sentinels.add(spec.sentinelPort() + stride * i);
        }
        return new PortPlan(spec.masterPort(), List.copyOf(replicas), List.copyOf(sentinels));
    }

    /** One node's name, as the host target names its service, and its port. */
    public record Assignment(String node, int port) {
    }

    /** Every node in order master, replicas, sentinels. */
    public List<Assignment> assignments() {
        List<Assignment> all = new ArrayList<>();
        all.add(new Assignment("master", master));
        for (int i = 0; i < replicas.size(); i++) {
            all.add(new Assignment("slave" + (i + 1), replicas.get(i)));
        }
        for (int i = 0; i < sentinels.size(); i++) {
            all.add(new Assignment("sentinel" + (i + 1), sentinels.get(i)));
        }
        return all;
    }
}
