package dev.vigil.collector.notify.channel;

import java.util.List;

/** A Pushover user (or group) through an application: {@code pover://userkey@apptoken[/device…]}. */
public record PushoverTarget(String scheme, String userKey, String token, List<String> devices, String sound)
        implements ChannelTarget {

    public PushoverTarget {
        devices = List.copyOf(devices);
    }

    @Override
    public String masked() {
        return scheme + "://****@****" + (devices.isEmpty() ? "" : "/" + String.join("/", devices));
    }
}
