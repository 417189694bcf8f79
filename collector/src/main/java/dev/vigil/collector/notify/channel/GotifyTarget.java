package dev.vigil.collector.notify.channel;

import java.net.URI;

/** A Gotify application: {@code gotify[s]://host[:port][/path]/apptoken}. */
public record GotifyTarget(String scheme, boolean tls, String host, int port, String path, String token)
        implements ChannelTarget {

    public URI messageUri() {
        return URI.create((tls ? "https://" : "http://") + ChannelTarget.hostPort(host, port) + path + "/message");
    }

    @Override
    public String masked() {
        return scheme + "://" + ChannelTarget.hostPort(host, port) + path + "/****";
    }
}
