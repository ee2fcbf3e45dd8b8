package io.rediha.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rediha.cli.drill.WriteLog.Outcome;
import io.rediha.cli.runtime.ClusterRuntime.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** The three reports of one hand-made round: they must tell the same story, and the HTML must be safe and offline. */
class ReportsTest {
    static final long MS = 1_000_000L;

    static DrillResult oneRound() {
        DrillSettings s = new DrillSettings(Fault.PAUSE, 1, 2, 0, Duration.ofSeconds(30), Duration.ofMillis(1),
                Duration.ofSeconds(2), "mymaster", null, false);
        RoundResult r = new RoundResult(1, false);
        r.masters("127.0.0.1:7001", null);
        r.faultAt(10_000 * MS, "pause of 127.0.0.1:7001 <script>", 12.5);
        r.mark(Milestone.FIRST_SDOWN, 11_000 * MS);
        r.mark(Milestone.NEW_MASTER_NAMED, 12_500 * MS);
        r.mark(Milestone.SENTINELS_AGREE, 12_600 * MS);
        r.mark(Milestone.FIRST_WRITE, 14_000 * MS);
        r.masters(null, "127.0.0.1:7002");
        WriteLog w = new WriteLog(0);
        w.append(9_000 * MS, 9_001 * MS, Outcome.ACKED, 0);
        w.append(9_990 * MS, 9_995 * MS, Outcome.ACKED, 0);     // last acknowledged before the fault
        w.append(9_998 * MS, 12_000 * MS, Outcome.FAILED, 0);
        w.append(12_020 * MS, 14_000 * MS, Outcome.ACKED, 1);   // first on the new master
        r.writes(List.of(w), List.of(HostAndPort.from("127.0.0.1:7001"), HostAndPort.from("127.0.0.1:7002")),
                Map.of("timeout", 1L));
        r.data(new DataCheck.Verdict(4, 3, 0, 0, 0, 0, List.of(), List.of()));
        return new DrillResult(s, "sentinels 127.0.0.1:26379", Instant.parse("2026-01-01T00:00:00Z"), List.of(r), 1, null);
    }

    @Test
    void gapRunsFromTheLastAckBeforeTheFaultToTheFirstAckOnTheNewMaster() {
        RoundResult r = oneRound().rounds().get(0);

        assertEquals(2500.0, r.timeToNewMasterMillis());
        assertEquals(4005.0, r.writeGapMillis());
        assertEquals(1000.0, r.millisFromFault(Milestone.FIRST_SDOWN));
    }

    @Test
    void jsonCarriesTheSameNumbersAsTheRound() {
        JSONObject doc = new JSONObject(JsonReport.render(oneRound(), 0));
        JSONObject round = doc.getJSONArray("rounds").getJSONObject(0);

        assertEquals(2500.0, round.getDouble("timeToNewMasterMs"));
        assertEquals(4005.0, round.getDouble("writeGapMs"));
        assertEquals(4, round.getJSONObject("writes").getLong("attempted"));
        assertEquals(3, round.getJSONObject("writes").getLong("acknowledged"));
        assertEquals(1, round.getJSONObject("writes").getJSONObject("errors").getLong("timeout"));
        assertEquals(12.5, round.getDouble("faultInjectionMs"));
        assertEquals(2500.0, doc.getJSONObject("summary").getJSONObject("timeToNewMasterMs").getDouble("max"));
        assertTrue(doc.getBoolean("passed"));
    }

    @Test
    void textTableListsMilestonesInTimeOrder() {
        StringWriter out = new StringWriter();
        TextReport.print(oneRound(), new PrintWriter(out));
        String text = out.toString();

        assertTrue(text.indexOf("+sdown") < text.indexOf("a sentinel names the new master"), text);
        assertTrue(text.indexOf("every sentinel names the new master") < text.indexOf("first acknowledged write"), text);
        assertTrue(text.contains("time to new master: 2500.0 ms, write gap: 4005.0 ms"), text);
        assertTrue(text.contains("Result: PASS"), text);
    }

    @Test
    void htmlIsSelfContainedAndEscapesWhatItQuotes() {
        String html = HtmlReport.render(oneRound());

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg"), "a timeline");
        assertTrue(html.contains("#d64545"), "the failed write is drawn in red");
        assertTrue(html.contains("#2e8b57"), "acknowledged writes in green");
        assertFalse(html.contains("<script>"), "quoted text is escaped");
        assertTrue(html.contains("&lt;script&gt;"));
        assertFalse(html.replace("http://www.w3.org/2000/svg", "").matches("(?s).*(https?:)?//[a-z].*"),
                "nothing is loaded from the network");
    }
}
