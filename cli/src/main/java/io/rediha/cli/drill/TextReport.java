package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drill for a person at a terminal: a table per round, then the summary and the verdict. */
public final class TextReport {
    private TextReport() {
    }

    public static void print(DrillResult d, PrintWriter out) {
        DrillSettings s = d.settings();
        out.printf(Locale.ROOT, "rediha test-failover: %s of the master, %d round(s), %d writer(s)%s, %s%n",
                s.fault().name().toLowerCase(Locale.ROOT), d.roundsAsked(), s.writers(),
                s.waitReplicas() > 0 ? ", WAIT " + s.waitReplicas() + " after every write" : "", d.target());
        for (RoundResult r : d.rounds()) {
            out.println();
            round(r, out);
        }
        out.println();
        summary(d, out);
        out.flush();
    }

    static void round(RoundResult r, PrintWriter out) {
        if (r.stoppedInPreflight()) {
            out.printf(Locale.ROOT, "Round %d: FAIL, nothing was broken: the cluster is not healthy%n", r.round());
            r.failures().forEach(f -> out.println("  problem: " + f));
            r.notes().forEach(n -> out.println("  note: " + n));
            return;
        }
        out.printf(Locale.ROOT, "Round %d: %s%s%n", r.round(), r.passed() ? "PASS" : "FAIL",
                r.oldMaster() == null ? "" : "   master " + r.oldMaster() + " -> "
                        + (r.newMaster() == null ? "(none)" : r.newMaster()));
        if (r.t0() >= 0) {
            out.printf(Locale.ROOT, "  %12s  %s%n", "ms from fault", "what happened");
            for (Map.Entry<Milestone, Double> m : r.milestonesFromFault().entrySet()) {
                String label = m.getKey().label();
                if (m.getKey() == Milestone.FAULT_INJECTED && r.fault() != null) {
                    label = "fault injected: " + r.fault();
                }
                out.printf(Locale.ROOT, "  %12.1f  %s%n", m.getValue(), label);
            }
            out.printf(Locale.ROOT, "  writes: %d attempted, %d acknowledged, %d unconfirmed, %d failed%s%n", r.attempted(),
                    r.count(Outcome.ACKED), r.count(Outcome.UNCONFIRMED), r.count(Outcome.FAILED), errors(r));
            out.printf(Locale.ROOT, "  time to new master: %s, write gap: %s%n", ms(r.timeToNewMasterMillis()), ms(r.writeGapMillis()));
            DataCheck.Verdict v = r.data();
            if (v != null) {
                out.printf(Locale.ROOT, "  data on the new master: %d acknowledged write(s) lost, %d unacknowledged present, "
                        + "%d wrong value(s), %d unknown key(s)%n", v.ackedLost(), v.unackedPresent(), v.wrongValues(), v.unknownKeys());
            }
            if (r.ackedByOldMasterAfterFault() > 0) {
                out.printf(Locale.ROOT, "  %d write(s) after the fault were acknowledged by the old master%n", r.ackedByOldMasterAfterFault());
            }
            for (RoundResult.NodeState n : r.nodes()) {
                out.printf(Locale.ROOT, "  node %-22s %-8s %s%n", n.address(), n.role(),
                        n.digest() == null ? "no digest" : n.digest().keys() + " keys, digest " + n.digest().shortDigest());
            }
        }
        for (String f : r.failures()) {
            out.println("  failed: " + f);
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
    }

    static void summary(DrillResult d, PrintWriter out) {
        Summary s = d.summary();
        out.printf(Locale.ROOT, "Summary over %d round(s): %d passed%n", s.roundsRun(), s.roundsPassed());
        out.printf(Locale.ROOT, "  %-22s %10s %10s %10s%n", "", "min", "median", "max");
        stats("time to new master ms", s.timeToNewMaster(), out);
        stats("write gap ms", s.writeGap(), out);
        out.printf(Locale.ROOT, "  writes: %d attempted, %d acknowledged; acknowledged and lost: %d%s; unacknowledged but present: %d%n",
                s.writesAttempted(), s.writesAcked(), s.ackedLost(),
                d.settings().waitReplicas() > 0 ? " (confirmed by WAIT " + d.settings().waitReplicas() + ")" : "",
                s.unackedPresent());
        out.println(d.passed() ? "Result: PASS" : "Result: FAIL: " + d.firstFailure());
    }

    private static void stats(String name, Summary.Stats st, PrintWriter out) {
        out.printf(Locale.ROOT, "  %-22s %10s %10s %10s%n", name, num(st.min()), num(st.median()), num(st.max()));
    }

    private static String errors(RoundResult r) {
        if (r.errorKinds().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        r.errorKinds().forEach((k, v) -> parts.add(v + " " + k));
        return " (" + String.join(", ", parts) + ")";
    }

    private static String ms(Double v) {
        return v == null ? "not measured" : String.format(Locale.ROOT, "%.1f ms", v);
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
