package io.rediha.cli.drill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The numbers over all rounds a team compares from one drill to the next: how long until a new master
 * was named, how long writes were refused, how many acknowledged writes went missing.
 */
public record Summary(int roundsRun, int roundsPassed, Stats timeToNewMaster, Stats writeGap,
                      long writesAttempted, long writesAcked, long ackedLost, long unackedPresent) {

    /** Min, median and max of a measure over the rounds that have it; all null when none has. */
    public record Stats(int samples, Double min, Double median, Double max) {
        static Stats of(List<Double> values) {
            List<Double> v = new ArrayList<>(values);
            v.removeIf(java.util.Objects::isNull);
            if (v.isEmpty()) {
                return new Stats(0, null, null, null);
            }
            Collections.sort(v);
            int n = v.size();
            double median = n % 2 == 1 ? v.get(n / 2) : Math.round((v.get(n / 2 - 1) + v.get(n / 2)) * 5.0) / 10.0;
            return new Stats(n, v.get(0), median, v.get(n - 1));
        }
    }

    public static Summary of(List<RoundResult> rounds) {
        return new Summary(rounds.size(),
                (int) rounds.stream().filter(RoundResult::passed).count(),
                Stats.of(map(rounds, RoundResult::timeToNewMasterMillis)),
                Stats.of(map(rounds, RoundResult::writeGapMillis)),
                rounds.stream().mapToLong(RoundResult::attempted).sum(),
                rounds.stream().mapToLong(r -> r.count(WriteLog.Outcome.ACKED)).sum(),
                rounds.stream().mapToLong(r -> r.data() == null ? 0 : r.data().ackedLost()).sum(),
                rounds.stream().mapToLong(r -> r.data() == null ? 0 : r.data().unackedPresent()).sum());
    }

    private static List<Double> map(List<RoundResult> rounds, Function<RoundResult, Double> f) {
        List<Double> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            out.add(f.apply(r));
        }
        return out;
    }
}
