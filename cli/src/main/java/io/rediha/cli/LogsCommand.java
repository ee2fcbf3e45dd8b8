package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rediha logs}: the nodes' output, each line prefixed with its node, optionally followed. */
@Command(name = "logs",
        mixinStandardHelpOptions = true,
        header = "Show the nodes' logs.",
        footer = {"", "Examples:",
            "  rediha logs                    # every node, whole log",
            "  rediha logs --tail 20 sentinel # the last 20 lines of each sentinel",
            "  rediha logs -f master slave    # follow; Ctrl-C to stop"})
public final class LogsCommand extends ClusterCommand {
    private static final String[] COLORS = {"cyan", "yellow", "green", "magenta", "blue"};

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines of each node (default: all).")
    Integer tail;

    @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "Only these services (default: all).")
    List<String> services = new ArrayList<>();

    @Override
    protected int execute() throws InterruptedException {
        if (tail != null && tail < 0) {
            throw new CliException("--tail " + tail + " is not a line count (0 or more)", null, ExitCodes.USAGE);
        }
        ComposeProject project = readProjectIfPresent();
        Path dir = project != null ? project.workingDir() : composeOptions().file().getParent();
        String name = project != null ? project.name() : projectNameWithoutFile();
        try (ClusterRuntime runtime = openRuntime(dir, name)) {
            List<Node> nodes = runtime.nodes();
            Set<String> known = new LinkedHashSet<>();
            if (project != null) {
                known.addAll(project.compose().services().keySet());
            }
            nodes.forEach(n -> known.add(n.service()));
            for (String s : services) {
                if (!known.contains(s)) {
                    throw new CliException(Messages.unknownService(s, known), null, ExitCodes.USAGE);
                }
            }
            List<Node> selected = nodes.stream().filter(n -> services.isEmpty() || services.contains(n.service())).toList();
            int width = selected.stream().mapToInt(n -> n.name().length()).max().orElse(0);
            int lines = tail == null ? -1 : tail;
            if (!follow) {
                for (int i = 0; i < selected.size(); i++) {
                    runtime.logs(selected.get(i), lines, false, printer(selected.get(i), width, i));
                }
                out().flush();
                return ExitCodes.OK;
            }
            List<Thread> followers = new ArrayList<>();
            for (int i = 0; i < selected.size(); i++) {
                Node n = selected.get(i);
                var sink = printer(n, width, i);
                Thread t = new Thread(() -> {
                    try {
                        runtime.logs(n, lines, true, sink);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "logs-" + n.name());
                t.setDaemon(true);
                t.start();
                followers.add(t);
            }
            try {
                for (Thread t : followers) {
                    t.join();
                }
            } finally {
                followers.forEach(Thread::interrupt);
            }
            return ExitCodes.OK;
        }
    }

    private java.util.function.Consumer<String> printer(Node n, int width, int index) {
        String prefix = paint(String.format("%-" + width + "s |", n.name()), COLORS[index % COLORS.length]) + " ";
        return line -> {
            synchronized (this) {
                out().println(prefix + line);
                if (follow) {
                    out().flush();
                }
            }
        };
    }
}
