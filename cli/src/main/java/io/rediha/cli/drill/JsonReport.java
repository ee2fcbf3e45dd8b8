package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drill as one JSON document, for scripts and dashboards. Times are milliseconds from the round's
 * fault unless named otherwise; a milestone that was not seen is absent, a measure that could not be
 * taken is null. Field names are stable: scripts depend on them.
 */
public final class JsonReport {
    /** Sentinel events kept per round in the document; a failover produces a few dozen. */
    private static final int MAX_EVENTS = 500;

    private JsonReport() {
    }

    public static String render(DrillResult d, int exitCode) {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("tool", "rediha test-failover");
        w.field("target", d.target());
        w.field("masterName", d.settings().masterName());
        w.field("mode", d.settings().fault().name().toLowerCase(Locale.ROOT));
        w.field("roundsAsked", d.roundsAsked());
        w.field("writers", d.settings().writers());
        w.field("waitReplicas", d.settings().waitReplicas());
        w.field("timeoutMs", d.settings().timeout().toMillis());
        w.field("clientTimeoutMs", d.settings().clientTimeout().toMillis());
        w.field("startedAt", d.started().toString());
        w.field("passed", d.passed());
        w.field("exitCode", exitCode);
        w.field("failure", d.firstFailure());
        summary(w, d.summary());
        w.name("rounds").beginArray();
        for (RoundResult r : d.rounds()) {
            round(w, r);
        }
        w.endArray();
        return w.endObject().toJson();
    }

    private static void summary(JsonWriter w, Summary s) {
        w.name("summary").beginObject();
        w.field("roundsRun", s.roundsRun());
        w.field("roundsPassed", s.roundsPassed());
        stats(w, "timeToNewMasterMs", s.timeToNewMaster());
        stats(w, "writeGapMs", s.writeGap());
        w.field("writesAttempted", s.writesAttempted());
        w.field("writesAcknowledged", s.writesAcked());
        w.field("acknowledgedLost", s.ackedLost());
        w.field("unacknowledgedPresent", s.unackedPresent());
        w.endObject();
    }

    private static void stats(JsonWriter w, String name, Summary.Stats s) {
        w.name(name).beginObject();
        w.field("samples", s.samples());
        w.field("min", s.min());
        w.field("median", s.median());
        w.field("max", s.max());
        w.endObject();
    }

    private static void round(JsonWriter w, RoundResult r) {
        w.beginObject();
        w.field("round", r.round());
        w.field("passed", r.passed());
        w.field("recovered", r.recovered());
        w.field("stoppedInPreflight", r.stoppedInPreflight());
        strings(w, "failures", r.failures());
        strings(w, "notes", r.notes());
        w.field("fault", r.fault());
        w.field("faultInjectionMs", r.t0() < 0 ? null : r.injectionMillis());
        w.field("oldMaster", r.oldMaster());
        w.field("newMaster", r.newMaster());
        w.field("timeToNewMasterMs", r.timeToNewMasterMillis());
        w.field("writeGapMs", r.writeGapMillis());
        w.name("milestonesMs").beginObject();
        for (Map.Entry<Milestone, Double> m : r.milestonesFromFault().entrySet()) {
            w.field(m.getKey().jsonName(), m.getValue());
        }
        w.endObject();
        writes(w, r);
        w.name("nodes").beginArray();
        for (RoundResult.NodeState n : r.nodes()) {
            w.beginObject();
            w.field("address", n.address());
            w.field("role", n.role());
            w.field("keys", n.digest() == null ? null : n.digest().keys());
            w.field("digest", n.digest() == null ? null : n.digest().sha256());
            w.endObject();
        }
        w.endArray();
        w.name("events").beginArray();
        List<SentinelEvents.Event> events = r.events();
        for (SentinelEvents.Event e : events.subList(0, Math.min(MAX_EVENTS, events.size()))) {
            w.beginObject();
            w.field("tMs", r.t0() < 0 ? null : DrillClock.millisBetween(r.t0(), e.nanos()));
            w.field("sentinel", e.sentinel().toString());
            w.field("event", e.type());
            w.field("message", e.message());
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void writes(JsonWriter w, RoundResult r) {
        DataCheck.Verdict v = r.data();
        w.name("writes").beginObject();
        w.field("attempted", r.attempted());
        w.field("acknowledged", r.count(Outcome.ACKED));
        w.field("unconfirmed", r.count(Outcome.UNCONFIRMED));
        w.field("failed", r.count(Outcome.FAILED));
        w.field("acknowledgedByOldMasterAfterFault", r.ackedByOldMasterAfterFault());
        w.field("verified", v != null);
        w.field("acknowledgedLost", v == null ? null : v.ackedLost());
        w.field("unacknowledgedPresent", v == null ? null : v.unackedPresent());
        w.field("wrongValues", v == null ? null : v.wrongValues());
        w.field("unknownKeys", v == null ? null : v.unknownKeys());
        strings(w, "lostSamples", v == null ? List.of() : v.lostSamples());
        w.name("errors").beginObject();
        r.errorKinds().forEach(w::field);
        w.endObject();
        w.endObject();
    }

    private static void strings(JsonWriter w, String name, List<String> values) {
        w.name(name).beginArray();
        values.forEach(w::value);
        w.endArray();
    }
}
