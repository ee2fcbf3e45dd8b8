package io.rediha.cli.runtime;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.compose.ServiceSpec;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a rediha cluster runs: containers on a Docker engine, or local processes on loopback.
 * Commands (up, ps, scale, logs, down) and the failover drill talk only to this interface,
 * so neither cares which runtime is underneath.
 *
 * <p>A runtime is opened for one project (see {@link RuntimeSelector}) and only ever sees or
 * touches that project's nodes, networks and volumes. The deployment methods are primitives:
 * the order of starts, the health wait and the choice of which node to remove live in
 * {@link Deployer}, once for both runtimes.
 */
public interface ClusterRuntime extends AutoCloseable {

    /** "docker" or "local", as printed to the user. */
    String name();

    /** Where this runtime works, for messages: the engine's address, or the state directory. */
    String location();

    /** Every node of the project, running or not, ordered by service then number. */
    List<Node> nodes();

    /** Injects a fault into one node. Throws {@link UnsupportedOperationException} with a message a user can read when this runtime cannot do it. */
    void inject(Node node, Fault fault);

    /** Undoes {@link #inject}: resumes, restarts or reconnects the node. Safe to call when the fault is not in place. */
    void heal(Node node, Fault fault);

    // ---- deployment primitives, used by Deployer ----

    /**
     * Makes what the nodes share exist: checks the images and creates the networks and volumes
     * (docker), or the state directory (local). Idempotent. Reports each thing it created.
     */
    void prepare(ComposeProject project, Consumer<String> progress);

    /**
     * Makes node {@code number} of {@code service} exist, match the file and run: creates it,
     * recreates it when its settings drifted (keeping its data), starts or resumes it, or leaves it.
     */
    NodeChange ensure(ComposeProject project, ServiceSpec service, int number);

    /** Stops and removes one node; its data goes too only when {@code data} is set. */
    void remove(Node node, boolean data);

    /**
     * Removes every node of the project (sentinels first, then replicas, then the master, so the
     * going-away nodes do not start a failover), then the project's networks and, with
     * {@code volumes}, its volumes and data. Reports each thing it removed.
     */
    void down(boolean volumes, Consumer<String> progress);

    /**
     * Passes the node's log lines to {@code sink}: the last {@code tail} lines (all when negative),
     * then, when {@code follow} is set, new lines until the thread is interrupted.
     */
    void logs(Node node, int tail, boolean follow, Consumer<String> sink) throws InterruptedException;

    @Override
    default void close() {
    }

    /** What {@link #ensure} did to a node. */
    enum NodeChange {
        CREATED("Creating"),
        RECREATED("Recreating"),
        STARTED("Starting"),
        UNCHANGED("Up to date");

        private final String verb;

        NodeChange(String verb) {
            this.verb = verb;
        }

        /** How progress output names the change, Compose-style ("Creating proj_slave_1 ... done"). */
        public String verb() {
            return verb;
        }
    }

    /** The faults a drill can inject. */
    enum Fault {
        /** Freeze the process (docker pause / SIGSTOP): it keeps its sockets but answers nothing. */
        PAUSE,
        /** Graceful stop (docker stop / SIGTERM). */
        STOP,
        /** Immediate kill (docker kill -s KILL / SIGKILL). */
        KILL,
        /** Cut the node off the network while it keeps running. */
        DISCONNECT
    }

    /**
     * One node of the cluster as the runtime sees it.
     *
     * @param name      container or process name, e.g. {@code rediha_slave_1}
     * @param service   compose service: master, slave or sentinel (or slave1, sentinel2, ... in host files)
     * @param number    1-based number within the service
     * @param state     running, paused, exited, unhealthy, ...
     * @param host      address reachable from this machine (loopback for published or local ports)
     * @param port      port reachable from this machine
     * @param role      the role it was started with ({@code master}, {@code slave} or {@code sentinel}, the
     *                  image's argument); after a failover the live role, from ROLE, can differ
     */
    record Node(String name, String service, int number, String state, String host, int port, String role) {

        /** A node whose role is told by its service name, as in the files {@code rediha generate} writes. */
        public Node(String name, String service, int number, String state, String host, int port) {
            this(name, service, number, state, host, port, roleFromService(service));
        }

        /** {@code sentinel2} is a sentinel, {@code slave1} a replica; anything else counts as a data node. */
        static String roleFromService(String service) {
            String word = service.replaceFirst("[-_]?\\d+$", "");
            return NodeRole.fromArgument(word).map(NodeRole::word).orElse(NodeRole.REPLICA.word());
        }

        public boolean isSentinel() {
            return NodeRole.SENTINEL.word().equals(role);
        }

        public boolean isRunning() {
            return "running".equals(state) || "unhealthy".equals(state);
        }

        /** {@code host:port}, as Redis prints addresses. */
        public String address() {
            return host + ":" + port;
        }
    }
}
