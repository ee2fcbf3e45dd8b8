package io.rediha.node.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides what a data node starts as. The rules, in order:
 * <ol>
 *   <li>A master named by the reachable sentinels wins over the role argument: if it is another
 *       node, this one starts as its replica (a restarted old master rejoins as a replica, never
 *       as a second master); if it is this node, it starts as master.</li>
 *   <li>Sentinels answered but know no such master yet (first deployment): the role argument
 *       decides; a replica follows {@code master_host:master_port}.</li>
 *   <li>No sentinel answered: a replica follows {@code master_host:master_port}; a "master"
 *       whose previous run was a replica (its redis.conf was rewritten by Sentinel) stays the
 *       replica of that master rather than guess, because it was demoted by a failover.</li>
 *   <li>Starting as master with an empty data directory and no sentinel to confirm it, or named
 *       master while empty: a loud warning, since replicas would copy the empty set; with
 *       {@code REDIHA_REFUSE_EMPTY_MASTER=yes}, a refusal.</li>
 * </ol>
 */
final class StartPlanner {
    private final Predicate<HostPort> isSelf;

    /** @param isSelf tells whether an address a sentinel gives is this node */
    StartPlanner(Predicate<HostPort> isSelf) {
        this.isSelf = isSelf;
    }

    StartPlan plan(Role role, BootSettings s, SentinelProbe.Result sentinels, boolean hasData, Optional<HostPort> lastReplicaOf) {
        List<String> reasons = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<HostPort> replicaOf;
        boolean confirmedBySentinels = false;

        Optional<HostPort> named = sentinels.master();
        if (named.isPresent() && !isSelf.test(named.get())) {
            replicaOf = named;
            reasons.add("Sentinels " + sentinels.masterBySentinel().keySet() + " name " + named.get() + " as master of '"
                    + s.masterName() + "': starting as its replica (role argument: " + role.name().toLowerCase() + ").");
        } else if (named.isPresent()) {
            replicaOf = Optional.empty();
            confirmedBySentinels = true;
            reasons.add("Sentinels name this node (" + named.get() + ") as master of '" + s.masterName() + "': starting as master.");
        } else if (sentinels.anyAnswered()) {
            replicaOf = role == Role.MASTER ? Optional.empty() : Optional.of(s.master());
            confirmedBySentinels = role == Role.MASTER;
            reasons.add("Sentinels " + sentinels.unaware() + " do not know master '" + s.masterName()
                    + "' yet: starting as " + describe(role, s));
        } else {
            if (s.sentinels().isEmpty()) {
                reasons.add("REDIS_SENTINELS is not set, so no sentinel was asked: starting as " + describe(role, s));
            } else {
                reasons.add("No sentinel answered (" + sentinels.unreachable() + "): starting as " + describe(role, s));
            }
            replicaOf = role == Role.MASTER ? Optional.empty() : Optional.of(s.master());
            if (role == Role.MASTER && lastReplicaOf.isPresent()) {
                replicaOf = lastReplicaOf;
                reasons.add("The previous run of this node was a replica of " + lastReplicaOf.get()
                        + " (set by a failover): staying its replica instead of becoming a second master.");
            }
        }

        Optional<String> refusal = Optional.empty();
        if (replicaOf.isEmpty() && !hasData) {
            String risk = confirmedBySentinels
                    ? "The sentinels treat this node as the master, but its data directory " + s.dataDir() + " is EMPTY."
                    : "Starting as MASTER with an EMPTY data directory (" + s.dataDir() + ") and no sentinel confirmed that this node is the master.";
            warnings.add(risk);
            warnings.add("Replicas that sync from this node will copy the empty data set. If this is a first start, this is expected.");
            warnings.add("If this node lost its volume, stop it and restore the data, or let the sentinels promote a replica first.");
            if (s.refuseEmptyMaster()) {
                refusal = Optional.of("Refusing to start: REDIHA_REFUSE_EMPTY_MASTER=yes and the master would start empty. "
                        + "Restore " + s.dataDir() + ", start the sentinels, or unset REDIHA_REFUSE_EMPTY_MASTER for a first start.");
            }
        }
        return new StartPlan(replicaOf, reasons, warnings, refusal);
    }

    private static String describe(Role role, BootSettings s) {
        return role == Role.MASTER ? "master (role argument)." : "replica of " + s.master() + " (master_host/master_port).";
    }
}
