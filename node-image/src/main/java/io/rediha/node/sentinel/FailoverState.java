package io.rediha.node.sentinel;

/** Steps of a failover; {@code wireName} is the {@code failover-state} field of SENTINEL MASTER. */
enum FailoverState {
    NONE("none"),
    WAIT_START("wait_start"),
    SELECT_SLAVE("select_slave"),
    SEND_SLAVEOF_NOONE("send_slaveof_noone"),
    WAIT_PROMOTION("wait_promotion"),
    RECONF_SLAVES("reconf_slaves"),
    UPDATE_CONFIG("update_config");

    final String wireName;

    FailoverState(String wireName) {
        this.wireName = wireName;
    }
}
