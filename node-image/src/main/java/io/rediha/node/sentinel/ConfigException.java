package io.rediha.node.sentinel;

/** A sentinel.conf line that cannot be applied; the message is what Redis would print. */
final class ConfigException extends Exception {
    ConfigException(String message) {
        super(message);
    }
}
