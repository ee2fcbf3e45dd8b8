package io.rediha.cli.drill;

/**
 * The moments of a round the report shows, in the order they normally happen. Times are measured
 * from the fault (t0). Sentinel events come from pub/sub; the rest from the drill's own polls and writes.
 */
public enum Milestone {
    FAULT_INJECTED("faultInjected", "fault injected"),
    FIRST_SDOWN("firstSdown", "+sdown of the master (first sentinel)"),
    ODOWN("odown", "+odown (quorum agrees it is down)"),
    ELECTED_LEADER("electedLeader", "+elected-leader"),
    PROMOTED("promotedSlave", "+promoted-slave"),
    NEW_MASTER_NAMED("newMasterNamed", "a sentinel names the new master"),
    SWITCH_MASTER("switchMaster", "+switch-master (first sentinel)"),
    SENTINELS_AGREE("sentinelsAgree", "every sentinel names the new master"),
    FIRST_WRITE("firstWriteAfterFault", "first acknowledged write on the new master"),
    REPLICAS_REPOINTED("replicasRepointed", "every other replica follows the new master"),
    FAILOVER_END("failoverEnd", "+failover-end"),
    HEALED("healed", "fault healed"),
    CONVERTED("convertToSlave", "+convert-to-slave of the old master"),
    REJOINED("oldMasterRejoined", "old master linked as a replica"),
    CONVERGED("converged", "every node holds the same keys");

    private final String jsonName;
    private final String label;

    Milestone(String jsonName, String label) {
        this.jsonName = jsonName;
        this.label = label;
    }

    public String jsonName() {
        return jsonName;
    }

    public String label() {
        return label;
    }
}
