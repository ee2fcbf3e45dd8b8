package io.rediha.cli.drill;

import java.time.Instant;
import java.util.List;

/**
 * A whole drill: what was asked, every round, the summary and the verdict.
 *
 * @param settings     what was asked
 * @param target       what was drilled, in one line
 * @param started      wall-clock start
 * @param rounds       the rounds that ran, in order (fewer than asked when one failed to recover)
 * @param roundsAsked  how many rounds were asked for
 * @param stopReason   why the drill stopped early, or null
 */
public record DrillResult(DrillSettings settings, String target, Instant started, List<RoundResult> rounds,
                          int roundsAsked, String stopReason) {
    public DrillResult {
        rounds = List.copyOf(rounds);
    }

    public Summary summary() {
        return Summary.of(rounds);
    }

    /** Every asked round ran, recovered and passed (with --wait-replicas: no confirmed write lost). */
    public boolean passed() {
        return stopReason == null && rounds.size() == roundsAsked && rounds.stream().allMatch(RoundResult::passed);
    }

    /** The first reason the drill failed, for the one-line verdict; null when it passed. */
    public String firstFailure() {
        if (passed()) {
            return null;
        }
        for (RoundResult r : rounds) {
            if (!r.passed()) {
                return "round " + r.round() + ": " + r.failures().get(0);
            }
        }
        return stopReason != null ? stopReason : "only " + rounds.size() + " of " + roundsAsked + " rounds ran";
    }
}
