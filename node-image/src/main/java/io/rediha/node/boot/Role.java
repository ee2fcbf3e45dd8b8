package io.rediha.node.boot;

import java.util.Locale;
import java.util.Optional;

/** The role named by the image's argument. {@code slave} and {@code replica} are the same role. */
enum Role {
    /** Become master unless a sentinel knows another master. */
    MASTER,
    /** Replicate the master the sentinels name, else the one in master_host/master_port. */
    REPLICA,
    SENTINEL;

    /** The role for an argument, or empty when the argument names none. */
    static Optional<Role> parse(String argument) {
        return switch (argument.toLowerCase(Locale.ROOT)) {
            case "master" -> Optional.of(MASTER);
            case "slave", "replica" -> Optional.of(REPLICA);
            case "sentinel" -> Optional.of(SENTINEL);
            default -> Optional.empty();
        };
    }

    boolean isDataNode() {
        return this != SENTINEL;
    }
}
