package io.rediha.cli.options;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that come before the command, as in {@code docker-compose -f FILE -p NAME up}:
 * they belong to the root {@code rediha} command (mixed in there once) and every cluster command
 * reads them from it with {@link #of(CommandSpec)}. Keeping them global is what lets
 * {@code logs -f} mean follow and {@code down -v} mean volumes, exactly as in Compose.
 */
public final class GlobalOptions {
    @Mixin
    ComposeOptions compose = new ComposeOptions();

    @Mixin
    RuntimeOptions runtime = new RuntimeOptions();

    @Option(names = {"-v", "--verbose"}, description = "Show more detail, and stack traces on errors.")
    boolean verbose;

    @Option(names = "--no-color", description = "Print without colours (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    public ComposeOptions compose() {
        return compose;
    }

    public RuntimeOptions runtime() {
        return runtime;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Colours {@code text} with picocli styles (e.g. {@code "green"}, {@code "bold,red"}) when colour is on. */
    public String paint(String text, String styles) {
        Ansi ansi = noColor || System.getenv("NO_COLOR") != null ? Ansi.OFF : Ansi.AUTO;
        if (!ansi.enabled()) {
            return text;
        }
        return ansi.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
    }

    /** The global options of the command line {@code spec} belongs to; defaults when none were mixed in at the root. */
    public static GlobalOptions of(CommandSpec spec) {
        for (CommandSpec mixin : spec.root().mixins().values()) {
            if (mixin.userObject() instanceof GlobalOptions g) {
                return g;
            }
        }
        return new GlobalOptions();
    }
}
