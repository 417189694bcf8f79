package dev.vigil.collector.notify.channel;

import java.net.URI;
import java.util.Map;

/**
 * A generic JSON webhook: {@code json[s]://[user:password@]host[:port][/path][?+Header=value]}.
 *
 * @param path may itself hold a secret (Slack, Discord and Teams put their token there), so {@link #masked()} keeps
 *     only its first segment
 * @param headers extra request headers from {@code +Name=value} query parameters; their values count as secrets
 */
public record WebhookTarget(
        String scheme,
        boolean tls,
        String host,
        int port,
        String path,
        String user,
        String password,
        Map<String, String> headers)
        implements ChannelTarget {

    public WebhookTarget {
        headers = Map.copyOf(headers);
    }

    public URI uri() {
        return URI.create((tls ? "https://" : "http://") + ChannelTarget.hostPort(host, port) + path);
    }

    @Override
    public String masked() {
        String auth = user == null ? "" : user + (password == null ? "" : ":****") + "@";
        StringBuilder q = new StringBuilder();
        headers.keySet().stream()
                .sorted()
                .forEach(h -> q.append(q.length() == 0 ? "?" : "&")
                        .append("+")
                        .append(h)
                        .append("=****"));
        int second = path.indexOf('/', 1);
        String shownPath = second < 0 ? path : path.substring(0, second) + "/****";
        return scheme + "://" + auth + ChannelTarget.hostPort(host, port) + shownPath + q;
    }
}
