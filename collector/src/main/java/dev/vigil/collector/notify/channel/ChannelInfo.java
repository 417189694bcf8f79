package dev.vigil.collector.notify.channel;

/** What may be said about a channel in logs and replies: never its URL, only the masked form. */
record ChannelInfo(String id, String name, String masked) {}
