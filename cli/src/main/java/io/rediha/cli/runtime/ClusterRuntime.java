package io.rediha.cli.runtime;

import java.util.List;

/**
 * Where a rediha cluster runs: containers on a Docker engine, or local processes on loopback.
 * Commands (up, ps, scale, logs, down) and the failover drill talk only to this interface,
 * so neither cares which runtime is underneath.
 */
public interface ClusterRuntime extends AutoCloseable {

    /** "docker" or "local", as printed to the user. */
    String name();

    /** Every node of the project, running or not, ordered by service then number. */
    List<Node> nodes();

    /** Injects a fault into one node. Throws {@link UnsupportedOperationException} with a message a user can read when this runtime cannot do it. */
    void inject(Node node, Fault fault);

    /** Undoes {@link #inject}: resumes, restarts or reconnects the node. Safe to call when the fault is not in place. */
    void heal(Node node, Fault fault);

    @Override
    default void close() {
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
     * @param service   compose service: master, slave or sentinel
     * @param number    1-based number within the service
     * @param state     running, paused, exited, unhealthy, ...
     * @param host      address reachable from this machine (loopback for published or local ports)
     * @param port      port reachable from this machine
     */
    record Node(String name, String service, int number, String state, String host, int port) {
        public boolean isSentinel() {
            return "sentinel".equals(service);
        }
    }
}
