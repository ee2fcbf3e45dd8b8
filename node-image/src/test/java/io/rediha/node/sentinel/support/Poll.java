package io.rediha.node.sentinel.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes; on timeout, says what was last seen. */
public final class Poll {
    private Poll() {
    }

    public static <T> T until(Duration timeout, String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            ExternalProcess.sleep(25);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: "
                + (lastError != null ? lastError : last));
    }
}
