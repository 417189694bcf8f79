package dev.vigil.collector.notify.channel;

import java.net.URI;

/**
 * An ntfy topic: {@code ntfy[s]://[user:password@|token@]host[:port]/topic} or {@code ntfys://topic} (ntfy.sh).
 *
 * @param token an access token ({@code tk_…}), null when basic auth or none
 */
public record NtfyTarget(
        String scheme, boolean tls, String host, int port, String topic, String user, String password, String token)
        implements ChannelTarget {

    public URI server() {
        return URI.create((tls ? "https://" : "http://") + ChannelTarget.hostPort(host, port) + "/");
    }

    @Override
    public String masked() {
        String auth = token != null ? "****@" : user != null ? user + (password != null ? ":****" : "") + "@" : "";
        return scheme + "://" + auth + ChannelTarget.hostPort(host, port) + "/" + topic;
    }
}
