package io.rediha.node.persistence;

/** Placeholder until this part of the node lands; its owner replaces this class. */
public final class CheckAof {
    private CheckAof() {
    }

    public static int run(String... args) {
        System.err.println("CheckAof: not built yet");
        return 1;
    }
}
