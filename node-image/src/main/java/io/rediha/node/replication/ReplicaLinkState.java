package io.rediha.node.replication;

/** Where a replica's link to its master stands; {@link #roleName()} is what ROLE reports. */
public enum ReplicaLinkState {
    NONE("none"),
    CONNECT("connect"),
    CONNECTING("connecting"),
    HANDSHAKE("handshake"),
    TRANSFER("sync"),
    CONNECTED("connected");

    private final String roleName;

    ReplicaLinkState(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }
}
