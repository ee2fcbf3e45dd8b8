package io.rediha.node.server;

import io.rediha.node.store.Bytes;

/** A key watched by WATCH: database index and key. */
record WatchedKey(int db, Bytes key) {
}
