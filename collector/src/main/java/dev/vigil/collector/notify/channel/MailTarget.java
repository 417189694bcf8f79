package dev.vigil.collector.notify.channel;

import java.util.List;

/**
 * E-mail over SMTP: {@code mailto[s]://[user:password@]domain[:port][/to…]?smtp=…&from=…&to=…&mode=…}.
 *
 * @param security how the connection is protected
 */
public record MailTarget(
        String scheme,
        Security security,
        String smtpHost,
        int port,
        String user,
        String password,
        String from,
        String fromName,
        List<String> to,
        String domain)
        implements ChannelTarget {

    /** {@code STARTTLS_IF_OFFERED} for mailto://, {@code STARTTLS} required, or implicit {@code TLS}. */
    public enum Security {
        STARTTLS_IF_OFFERED,
        STARTTLS,
        TLS
    }

    public MailTarget {
        to = List.copyOf(to);
    }

    @Override
    public String masked() {
        String auth = user == null ? "" : user + (password == null ? "" : ":****") + "@";
        StringBuilder q = new StringBuilder();
        if (!smtpHost.equals(domain)) {
            q.append("smtp=").append(smtpHost);
        }
        q.append(q.length() == 0 ? "" : "&").append("from=").append(from);
        return scheme + "://" + auth + ChannelTarget.hostPort(domain, port) + "/" + String.join("/", to) + "?" + q;
    }
}
