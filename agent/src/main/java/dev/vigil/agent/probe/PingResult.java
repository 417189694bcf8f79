package dev.vigil.agent.probe;

import java.time.Duration;

/**
 * What a router's {@code /ping} reported for one request.
 *
 * @param sent echo requests sent
 * @param received echo replies received
 * @param rttAvg average round-trip time of the replies; null when none came
 * @param error the router's or the API's error; null when the ping ran
 */
public record PingResult(int sent, int received, Duration rttAvg, String error) {}
