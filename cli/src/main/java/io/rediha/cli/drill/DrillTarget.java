package io.rediha.cli.drill;

import io.rediha.cli.runtime.ClusterRuntime.Fault;
import java.util.List;
import redis.clients.jedis.HostAndPort;

/**
 * What the drill breaks and how: a cluster rediha runs ({@link RuntimeTarget}) or a deployment it did
 * not create, broken by the user's own commands ({@link CommandTarget}). Everything else the drill
 * learns from the sentinels and the nodes themselves.
 */
public interface DrillTarget extends AutoCloseable {

    /** One line for the report: "sentinels 127.0.0.1:26379,..." or "docker project rediha". */
    String describe();

    /** The sentinels to ask, at addresses this machine can reach. Empty means there is no cluster. */
    List<HostAndPort> sentinels();

    /**
     * Where this machine reaches the data node the sentinels announce as {@code announced} with run id
     * {@code runId}. The announced address itself where nothing is mapped.
     */
    default HostAndPort reachable(HostAndPort announced, String runId) {
        return announced;
    }

    /** Problems only the target can see before the drill (a paused container, a stopped process). */
    default List<String> preflightProblems() {
        return List.of();
    }

    /**
     * The plan to put {@code fault} into {@code node} and take it out again. Making the plan injects
     * nothing; {@link FaultGuard} registers it first so that a failure half-way is still healed.
     * Throws {@link DrillException} when this target cannot do that fault at all.
     */
    FaultPlan plan(NodeRef node, Fault fault);

    @Override
    default void close() {
    }

    /** A fault on one node: inject once, heal as often as asked (healing what is not broken is harmless). */
    interface FaultPlan {
        /** "pause of 127.0.0.1:7001 (pid 4242)". */
        String describe();

        /** Throws {@link DrillException} saying what went wrong when the fault could not be put in place. */
        void inject();

        /** Throws {@link DrillException} when the node could not be healed; the message says what to do by hand. */
        void heal();

        /**
         * Where this machine reaches the node once healed. The same address unless healing restarted it
         * somewhere else (a container whose published port changed).
         */
        default HostAndPort reachableAfterHeal(NodeRef node) {
            return node.reachable();
        }
    }
}
