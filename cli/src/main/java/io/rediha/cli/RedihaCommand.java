package io.rediha.cli;

import io.rediha.cli.options.GlobalOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The table of contents of the CLI: every subcommand is listed here and lives in its own class.
 * Running {@code rediha} with no subcommand prints this usage.
 */
@Command(name = "rediha",
        mixinStandardHelpOptions = true,
        versionProvider = RedihaCommand.VersionProvider.class,
        header = "Run a Redis master, replicas and sentinels that survive the loss of any one host.",
        subcommands = {
                CommandLine.HelpCommand.class,
                GenerateCommand.class,
                BuildCommand.class,
                UpCommand.class,
                PsCommand.class,
                ScaleCommand.class,
                LogsCommand.class,
                DownCommand.class,
                TestFailoverCommand.class,
                CompletionCommand.class,
        },
        footer = {"", "Run 'rediha help <command>' for the options of one command."})
public final class RedihaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** -f, -p, --runtime, -H, -v, --no-color: given before the command, read by the cluster commands. */
    @Mixin
    GlobalOptions global;

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RedihaCommand());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version the build wrote into the jar. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"rediha " + version()};
        }
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = RedihaCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
