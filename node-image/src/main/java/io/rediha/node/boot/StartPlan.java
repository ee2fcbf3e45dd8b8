package io.rediha.node.boot;

import java.util.List;
import java.util.Optional;

/**
 * What a data node starts as, and why.
 *
 * @param replicaOf the master to replicate, or empty to start as master
 * @param reasons   one line per decision, logged at start so an operator sees why
 * @param warnings  loud warnings (data-loss risks)
 * @param refusal   set when the node must not start at all
 */
record StartPlan(Optional<HostPort> replicaOf, List<String> reasons, List<String> warnings, Optional<String> refusal) {

    boolean asMaster() {
        return replicaOf.isEmpty();
    }
}
