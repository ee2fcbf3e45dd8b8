/**
 * The Redis 7 multi-part append-only file: a manifest naming one base file (RDB or AOF form) and
 * incremental files in order. Reading tells a crash-truncated tail from corruption; writing
 * follows the appendfsync contract; the manifest is replaced atomically so a crash during a
 * rewrite leaves the previous, complete set of files in force.
 */
package io.rediha.node.persistence.aof;
