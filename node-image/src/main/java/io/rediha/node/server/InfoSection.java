package io.rediha.node.server;

/**
 * One section of INFO. Sections are registered by name in {@link InfoRegistry}; a subsystem
 * replaces a section the core fills with defaults (replication, persistence) by registering the
 * same name. The writer appends {@code field:value\r\n} lines, without the {@code # Title} line.
 */
@FunctionalInterface
public interface InfoSection {
    void write(StringBuilder out);
}
