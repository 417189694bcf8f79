package dev.vigil.agent.probe.track;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A change of a tracker's state, with the figures that justified it.
 *
 * @param downFor how long the link was down, when this transition ends a down period; else null
 */
public record Transition(
        String name,
        Instant time,
        LinkState state,
        LinkState previous,
        WindowStats stats,
        String reason,
        List<TargetResult> lastRound,
        Duration downFor) {}
