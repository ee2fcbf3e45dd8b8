package io.rediha.cli;

/**
 * Exit codes scripts can trust. picocli's own 0 (ok) and 2 (usage) are kept; our failures get
 * their own numbers so a script can tell a broken cluster from a broken command.
 */
public final class ExitCodes {
    /** The command did what was asked, and the cluster is healthy. */
    public static final int OK = 0;
    /** The command ran, but the cluster is not healthy (or a drill found it did not recover). */
    public static final int UNHEALTHY = 1;
    /** Bad command line: unknown option, bad value, impossible setting. */
    public static final int USAGE = 2;
    /** The Docker engine could not be reached. */
    public static final int ENGINE_UNREACHABLE = 3;

    private ExitCodes() {
    }
}
