package io.rediha.tests.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assertions;

/** Polls until a condition holds or a deadline passes; on timeout it fails with what it saw last. */
public final class Await {
    private Await() {
    }

    public static <T> T until(Duration timeout, String what, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = "nothing yet";
        while (true) {
            try {
                T value = probe.call();
                last = value;
                if (done.test(value)) {
                    return value;
                }
            } catch (Exception e) {
                last = e.toString();
            }
            if (System.nanoTime() > deadline) {
                Assertions.fail(what + " did not happen within " + timeout.toMillis() + " ms; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Assertions.fail("interrupted while waiting for " + what);
            }
        }
    }
}
