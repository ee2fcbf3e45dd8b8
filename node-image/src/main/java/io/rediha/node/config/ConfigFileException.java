package io.rediha.node.config;

/**
 * A configuration the node refuses to start with. The message names the file, the line and the
 * directive, in the shape redis-server prints it.
 */
public final class ConfigFileException extends Exception {
    public ConfigFileException(String message) {
        super(message);
    }
}
