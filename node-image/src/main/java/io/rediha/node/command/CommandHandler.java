package io.rediha.node.command;

import io.rediha.node.server.Client;

/**
 * Runs one command for one client on the command thread. The handler writes exactly one reply to
 * {@code client} (or none when it blocks the client, which must then reply when it unblocks).
 * {@code argv[0]} is the command name as the client sent it.
 */
@FunctionalInterface
public interface CommandHandler {
    void execute(Client client, byte[][] argv);
}
