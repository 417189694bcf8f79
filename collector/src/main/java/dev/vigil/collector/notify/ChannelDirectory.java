package dev.vigil.collector.notify;

import java.util.List;
import java.util.Optional;

/** The configured channels, as the routing policy sees them. */
public interface ChannelDirectory {
    List<ChannelRef> all();

    Optional<ChannelRef> byId(String id);
}
