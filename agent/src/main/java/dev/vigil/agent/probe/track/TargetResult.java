package dev.vigil.agent.probe.track;

import dev.vigil.agent.probe.ProbeResult;

/** One target's answer in one round. */
public record TargetResult(String target, ProbeResult result) {}
