package dev.vigil.collector.notify.channel;

import java.time.Duration;

/** Runs a task later: a scheduled executor in the collector, a hand-driven fake in tests. */
@FunctionalInterface
public interface Scheduler {
    void schedule(Duration delay, Runnable task);
}
