package io.rediha.cli.drill;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * Who is who at one moment, as the sentinels and the nodes agreed on it in the preflight.
 *
 * @param master    the master all sentinels name
 * @param replicas  its linked replicas
 * @param sentinels the sentinels the drill talks to
 */
public record Topology(NodeRef master, List<NodeRef> replicas, List<HostAndPort> sentinels) {
    public Topology {
        replicas = List.copyOf(replicas);
        sentinels = List.copyOf(sentinels);
    }

    /** The master first, then the replicas. */
    public List<NodeRef> dataNodes() {
        List<NodeRef> all = new ArrayList<>();
        all.add(master);
        all.addAll(replicas);
        return all;
    }

    /** The data node the sentinels know as {@code announced}, or null. */
    public NodeRef byAnnounced(HostAndPort announced) {
        for (NodeRef n : dataNodes()) {
            if (n.announced().equals(announced)) {
                return n;
            }
        }
        return null;
    }
}
