package io.rediha.cli;

import picocli.CommandLine;

/** Entry point of the rediha command: the exit code of the command is the process's exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RedihaCommand.commandLine().execute(args));
    }
}
