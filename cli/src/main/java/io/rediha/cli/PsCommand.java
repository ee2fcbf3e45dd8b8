package io.rediha.cli;

import io.rediha.cli.compose.ComposeProject;
import io.rediha.cli.compose.NodeRole;
import io.rediha.cli.health.ClusterHealth;
import io.rediha.cli.health.HealthChecker;
import io.rediha.cli.health.NodeProbe;
import io.rediha.cli.health.NodeStatus;
import io.rediha.cli.runtime.ClusterRuntime;
import io.rediha.cli.runtime.ClusterRuntime.Node;
import io.rediha.cli.runtime.Deployer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rediha ps}: every node with its live role and replication state, and a verdict. */
@Command(name = "ps",
        mixinStandardHelpOptions = true,
        header = "List the nodes with their live role, state, offset and each sentinel's view.",
        description = {"The ROLE column is what the node answers to ROLE right now: after a failover a container"
                + " of service slave can be the master, and ps shows it. LAG is how many bytes a replica is behind"
                + " the master. The last line says whether the cluster is healthy, or what is wrong."},
        footer = {"", "Examples:",
            "  rediha ps",
            "  rediha ps --json | jq '.nodes[] | select(.role == \"master\")'",
            "", "Exit codes: 0 healthy, 1 not healthy (or no nodes), 2 usage, 3 engine unreachable."})
public final class PsCommand extends ClusterCommand {
    @Option(names = "--json", description = "Print JSON instead of the table.")
    boolean json;

    @Override
    protected int execute() {
        ComposeProject project = readProject();
        try (ClusterRuntime runtime = openRuntime(project)) {
            List<Node> nodes = runtime.nodes();
            if (nodes.isEmpty()) {
                if (json) {
                    out().println("{\"project\":" + Json.string(project.name()) + ",\"runtime\":"
                            + Json.string(runtime.name()) + ",\"nodes\":[],\"healthy\":false,\"problems\":[\"no nodes\"]}");
                } else {
                    out().println("No nodes of project " + project.name() + " (" + runtime.name() + ").");
                    progress(Messages.NO_NODES_HINT);
                }
                out().flush();
                return ExitCodes.UNHEALTHY;
            }
            HealthChecker checker = new HealthChecker(new NodeProbe(Duration.ofMillis(800), project.password(),
                    project.masterName()));
            ClusterHealth health = checker.check(nodes, Deployer.roles(project));
            if (json) {
                printJson(project, runtime, health);
            } else {
                printTable(health);
            }
            out().flush();
            return health.healthy() ? ExitCodes.OK : ExitCodes.UNHEALTHY;
        }
    }

    private void printTable(ClusterHealth health) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "SERVICE", "ROLE", "STATE", "ADDRESS", "OFFSET", "LAG", "SENTINEL VIEW"});
        for (NodeStatus s : health.nodes()) {
            rows.add(new String[] {s.node().name(), s.node().service(), role(s), s.node().state(),
                s.node().host().isEmpty() ? "-" : s.node().address(), s.offset() < 0 ? "-" : String.valueOf(s.offset()),
                lag(health, s).map(String::valueOf).orElse("-"), view(s)});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]);
                line.append(i == 3 && r != rows.get(0) ? paintState(cell, r[i]) : cell);
            }
            out().println(line.toString().stripTrailing());
        }
        out().println(health.healthy() ? paint(health.summary(), "green") : paint(health.summary(), "red"));
    }

    private String paintState(String cell, String state) {
        return switch (state) {
            case "running" -> paint(cell, "green");
            case "paused", "unhealthy", "restarting" -> paint(cell, "yellow");
            default -> paint(cell, "red");
        };
    }

    private static String role(NodeStatus s) {
        if (s.liveRole() != null) {
            return s.liveRole();
        }
        return "?";
    }

    /** Bytes a replica is behind the master, from the two offsets. */
    private static Optional<Long> lag(ClusterHealth health, NodeStatus s) {
        if (!"slave".equals(s.liveRole()) || s.offset() < 0) {
            return Optional.empty();
        }
        return health.master().filter(m -> m.offset() >= 0).map(m -> Math.max(0, m.offset() - s.offset()));
    }

    private static String view(NodeStatus s) {
        if (!s.answered()) {
            return s.error();
        }
        NodeStatus.SentinelView v = s.sentinel();
        if (s.role() != NodeRole.SENTINEL || v == null) {
            return "";
        }
        if (v.masterHost() == null) {
            return "monitors no master: " + v.flags();
        }
        return "master " + v.masterHost() + ":" + v.masterPort() + (v.seesMasterDown() ? " (" + v.flags() + ")" : "")
                + ", " + v.replicas() + " replicas, " + v.otherSentinels() + " other sentinels, quorum " + v.quorum()
                + (v.quorumOk() ? " ok" : " NOT ok");
    }

    private void printJson(ComposeProject project, ClusterRuntime runtime, ClusterHealth health) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"project\":").append(Json.string(project.name()))
                .append(",\"runtime\":").append(Json.string(runtime.name()))
                .append(",\"nodes\":[");
        boolean first = true;
        for (NodeStatus s : health.nodes()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Node n = s.node();
            sb.append("{\"name\":").append(Json.string(n.name()))
                    .append(",\"service\":").append(Json.string(n.service()))
                    .append(",\"number\":").append(n.number())
                    .append(",\"role\":").append(Json.string(s.liveRole()))
                    .append(",\"state\":").append(Json.string(n.state()))
                    .append(",\"host\":").append(Json.string(n.host()))
                    .append(",\"port\":").append(n.port())
                    .append(",\"offset\":").append(s.offset() < 0 ? "null" : String.valueOf(s.offset()))
                    .append(",\"lag\":").append(lag(health, s).map(String::valueOf).orElse("null"))
                    .append(",\"error\":").append(Json.string(s.error()));
            NodeStatus.SentinelView v = s.sentinel();
            if (v != null) {
                sb.append(",\"sentinel\":{\"masterHost\":").append(Json.string(v.masterHost()))
                        .append(",\"masterPort\":").append(v.masterPort())
                        .append(",\"flags\":").append(Json.string(v.flags()))
                        .append(",\"replicas\":").append(v.replicas())
                        .append(",\"otherSentinels\":").append(v.otherSentinels())
                        .append(",\"quorum\":").append(v.quorum())
                        .append(",\"ckquorum\":").append(Json.string(v.ckquorum()))
                        .append('}');
            }
            sb.append('}');
        }
        sb.append("],\"healthy\":").append(health.healthy()).append(",\"problems\":[");
        for (int i = 0; i < health.problems().size(); i++) {
            sb.append(i == 0 ? "" : ",").append(Json.string(health.problems().get(i)));
        }
        sb.append("]}");
        out().println(sb);
    }

    /** Just enough JSON for ps: strings escaped per RFC 8259. */
    static final class Json {
        private Json() {
        }

        static String string(String s) {
            if (s == null) {
                return "null";
            }
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
    }
}
