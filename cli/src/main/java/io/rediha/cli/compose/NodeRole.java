package io.rediha.cli.compose;

import java.util.Locale;
import java.util.Optional;

/** What a service's containers run as, read from the role argument the image takes as its command. */
public enum NodeRole {
    MASTER("master"),
    REPLICA("slave"),
    SENTINEL("sentinel");

    private final String word;

    NodeRole(String word) {
        this.word = word;
    }

    /** The role argument the image understands ({@code master}, {@code slave}, {@code sentinel}). */
    public String word() {
        return word;
    }

    public boolean isDataNode() {
        return this != SENTINEL;
    }

    /** The role for an image argument; {@code replica} is accepted as a synonym of {@code slave}. */
    public static Optional<NodeRole> fromArgument(String argument) {
        return switch (argument.toLowerCase(Locale.ROOT)) {
            case "master" -> Optional.of(MASTER);
            case "slave", "replica" -> Optional.of(REPLICA);
            case "sentinel" -> Optional.of(SENTINEL);
            default -> Optional.empty();
        };
    }
}
