package io.rediha.cli.drill;

import io.rediha.cli.drill.WriteLog.Outcome;
import java.util.Locale;
import java.util.Map;

/**
 * The picture of a round: one lane per writer across the time around the fault, coloured by what the
 * writer was told, with the round's milestones as numbered vertical lines. Writes are folded into
 * pixel-wide buckets (a round has tens of thousands of writes; the page must stay small), and equal
 * neighbouring buckets into one rectangle. Plain SVG inside the HTML: it needs no network to view.
 */
public final class TimelineSvg {
    static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int LANE = 16;
    private static final int TOP = 36;
    private static final int BUCKET_PX = 2;

    /** Bucket states, weakest first: a stronger state in the same bucket wins. */
    private static final int IDLE = 0;
    private static final int WAITING_THEN_ACKED = 1;
    private static final int UNCONFIRMED = 2;
    private static final int FAILED = 3;
    private static final int ACKED = 4;
    static final String[] COLOURS = {"none", "#b7dfb9", "#f0b429", "#d64545", "#2e8b57"};
    static final String[] MEANINGS = {"", "waiting (then acknowledged)", "unconfirmed by WAIT", "failed or no answer",
            "acknowledged"};

    private TimelineSvg() {
    }

    public static String render(RoundResult r) {
        if (r.t0() < 0 || r.logs().isEmpty()) {
            return "";
        }
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (WriteLog log : r.logs()) {
            if (log.size() > 0) {
                from = Math.min(from, log.start(0));
                to = Math.max(to, log.end(log.size() - 1));
            }
        }
        if (from == Long.MAX_VALUE) {
            return "";
        }
        from = Math.max(from, r.t0() - 2_000_000_000L);
        to = Math.max(to, r.t0() + 1_000_000L);
        int plot = WIDTH - LEFT - 10;
        int buckets = plot / BUCKET_PX;
        double nanosPerBucket = (double) (to - from) / buckets;
        int lanes = r.logs().size();
        int height = TOP + lanes * LANE + 30;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\"/>%n",
                LEFT, TOP, plot, lanes * LANE));
        for (WriteLog log : r.logs()) {
            int[] state = new int[buckets];
            for (int i = 0; i < log.size(); i++) {
                if (log.end(i) < from) {
                    continue;
                }
                int b0 = bucket(log.start(i), from, nanosPerBucket, buckets);
                int b1 = bucket(log.end(i), from, nanosPerBucket, buckets);
                Outcome o = log.outcome(i);
                int during = o == Outcome.ACKED ? WAITING_THEN_ACKED : o == Outcome.UNCONFIRMED ? UNCONFIRMED : FAILED;
                for (int b = b0; b <= b1; b++) {
                    state[b] = Math.max(state[b], during);
                }
                if (o == Outcome.ACKED) {
                    state[b1] = ACKED;
                }
            }
            int y = TOP + log.writer() * LANE;
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">writer %d</text>%n", y + LANE - 4, log.writer() + 1));
            int runStart = 0;
            for (int b = 1; b <= buckets; b++) {
                if (b == buckets || state[b] != state[runStart]) {
                    if (state[runStart] != IDLE) {
                        svg.append(String.format(Locale.ROOT,
                                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                                LEFT + runStart * BUCKET_PX, y + 2, (b - runStart) * BUCKET_PX, LANE - 4,
                                COLOURS[state[runStart]]));
                    }
                    runStart = b;
                }
            }
        }
        axis(svg, r.t0(), from, to, plot, TOP + lanes * LANE);
        int n = 1;
        for (Map.Entry<Milestone, Double> m : r.milestonesFromFault().entrySet()) {
            long at = r.t0() + (long) (m.getValue() * 1_000_000L);
            if (at >= from && at <= to) {
                double x = LEFT + (double) (at - from) / (to - from) * plot;
                svg.append(String.format(Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"3,2\"><title>%s</title></line>%n",
                        x, TOP - 4, x, TOP + lanes * LANE, HtmlReport.escape(m.getKey().label() + " at " + m.getValue() + " ms")));
                // numbers of close milestones alternate between two rows so they do not overprint
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                        x, TOP - 6 - (n % 2) * 12, n));
            }
            n++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static void axis(StringBuilder svg, long t0, long from, long to, int plot, int y) {
        long firstSecond = (long) Math.ceil((from - t0) / 1e9);
        for (long s = firstSecond; t0 + s * 1_000_000_000L <= to; s++) {
            double x = LEFT + (double) (t0 + s * 1_000_000_000L - from) / (to - from) * plot;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, y, x, y + 4, x, y + 16, s == 0 ? "fault" : (s > 0 ? "+" : "") + s + " s"));
        }
    }

    private static int bucket(long nanos, long from, double nanosPerBucket, int buckets) {
        int b = (int) ((nanos - from) / nanosPerBucket);
        return Math.max(0, Math.min(buckets - 1, b));
    }
}
