package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;

/**
 * What one round saw and measured. Filled in by {@link DrillRound} as the round goes; read by the
 * reports. A round passed when it recorded no failure; notes are things worth knowing that are not
 * failures (acknowledged writes lost without --wait-replicas, a warning from the preflight).
 */
public final class RoundResult {
    private final int round;
    private final boolean waitReplicas;
    private final EnumMap<Milestone, Long> milestones = new EnumMap<>(Milestone.class);
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private boolean preflightFailed;
    private String oldMaster;
    private String newMaster;
    private String fault;
    private long t0 = -1;
    private double injectionMillis;
    private List<SentinelEvents.Event> events = List.of();
    private List<WriteLog> logs = List.of();
    private List<HostAndPort> servers = List.of();
    private Map<String, Long> errorKinds = Map.of();
    private DataCheck.Verdict data;

    /** One data node at the end of the round: its role and what it holds. */
    public record NodeState(String address, String role, NodeDigest digest) {
    }

    RoundResult(int round, boolean waitReplicas) {
        this.round = round;
        this.waitReplicas = waitReplicas;
    }

    // ---- written by the round ----

    void fail(String reason) {
        failures.add(reason);
    }

    void preflightFailed(List<String> problems) {
        preflightFailed = true;
        failures.addAll(problems);
    }

    void note(String note) {
        notes.add(note);
    }

    void mark(Milestone m, long nanos) {
        milestones.putIfAbsent(m, nanos);
    }

    void markEarliest(Milestone m, long nanos) {
        milestones.merge(m, nanos, Math::min);
    }

    void faultAt(long nanos, String description, double injectionMillis) {
        this.t0 = nanos;
        this.fault = description;
        this.injectionMillis = injectionMillis;
        mark(Milestone.FAULT_INJECTED, nanos);
    }

    void masters(String oldMaster, String newMaster) {
        if (oldMaster != null) {
            this.oldMaster = oldMaster;
        }
        if (newMaster != null) {
            this.newMaster = newMaster;
        }
    }

    void writes(List<WriteLog> logs, List<HostAndPort> servers, Map<String, Long> errorKinds) {
        this.logs = List.copyOf(logs);
        this.servers = List.copyOf(servers);
        this.errorKinds = Map.copyOf(errorKinds);
    }

    void events(List<SentinelEvents.Event> events) {
        this.events = List.copyOf(events);
    }

    void data(DataCheck.Verdict data) {
        this.data = data;
    }

    void node(NodeState state) {
        nodes.put(state.address(), state);
    }

    // ---- read by the reports ----

    public int round() {
        return round;
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** True when the round never got as far as breaking anything. */
    public boolean stoppedInPreflight() {
        return preflightFailed;
    }

    /** True when the drill may go on to the next round: the failover completed and the cluster converged. */
    public boolean recovered() {
        return !preflightFailed && milestones.containsKey(Milestone.SENTINELS_AGREE)
                && milestones.containsKey(Milestone.REJOINED) && milestones.containsKey(Milestone.CONVERGED);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String oldMaster() {
        return oldMaster;
    }

    public String newMaster() {
        return newMaster;
    }

    public String fault() {
        return fault;
    }

    public long t0() {
        return t0;
    }

    /** How long putting the fault in place took (the fault command or runtime call); t0 is its end. */
    public double injectionMillis() {
        return injectionMillis;
    }

    public boolean waitedForReplicas() {
        return waitReplicas;
    }

    /** Milliseconds from the fault to the milestone, or null when it was not seen. */
    public Double millisFromFault(Milestone m) {
        Long at = milestones.get(m);
        return at == null || t0 < 0 ? null : DrillClock.millisBetween(t0, at);
    }

    /** Fault to the first moment a sentinel named the new master, or null. */
    public Double timeToNewMasterMillis() {
        return millisFromFault(Milestone.NEW_MASTER_NAMED);
    }

    /**
     * Write unavailability: from the last write acknowledged before the fault to the first write
     * acknowledged by the new master. Null when either is missing.
     */
    public Double writeGapMillis() {
        Long first = milestones.get(Milestone.FIRST_WRITE);
        long last = lastAckBeforeFault();
        return first == null || last < 0 ? null : DrillClock.millisBetween(last, first);
    }

    /** End time of the last write acknowledged that started before the fault, or -1. */
    public long lastAckBeforeFault() {
        long last = -1;
        for (WriteLog log : logs) {
            for (int i = log.size() - 1; i >= 0; i--) {
                if (log.start(i) < t0 && log.outcome(i) == Outcome.ACKED) {
                    last = Math.max(last, log.end(i));
                    break;
                }
            }
        }
        return last;
    }

    public long count(Outcome outcome) {
        long n = 0;
        for (WriteLog log : logs) {
            for (int i = 0; i < log.size(); i++) {
                if (log.outcome(i) == outcome) {
                    n++;
                }
            }
        }
        return n;
    }

    public long attempted() {
        return logs.stream().mapToLong(WriteLog::size).sum();
    }

    /** Acknowledged writes answered by the old master after the fault: writes a cut-off master took. */
    public long ackedByOldMasterAfterFault() {
        int old = oldMaster == null ? -1 : serverIndex(oldMaster);
        long n = 0;
        for (WriteLog log : logs) {
            for (int i = 0; i < log.size(); i++) {
                if (log.start(i) >= t0 && log.server(i) == old && log.outcome(i) == Outcome.ACKED) {
                    n++;
                }
            }
        }
        return old < 0 ? 0 : n;
    }

    private int serverIndex(String address) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).toString().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    /** The milestones seen, in the order they happened (ties in their natural order). */
    public Map<Milestone, Double> milestonesFromFault() {
        List<Map.Entry<Milestone, Double>> seen = new ArrayList<>();
        for (Milestone k : Milestone.values()) {
            Double v = millisFromFault(k);
            if (v != null) {
                seen.add(Map.entry(k, v));
            }
        }
        seen.sort(Map.Entry.comparingByValue());
        Map<Milestone, Double> m = new LinkedHashMap<>();
        seen.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public List<SentinelEvents.Event> events() {
        return events;
    }

    public List<WriteLog> logs() {
        return logs;
    }

    public List<HostAndPort> servers() {
        return servers;
    }

    public Map<String, Long> errorKinds() {
        return errorKinds;
    }

    public DataCheck.Verdict data() {
        return data;
    }

    public List<NodeState> nodes() {
        return List.copyOf(nodes.values());
    }
}
