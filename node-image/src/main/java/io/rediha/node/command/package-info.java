/**
 * The command table and the commands: one class per Redis command group
 * ({@code StringCommands}, {@code KeyCommands}, {@code ListCommands}...), each a
 * {@link io.rediha.node.command.CommandGroup} that registers its entries.
 *
 * <p>Why it exists: dispatch (arity, flags, key positions) and the COMMAND family answer from the
 * same {@link io.rediha.node.command.CommandTable}, so what clients are told is what the server
 * does. Error texts are spelled once, in {@link io.rediha.node.command.ErrorReplies}.
 *
 * <p>Design: a handler is {@code (Client, byte[][]) -> void}; it writes one reply through the
 * client, or throws {@link io.rediha.node.command.CommandException} with a Redis error reply (dispatch
 * sends it). After changing a key it calls {@link io.rediha.node.command.Writes#changed}, which
 * signals WATCH, publishes the keyspace event and counts the change, so the dispatcher propagates
 * the command; a command whose replay must differ calls {@code Client.propagateAs}.
 *
 * <p>Extension: other packages register their own groups into the table before the server starts
 * ({@code table.register(new ReplicationCommands())}); {@code CommandSpec.builder(name, arity)
 * .flags(...).keys(first, last, step).group(...).handler(...)}; container commands take
 * subcommands with {@link io.rediha.node.command.CommandSpec#addSubcommand}. DEBUG subcommands are
 * added with {@link io.rediha.node.command.DebugCommand#addSubcommand}.
 */
package io.rediha.node.command;
