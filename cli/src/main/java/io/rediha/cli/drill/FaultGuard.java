package io.rediha.cli.drill;

import io.rediha.cli.drill.DrillTarget.FaultPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The promise that the drill heals what it broke. A fault is registered before it is injected, and
 * healed on the normal path, when injection fails half-way, when the drill throws, and when the JVM is
 * asked to stop (Ctrl-C, SIGTERM) through a shutdown hook. Each fault is healed at most once by the
 * guard; the hook is removed when the guard is closed so embedding callers do not collect hooks.
 */
public final class FaultGuard implements AutoCloseable {
    private final List<FaultPlan> unhealed = new ArrayList<>();
    private final PrintWriter err;
    private final Thread hook;

    public FaultGuard(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(this::healAllOnExit, "rediha-drill-heal-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Injects the planned fault. When injection fails the fault is healed at once (a fault command may
     * have done half its job) and the injection error is rethrown.
     */
    public void inject(FaultPlan plan) {
        synchronized (this) {
            unhealed.add(plan);
        }
        try {
            plan.inject();
        } catch (RuntimeException e) {
            try {
                heal(plan);
            } catch (RuntimeException healFailure) {
                e.addSuppressed(healFailure);
            }
            throw e;
        }
    }

    /** Heals one registered fault; does nothing when it was healed already. Rethrows the heal failure. */
    public void heal(FaultPlan plan) {
        synchronized (this) {
            if (!unhealed.remove(plan)) {
                return;
            }
        }
        plan.heal();
    }

    /** Heals everything still broken, reporting failures instead of throwing. Returns what could not be healed. */
    public List<String> healAll() {
        List<FaultPlan> pending;
        synchronized (this) {
            pending = new ArrayList<>(unhealed);
        }
        List<String> failures = new ArrayList<>();
        for (FaultPlan plan : pending) {
            try {
                heal(plan);
            } catch (RuntimeException e) {
                failures.add("could not heal " + plan.describe() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private void healAllOnExit() {
        List<FaultPlan> pending;
        synchronized (this) {
            pending = new ArrayList<>(unhealed);
        }
        if (pending.isEmpty()) {
            return;
        }
        for (FaultPlan plan : pending) {
            err.println("rediha: drill interrupted; healing " + plan.describe());
            err.flush();
        }
        for (String failure : healAll()) {
            err.println("rediha: " + failure);
        }
        err.flush();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs (or ran) and heals
        }
    }
}
