package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.Locale;
import java.util.Map;

/**
 * The drill as a single self-contained HTML page: summary, then per round the milestones, the write
 * timeline ({@link TimelineSvg}), the data verdict and the nodes. No scripts, fonts or styles are
 * fetched, so the page can be attached to a ticket and opened anywhere.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(DrillResult d) {
        StringBuilder h = new StringBuilder();
        DrillSettings s = d.settings();
        String mode = s.fault().name().toLowerCase(Locale.ROOT);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.append("<title>rediha failover drill: ").append(d.passed() ? "PASS" : "FAIL").append("</title>\n");
        h.append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;margin:.5em 0}"
                + "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}td.n{text-align:right}"
                + ".pass{color:#2e8b57}.fail{color:#d64545}.key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}"
                + "</style></head><body>\n");
        h.append("<h1>Failover drill: <span class=\"").append(d.passed() ? "pass\">PASS" : "fail\">FAIL").append("</span></h1>\n");
        h.append("<p>").append(escape(mode)).append(" of the master of <b>").append(escape(s.masterName())).append("</b>, ")
                .append(d.roundsAsked()).append(" round(s), ").append(s.writers()).append(" writer(s)")
                .append(s.waitReplicas() > 0 ? ", WAIT " + s.waitReplicas() + " after every write" : "")
                .append("; ").append(escape(d.target())).append("; started ").append(escape(d.started().toString())).append("</p>\n");
        if (!d.passed()) {
            h.append("<p class=\"fail\">").append(escape(d.firstFailure())).append("</p>\n");
        }
        summary(h, d.summary());
        for (RoundResult r : d.rounds()) {
            round(h, r);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Summary s) {
        h.append("<h2>Summary</h2>\n<table><tr><th></th><th>min</th><th>median</th><th>max</th></tr>\n");
        statsRow(h, "time to new master (ms)", s.timeToNewMaster());
        statsRow(h, "write gap (ms)", s.writeGap());
        h.append("</table>\n<p>").append(s.roundsPassed()).append(" of ").append(s.roundsRun()).append(" round(s) passed; ")
                .append(s.writesAttempted()).append(" writes attempted, ").append(s.writesAcked()).append(" acknowledged, ")
                .append(s.ackedLost()).append(" acknowledged and lost, ").append(s.unackedPresent())
                .append(" unacknowledged but present.</p>\n");
    }

    private static void statsRow(StringBuilder h, String name, Summary.Stats st) {
        h.append("<tr><td>").append(escape(name)).append("</td><td class=\"n\">").append(num(st.min()))
                .append("</td><td class=\"n\">").append(num(st.median())).append("</td><td class=\"n\">")
                .append(num(st.max())).append("</td></tr>\n");
    }

    private static void round(StringBuilder h, RoundResult r) {
        h.append("<h2>Round ").append(r.round()).append(": <span class=\"").append(r.passed() ? "pass\">PASS" : "fail\">FAIL")
                .append("</span></h2>\n");
        if (r.oldMaster() != null) {
            h.append("<p>master ").append(escape(r.oldMaster())).append(" &rarr; ")
                    .append(escape(r.newMaster() == null ? "(none)" : r.newMaster())).append("</p>\n");
        }
        for (String f : r.failures()) {
            h.append("<p class=\"fail\">").append(escape(f)).append("</p>\n");
        }
        for (String n : r.notes()) {
            h.append("<p>").append(escape(n)).append("</p>\n");
        }
        if (r.t0() < 0) {
            return;
        }
        h.append(TimelineSvg.render(r));
        h.append("<p class=\"key\">");
        for (int i = TimelineSvg.COLOURS.length - 1; i >= 1; i--) {
            h.append("<span style=\"background:").append(TimelineSvg.COLOURS[i]).append("\"></span>")
                    .append(escape(TimelineSvg.MEANINGS[i]));
        }
        h.append("</p>\n<table><tr><th>#</th><th>ms from fault</th><th>what happened</th></tr>\n");
        int n = 1;
        for (Map.Entry<Milestone, Double> m : r.milestonesFromFault().entrySet()) {
            String label = m.getKey() == Milestone.FAULT_INJECTED && r.fault() != null
                    ? "fault injected: " + r.fault() : m.getKey().label();
            h.append("<tr><td class=\"n\">").append(n++).append("</td><td class=\"n\">").append(num(m.getValue()))
                    .append("</td><td>").append(escape(label)).append("</td></tr>\n");
        }
        h.append("</table>\n<table>\n");
        row(h, "time to new master (ms)", num(r.timeToNewMasterMillis()));
        row(h, "write gap (ms)", num(r.writeGapMillis()));
        row(h, "writes attempted", Long.toString(r.attempted()));
        row(h, "acknowledged", Long.toString(r.count(Outcome.ACKED)));
        row(h, "unconfirmed by WAIT", Long.toString(r.count(Outcome.UNCONFIRMED)));
        row(h, "failed", Long.toString(r.count(Outcome.FAILED)));
        DataCheck.Verdict v = r.data();
        if (v != null) {
            row(h, "acknowledged and lost", Long.toString(v.ackedLost()));
            row(h, "unacknowledged but present", Long.toString(v.unackedPresent()));
            row(h, "wrong values / unknown keys", v.wrongValues() + " / " + v.unknownKeys());
        }
        r.errorKinds().forEach((k, c) -> row(h, "errors: " + k, Long.toString(c)));
        h.append("</table>\n");
        if (!r.nodes().isEmpty()) {
            h.append("<table><tr><th>node</th><th>role</th><th>keys</th><th>digest</th></tr>\n");
            for (RoundResult.NodeState ns : r.nodes()) {
                h.append("<tr><td>").append(escape(ns.address())).append("</td><td>").append(escape(ns.role()))
                        .append("</td><td class=\"n\">").append(ns.digest() == null ? "-" : Long.toString(ns.digest().keys()))
                        .append("</td><td><code>").append(ns.digest() == null ? "-" : ns.digest().shortDigest())
                        .append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(escape(name)).append("</td><td class=\"n\">").append(escape(value)).append("</td></tr>\n");
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
