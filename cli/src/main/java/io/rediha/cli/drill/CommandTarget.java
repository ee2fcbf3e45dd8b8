package io.rediha.cli.drill;

import io.rediha.cli.runtime.ClusterRuntime.Fault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * A deployment rediha did not create: sentinels given by address, faults put in and taken out by the
 * user's own shell commands. The commands learn which node to break from environment variables:
 * {@code REDIHA_MASTER_HOST}, {@code REDIHA_MASTER_PORT}, {@code REDIHA_MASTER_PID} (the node's INFO
 * process_id, meaningful when it runs on this machine), {@code REDIHA_MASTER_RUN_ID} and
 * {@code REDIHA_FAULT} (pause, stop, kill or disconnect). The heal command gets the same values as the
 * fault command, so it heals the node that was broken even after another node became master.
 */
public final class CommandTarget implements DrillTarget {
    private final List<HostAndPort> sentinels;
    private final String faultCommand;
    private final String healCommand;
    private final Duration bound;

    public CommandTarget(List<HostAndPort> sentinels, String faultCommand, String healCommand, Duration bound) {
        if (sentinels.isEmpty()) {
            throw new IllegalArgumentException("--sentinels needs at least one host:port");
        }
        if (faultCommand == null || faultCommand.isBlank() || healCommand == null || healCommand.isBlank()) {
            throw new IllegalArgumentException(
                    "--sentinels needs both --fault-cmd and --heal-cmd: rediha cannot break or heal a node it did not create");
        }
        this.sentinels = List.copyOf(sentinels);
        this.faultCommand = faultCommand;
        this.healCommand = healCommand;
        this.bound = bound;
    }

    @Override
    public String describe() {
        return "sentinels " + String.join(",", sentinels.stream().map(HostAndPort::toString).toList());
    }

    @Override
    public List<HostAndPort> sentinels() {
        return sentinels;
    }

    @Override
    public FaultPlan plan(NodeRef node, Fault fault) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REDIHA_MASTER_HOST", node.announced().getHost());
        env.put("REDIHA_MASTER_PORT", Integer.toString(node.announced().getPort()));
        env.put("REDIHA_MASTER_PID", node.pid() > 0 ? Long.toString(node.pid()) : "");
        env.put("REDIHA_MASTER_RUN_ID", node.runId());
        env.put("REDIHA_FAULT", fault.name().toLowerCase(Locale.ROOT));
        String what = fault.name().toLowerCase(Locale.ROOT) + " of " + node
                + (node.pid() > 0 ? " (pid " + node.pid() + ")" : "");
        return new FaultPlan() {
            @Override
            public String describe() {
                return what;
            }

            @Override
            public void inject() {
                runOrThrow("fault", faultCommand, env);
            }

            @Override
            public void heal() {
                runOrThrow("heal", healCommand, env);
            }
        };
    }

    private void runOrThrow(String what, String command, Map<String, String> env) {
        ShellCommand.Outcome outcome = ShellCommand.run(what, command, env, bound);
        if (!outcome.succeeded()) {
            throw new DrillException("the " + what + " command failed (exit " + outcome.exitCode() + "): " + command
                    + (outcome.output().isEmpty() ? "" : System.lineSeparator() + outcome.output()),
                    "run it by hand with REDIHA_MASTER_HOST=" + env.get("REDIHA_MASTER_HOST")
                            + " REDIHA_MASTER_PORT=" + env.get("REDIHA_MASTER_PORT")
                            + " REDIHA_MASTER_PID=" + env.get("REDIHA_MASTER_PID") + " to see why");
        }
    }
}
