package io.rediha.node.config;

/** A value or directive the configuration refuses; the message is Redis's reason text. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
