package io.rediha.node.sentinel;

/**
 * State flags of a monitored instance. Declaration order is the order Redis lists them in the
 * {@code flags} field of SENTINEL MASTERS / REPLICAS / SENTINELS; {@code wireName} null means
 * internal, never shown.
 */
enum InstanceFlag {
    S_DOWN("s_down"),
    O_DOWN("o_down"),
    MASTER("master"),
    SLAVE("slave"),
    SENTINEL("sentinel"),
    DISCONNECTED("disconnected"),
    /** A peer sentinel's last is-master-down-by-addr answer said the master is down. */
    MASTER_DOWN("master_down"),
    FAILOVER_IN_PROGRESS("failover_in_progress"),
    PROMOTED("promoted"),
    RECONF_SENT("reconf_sent"),
    RECONF_INPROG("reconf_inprog"),
    RECONF_DONE("reconf_done"),
    FORCE_FAILOVER("force_failover"),
    SCRIPT_KILL_SENT("script_kill_sent"),
    MASTER_REBOOT("master_reboot"),
    /**
     * This replica entry is the master we failed over from. If it answers again still calling
     * itself master, it is converted at once instead of after Redis's grace period (see
     * {@link InfoHandler}).
     */
    DEMOTED_MASTER(null);

    final String wireName;

    InstanceFlag(String wireName) {
        this.wireName = wireName;
    }
}
