package dev.vigil.agent.vrrp.pcap;

import java.time.Instant;

/**
 * One frame as a capture delivered it.
 *
 * @param data the captured bytes (possibly fewer than {@code wireLength} when the snapshot length cut it)
 */
public record CapturedFrame(Instant time, int linkType, byte[] data, int wireLength) {}
