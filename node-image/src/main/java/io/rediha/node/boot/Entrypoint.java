package io.rediha.node.boot;

/** Placeholder until this part of the node lands; its owner replaces this class. */
public final class Entrypoint {
    private Entrypoint() {
    }

    public static int run(String... args) {
        System.err.println("Entrypoint: not built yet");
        return 1;
    }
}
