package io.rediha.node.command;

import io.rediha.node.server.Client;

/**
 * What every write does after changing a key: tell WATCH (and other listeners), publish the
 * keyspace event, and count the change so the command is propagated and {@code save} points see it.
 */
public final class Writes {
    private Writes() {
    }

    /** {@code key} changed by the running command; {@code type} is a {@link io.rediha.node.server.PubSub} class. */
    public static void changed(Client c, byte[] key, int type, String event) {
        c.db().signalModified(key);
        if (type == io.rediha.node.server.PubSub.LIST || type == io.rediha.node.server.PubSub.ZSET) {
            c.server().blocking().signalKeyReady(c.dbIndex(), key);
        }
        c.server().pubsub().notifyKeyspaceEvent(type, event, key, c.dbIndex());
        c.server().dirty++;
    }

    /** Publishes one more event for a key already counted with {@link #changed} (SET EX: "expire"). */
    public static void event(Client c, byte[] key, int type, String event) {
        c.server().pubsub().notifyKeyspaceEvent(type, event, key, c.dbIndex());
    }
}
