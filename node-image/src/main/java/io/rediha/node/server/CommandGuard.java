package io.rediha.node.server;

import io.rediha.node.command.CommandSpec;

/**
 * A check run before every command, after lookup, arity and authentication. Replication adds
 * {@code READONLY} for replicas and {@code NOREPLICAS} for min-replicas-to-write, and
 * {@code MASTERDOWN} for stale replicas; persistence may refuse writes after a failed save. A
 * refused command counts as rejected and, inside MULTI, makes EXEC fail with EXECABORT.
 */
@FunctionalInterface
public interface CommandGuard {
    /** The error reply text (with its code) when the command must not run, or null. */
    String check(Client client, CommandSpec command, byte[][] argv);
}
