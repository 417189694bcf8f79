package dev.vigil.agent.policy;

import java.time.Duration;

/** Waits between two verification reads; tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Pacer {
    Pacer SLEEP = pause -> {
        try {
            Thread.sleep(Math.max(0, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void pause(Duration pause);
}
