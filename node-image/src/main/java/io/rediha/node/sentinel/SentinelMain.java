package io.rediha.node.sentinel;

/** Placeholder until this part of the node lands; its owner replaces this class. */
public final class SentinelMain {
    private SentinelMain() {
    }

    public static int run(String... args) {
        System.err.println("SentinelMain: not built yet");
        return 1;
    }
}
