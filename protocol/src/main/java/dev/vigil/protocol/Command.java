package dev.vigil.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A request from the collector to an agent, on {@code vigil/v1/sites/{site}/commands}.
 *
 * @param name e.g. {@code failover.drill}, {@code state.refresh}
 */
public record Command(int v, String id, String site, Instant time, String name, ObjectNode args) {}
