package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Compares what the writers were told with what the new master holds. An acknowledged write that is
 * missing is the loss a team cares about; a write that was refused or unconfirmed but is present is
 * harmless but worth showing (the client cannot tell it from a lost one); a key holding anything but the
 * value written to it, or a key no writer wrote, means the data was corrupted, not just lost.
 */
public final class DataCheck {
    private static final int BATCH = 500;
    private static final int SAMPLES = 10;

    /**
     * @param attempted       writes the writers tried
     * @param acked           writes acknowledged to the writer (with WAIT: confirmed)
     * @param ackedLost       acknowledged and missing on the new master
     * @param unackedPresent  refused, unanswered or unconfirmed, yet present
     * @param wrongValues     present with a value that was never written to that key
     * @param unknownKeys     keys under the round's prefix that no writer wrote
     * @param lostSamples     a few lost keys, for the report
     * @param wrongSamples    a few wrong or unknown keys, for the report
     */
    public record Verdict(long attempted, long acked, long ackedLost, long unackedPresent, long wrongValues,
                          long unknownKeys, List<String> lostSamples, List<String> wrongSamples) {
        public Verdict {
            lostSamples = List.copyOf(lostSamples);
            wrongSamples = List.copyOf(wrongSamples);
        }
    }

    private DataCheck() {
    }

    /** Reads every key the writers of {@code round} tried, and scans the round's prefix, on {@code master}. */
    public static Verdict check(Jedis master, KeySpace keys, int round, List<WriteLog> logs) {
        long attempted = 0;
        long acked = 0;
        long lost = 0;
        long unackedPresent = 0;
        long wrong = 0;
        List<String> lostSamples = new ArrayList<>();
        List<String> wrongSamples = new ArrayList<>();
        for (WriteLog log : logs) {
            int w = log.writer();
            for (int from = 0; from < log.size(); from += BATCH) {
                int to = Math.min(log.size(), from + BATCH);
                String[] batch = new String[to - from];
                for (int seq = from; seq < to; seq++) {
                    batch[seq - from] = keys.key(round, w, seq);
                }
                List<String> values = master.mget(batch);
                for (int seq = from; seq < to; seq++) {
                    String value = values.get(seq - from);
                    boolean isAcked = log.outcome(seq) == Outcome.ACKED;
                    attempted++;
                    if (isAcked) {
                        acked++;
                    }
                    if (value == null) {
                        if (isAcked) {
                            lost++;
                            sample(lostSamples, batch[seq - from]);
                        }
                    } else if (!value.equals(keys.value(round, w, seq))) {
                        wrong++;
                        sample(wrongSamples, batch[seq - from] + "=" + value);
                    } else if (!isAcked) {
                        unackedPresent++;
                    }
                }
            }
        }
        long unknown = 0;
        for (String key : scan(master, keys.roundPrefix(round))) {
            if (key.equals(keys.probeKey(round))) {
                continue;
            }
            long[] ws = keys.parse(round, key);
            if (ws == null || ws[0] >= logs.size() || ws[1] >= logs.get((int) ws[0]).size()) {
                unknown++;
                sample(wrongSamples, key + " (never written)");
            }
        }
        return new Verdict(attempted, acked, lost, unackedPresent, wrong, unknown, lostSamples, wrongSamples);
    }

    /** Every key under {@code prefix}, by SCAN (never KEYS: the node keeps serving while we look). */
    static List<String> scan(Jedis jedis, String prefix) {
        List<String> found = new ArrayList<>();
        ScanParams params = new ScanParams().match(escapeGlob(prefix) + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    static String escapeGlob(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static void sample(List<String> samples, String s) {
        if (samples.size() < SAMPLES) {
            samples.add(s);
        }
    }
}
