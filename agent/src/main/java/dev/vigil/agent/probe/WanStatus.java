package dev.vigil.agent.probe;

import dev.vigil.agent.probe.track.TargetResult;
import dev.vigil.agent.probe.track.WindowStats;
import java.time.Instant;
import java.util.List;

/**
 * A live snapshot of one WAN or health check, for the CLI and the status endpoint.
 *
 * @param kind {@code wan} or {@code check}
 * @param state {@code up}, {@code degraded}, {@code down}, {@code unknown}
 * @param lastRound each target's latest answer (with its error when it failed)
 */
public record WanStatus(
        String kind, String name, String state, Instant since, WindowStats stats, List<TargetResult> lastRound) {}
