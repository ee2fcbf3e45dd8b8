package io.rediha.node.server;

/**
 * Limits read on hot paths, kept in fields that follow the configuration (CONFIG SET changes them
 * for connections already open).
 */
public final class Limits {
    volatile long protoMaxBulkLen = 512L * 1024 * 1024;
    volatile long queryBufferLimit = 1024L * 1024 * 1024;
    volatile long maxClients = 10000;
    volatile long timeoutSeconds;
    volatile long slowlogSlowerThanMicros = 10000;
    volatile long maxmemory;
    /** client-output-buffer-limit per class: hard bytes, soft bytes, soft seconds. */
    volatile long[] normalOutput = {0, 0, 0};
    volatile long[] replicaOutput = {268435456L, 67108864L, 60};
    volatile long[] pubsubOutput = {33554432L, 8388608L, 60};
}
