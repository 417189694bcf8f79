package dev.vigil.collector.store;

import java.time.Instant;

/**
 * A stored event that changes what availability reports measure: a WAN's state, a VRRP group's master, or a repair
 * action of the agent.
 *
 * @param master for {@code vrrp.master_elected}/{@code vrrp.master_changed}: the new master's address, else null
 * @param dryRun for {@code action.executed}: whether the action only said what it would have done
 */
public record StateChange(Instant time, String type, String subject, String master, boolean dryRun) {}
