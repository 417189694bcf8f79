package dev.vigil.testkit.lab;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for an external program (keepalived writing a pid file) inside the fixture itself. */
final class Poll {
    private static final long STEP_NANOS = Duration.ofMillis(20).toNanos();

    private Poll() {}

    /** True when {@code condition} held before {@code timeout} ran out. */
    static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(STEP_NANOS);
        }
        return true;
    }
}
