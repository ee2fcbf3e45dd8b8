package io.rediha.cli.drill;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the rounds of a drill one after the other against whatever master the sentinels name at the
 * start of each. The drill stops at the first round that did not recover (the next preflight could
 * only fail) but goes on after a round whose only failure was lost data, so every round's loss is
 * counted. Whatever happens, nothing stays broken: the guard heals leftovers before {@link #run} returns.
 */
public final class Drill {
    /** Round one gets a short grace for a cluster that was just started; later rounds wait for the previous failover to settle. */
    private static final Duration FIRST_PREFLIGHT_GRACE = Duration.ofSeconds(3);

    private final DrillSettings settings;
    private final DrillTarget target;
    private final PrintWriter progress;
    private final PrintWriter err;

    public Drill(DrillSettings settings, DrillTarget target, PrintWriter progress, PrintWriter err) {
        this.settings = settings;
        this.target = target;
        this.progress = progress;
        this.err = err;
    }

    public DrillResult run() {
        DrillClock clock = new DrillClock();
        KeySpace keys = KeySpace.random();
        List<RoundResult> rounds = new ArrayList<>();
        String stopReason = null;
        try (Probe probe = new Probe(settings.password());
             FaultGuard guard = new FaultGuard(err)) {
            try {
                for (int i = 1; i <= settings.rounds(); i++) {
                    Duration grace = i == 1 ? min(FIRST_PREFLIGHT_GRACE, settings.timeout()) : settings.timeout();
                    RoundResult r = new DrillRound(i, settings, target, probe, guard, clock, keys, progress).run(grace);
                    rounds.add(r);
                    if (!r.recovered()) {
                        if (i < settings.rounds()) {
                            stopReason = "stopped after round " + i + ": " + (r.failures().isEmpty()
                                    ? "the cluster did not recover" : r.failures().get(0));
                        }
                        break;
                    }
                }
            } finally {
                for (String failure : guard.healAll()) {
                    err.println("rediha: " + failure);
                    stopReason = stopReason == null ? failure : stopReason;
                }
            }
        }
        return new DrillResult(settings, target.describe(), clock.started(), rounds, settings.rounds(), stopReason);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
