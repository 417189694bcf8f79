package dev.vigil.collector.notify;

/**
 * A configured channel as the routing policy sees it: never its URL or secrets.
 *
 * @param quietHours null when the channel takes messages at any hour
 */
public record ChannelRef(String id, String name, String scheme, QuietHours quietHours) {}
