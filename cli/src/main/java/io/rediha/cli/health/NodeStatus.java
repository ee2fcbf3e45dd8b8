package io.rediha.cli.health;

import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.util.List;

/**
 * What one node said when asked.
 *
 * @param node        the node as the runtime sees it
 * @param role        its configured role (from the compose file or the service name)
 * @param error       why it could not be asked, or null when it answered
 * @param liveRole    {@code master}, {@code slave} or {@code sentinel} from ROLE, or null
 * @param offset      replication offset (master_repl_offset / slave_repl_offset), -1 when unknown
 * @param linkUp      for a replica: master_link_status is up
 * @param replicas    for a master: the replicas it lists in INFO replication
 * @param sentinel    for a sentinel: its view of the master, or null
 */
public record NodeStatus(Node node, NodeRole role, String error, String liveRole, long offset, boolean linkUp,
                         List<LinkedReplica> replicas, SentinelView sentinel) {

    public boolean answered() {
        return error == null;
    }

    public boolean isLiveMaster() {
        return "master".equals(liveRole);
    }

    static NodeStatus unreachable(Node node, NodeRole role, String error) {
        return new NodeStatus(node, role, error, null, -1, false, List.of(), null);
    }

    /** One {@code slaveN:} line of a master's INFO replication. */
    public record LinkedReplica(String ip, int port, String state, long offset) {
    }

    /**
     * A sentinel's view of the monitored master.
     *
     * @param masterHost        the master's address as the sentinel has it, or null when it monitors no such master
     * @param masterPort        its port
     * @param flags             the master's flags (e.g. {@code master}, {@code s_down,master})
     * @param replicas          num-slaves
     * @param otherSentinels    num-other-sentinels
     * @param quorum            the configured quorum
     * @param ckquorum          the reply of SENTINEL CKQUORUM (starts with OK when it passes)
     */
    public record SentinelView(String masterHost, int masterPort, String flags, int replicas, int otherSentinels,
                               int quorum, String ckquorum) {
        public boolean quorumOk() {
            return ckquorum != null && ckquorum.startsWith("OK");
        }

        public boolean seesMasterDown() {
            return flags != null && (flags.contains("s_down") || flags.contains("o_down"));
        }
    }
}
