package io.rediha.node.sentinel;

import io.rediha.node.client.RespConnection;

/**
 * The connections to one instance and the timestamps that decide whether it is reachable.
 * Masters and replicas get two connections: "cmd" for PING, INFO, PUBLISH and reconfiguration,
 * and "pubsub" subscribed to the hello channel. A peer sentinel gets only a cmd connection, and
 * that link is shared by every master the two sentinels both monitor (counted in
 * {@link #refCount}), so a peer is pinged once, not once per master.
 */
class InstanceLink {
    final boolean wantsPubSub;
    int refCount = 1;

    RespConnection cmd;
    RespConnection pubsub;
    boolean cmdConnecting;
    boolean pubsubConnecting;
    long cmdConnectedAt;
    long pubsubConnectedAt;
    long pubsubLastActivity;
    long lastReconnectAttempt;

    /** Send time of the oldest PING still unanswered; 0 when none is pending. */
    long actPingTime;
    long lastPingTime;
    /** Last reply of any kind to a PING. */
    long lastPongTime;
    /** Last reply that proved the instance available (PONG, LOADING, MASTERDOWN). */
    long lastAvailTime;
    boolean closed;

    InstanceLink(boolean wantsPubSub, long now) {
        this.wantsPubSub = wantsPubSub;
        // As if a PING was sent at creation: an instance we can never reach must still time out.
        this.actPingTime = now;
        this.lastAvailTime = now;
    }

    boolean isDisconnected() {
        return cmd == null || (wantsPubSub && pubsub == null);
    }

    int pendingCommands() {
        return cmd == null ? 0 : cmd.pendingReplies();
    }

    void closeConnections() {
        if (cmd != null) {
            cmd.close();
        }
        if (pubsub != null) {
            pubsub.close();
        }
    }
}
