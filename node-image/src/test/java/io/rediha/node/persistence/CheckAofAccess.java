package io.rediha.node.persistence;

import java.io.PrintStream;

/** Lets tests in sub-packages run {@link CheckAof} with captured output. */
public final class CheckAofAccess {
    private CheckAofAccess() {
    }

    public static int run(PrintStream out, String... args) {
        return CheckAof.run(out, out, args);
    }
}
