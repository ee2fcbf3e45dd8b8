package io.rediha.node.server;

/** Placeholder until this part of the node lands; its owner replaces this class. */
public final class ServerMain {
    private ServerMain() {
    }

    public static int run(String... args) {
        System.err.println("ServerMain: not built yet");
        return 1;
    }
}
