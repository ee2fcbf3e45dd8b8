package io.rediha.node.command;

/**
 * A family of commands that registers itself into a {@link CommandTable}: one class per Redis
 * command group ({@code StringCommands}, {@code KeyCommands}...), and the same for other
 * subsystems (replication registers REPLICAOF, PSYNC...; persistence SAVE, BGSAVE...).
 */
@FunctionalInterface
public interface CommandGroup {
    void registerInto(CommandTable table);
}
