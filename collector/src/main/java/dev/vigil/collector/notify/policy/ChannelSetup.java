package dev.vigil.collector.notify.policy;

import dev.vigil.collector.notify.ChannelDirectory;
import dev.vigil.collector.notify.ChannelRef;
import dev.vigil.collector.notify.Dispatcher;
import java.util.List;
import java.util.Optional;

/** The channels the policy sends to and the dispatcher that delivers. */
public record ChannelSetup(ChannelDirectory directory, Dispatcher dispatcher) {

    /** No channel at all and a dispatcher that drops: nothing is sent (the policy still records and mutes). */
    public static ChannelSetup none() {
        return new ChannelSetup(
                new ChannelDirectory() {
                    @Override
                    public List<ChannelRef> all() {
                        return List.of();
                    }

                    @Override
                    public Optional<ChannelRef> byId(String id) {
                        return Optional.empty();
                    }
                },
                (channel, notification) -> {});
    }
}
