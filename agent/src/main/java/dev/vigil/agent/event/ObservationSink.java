package dev.vigil.agent.event;

/** Where the agent's parts hand their observations; the publisher, the CLI printers and tests implement it. */
@FunctionalInterface
public interface ObservationSink {
    /** Must not block for long and must not throw: called from capture, probe and poller threads. */
    void accept(Observation observation);
}
