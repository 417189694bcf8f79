package dev.vigil.collector.notify.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses channel URLs in Apprise's forms into {@link ChannelTarget}s. Every rejection is a {@link
 * ChannelUrlException} that names the scheme and the missing or bad part, and never repeats a secret.
 */
public final class ChannelUrls {
    public static final Set<String> SCHEMES =
            Set.of("ntfy", "ntfys", "gotify", "gotifys", "pover", "tgram", "mailto", "mailtos", "json", "jsons");
    static final String NTFY_CLOUD = "ntfy.sh";
    private static final Pattern NTFY_TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final Pattern PUSHOVER_KEY = Pattern.compile("[A-Za-z0-9]{30}");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("(bot)?([0-9]+:[A-Za-z0-9_-]+)");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]+|@[A-Za-z0-9_]{5,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Headers the JDK client or the renderer sets itself. */
    private static final Set<String> FIXED_HEADERS =
            Set.of("connection", "content-length", "content-type", "expect", "host", "upgrade");

    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ChannelUrls() {}

    public static ChannelTarget parse(String url) {
        RawUrl raw = RawUrl.parse(isTelegram(url) ? RawUrl.withAuthority(url, "bot") : url);
        return switch (raw.scheme()) {
            case "ntfy", "ntfys" -> ntfy(raw);
            case "gotify", "gotifys" -> gotify(raw);
            case "pover" -> pushover(raw);
            case "tgram" -> telegram(raw, RawUrl.authorityOf(url));
            case "mailto", "mailtos" -> mail(raw);
            case "json", "jsons" -> webhook(raw);
            default ->
                throw new ChannelUrlException("unknown scheme '" + raw.scheme() + "://' (supported: "
                        + String.join(", ", SCHEMES.stream().sorted().toList()) + ")");
        };
    }

    private static boolean isTelegram(String url) {
        return url != null && url.strip().toLowerCase(Locale.ROOT).startsWith("tgram://");
    }

    private static NtfyTarget ntfy(RawUrl u) {
        boolean tls = u.scheme().equals("ntfys");
        String host = u.host();
        List<String> path = u.path();
        int port = u.port();
        if (path.isEmpty() && u.hasHost() && port < 0 && !host.contains(".") && u.user() == null) {
            // Apprise's cloud form ntfy://topic publishes to ntfy.sh, always over https
            return new NtfyTarget(u.scheme(), true, NTFY_CLOUD, -1, topic(host), null, null, null);
        }
        require(u, u.hasHost(), "a host");
        require(u, !path.isEmpty(), "a topic after the host (ntfy://host/topic)");
        if (path.size() > 1) {
            throw new ChannelUrlException(u.scheme() + "://: give one topic per channel, not " + path.size());
        }
        String token = u.param("token");
        String user = u.user();
        String password = u.password();
        if (token == null && user != null && password == null && user.startsWith("tk_")) {
            token = user;
            user = null;
        }
        if (token != null && user != null) {
            throw new ChannelUrlException(u.scheme() + "://: give either a token or user:password, not both");
        }
        if (user != null && password == null) {
            throw new ChannelUrlException(u.scheme() + "://: the user '" + user
                    + "' has no password (ntfy://user:password@host/topic, or a token tk_…@host/topic)");
        }
        return new NtfyTarget(u.scheme(), tls, host, port, topic(path.get(0)), user, password, token);
    }

    private static String topic(String t) {
        if (!NTFY_TOPIC.matcher(t).matches()) {
            throw new ChannelUrlException("ntfy topic '" + t + "' must be 1 to 64 letters, digits, - or _");
        }
        return t;
    }

    private static GotifyTarget gotify(RawUrl u) {
        require(u, u.hasHost(), "a host");
        require(u, !u.path().isEmpty(), "an application token after the host (gotify://host/token)");
        List<String> path = u.path();
        String prefix = path.size() == 1 ? "" : "/" + String.join("/", path.subList(0, path.size() - 1));
        return new GotifyTarget(
                u.scheme(), u.scheme().equals("gotifys"), u.host(), u.port(), prefix, path.get(path.size() - 1));
    }

    private static PushoverTarget pushover(RawUrl u) {
        require(u, u.user() != null && !u.user().isEmpty(), "a user key (pover://userkey@apptoken)");
        require(u, u.hasHost(), "an application token after the @ (pover://userkey@apptoken)");
        if (!PUSHOVER_KEY.matcher(u.user()).matches()) {
            throw new ChannelUrlException("pover://: the user key must be 30 letters and digits");
        }
        if (!PUSHOVER_KEY.matcher(u.host()).matches()) {
            throw new ChannelUrlException("pover://: the application token must be 30 letters and digits");
        }
        return new PushoverTarget(u.scheme(), u.user(), u.host(), u.path(), u.param("sound"));
    }

    private static TelegramTarget telegram(RawUrl u, String authority) {
        require(u, !authority.isEmpty(), "a bot token (tgram://123456789:ABC…/chatid)");
        var m = TELEGRAM_TOKEN.matcher(authority);
        if (!m.matches()) {
            throw new ChannelUrlException(
                    "tgram://: the bot token must look like 123456789:ABC-def_… (digits, a colon, then letters)");
        }
        require(u, !u.path().isEmpty(), "a chat id after the bot token (tgram://token/chatid)");
        for (String chat : u.path()) {
            if (!TELEGRAM_CHAT.matcher(chat).matches()) {
                throw new ChannelUrlException(
                        "tgram://: chat id '" + chat + "' must be a number (e.g. -1001234) or @channelname");
            }
        }
        return new TelegramTarget(u.scheme(), m.group(2), u.path(), "yes".equals(u.param("silent")));
    }

    private static MailTarget mail(RawUrl u) {
        require(u, u.hasHost(), "a domain or SMTP host (mailto://user:password@example.com)");
        String mode = u.param("mode");
        MailTarget.Security security;
        if (mode == null) {
            security = u.scheme().equals("mailtos") ? MailTarget.Security.TLS : MailTarget.Security.STARTTLS_IF_OFFERED;
        } else {
            security = switch (mode.toLowerCase(Locale.ROOT)) {
                case "ssl", "tls" -> MailTarget.Security.TLS;
                case "starttls" -> MailTarget.Security.STARTTLS;
                case "insecure", "plain" -> MailTarget.Security.STARTTLS_IF_OFFERED;
                default ->
                    throw new ChannelUrlException(
                            u.scheme() + "://: mode '" + mode + "' is not one of ssl, starttls, insecure");
            };
        }
        int port = u.port() > 0
                ? u.port()
                : switch (security) {
                    case TLS -> 465;
                    case STARTTLS -> 587;
                    case STARTTLS_IF_OFFERED -> 25;
                };
        if (u.password() != null && (u.user() == null || u.user().isEmpty())) {
            throw new ChannelUrlException(u.scheme() + "://: a password was given without a user");
        }
        String smtp = u.param("smtp") != null ? u.param("smtp") : u.host();
        String user = u.user();
        String from = u.param("from");
        if (from == null) {
            from = user != null && user.contains("@") ? user : (user == null ? "vigil" : user) + "@" + u.host();
        }
        if (!EMAIL.matcher(from).matches()) {
            throw new ChannelUrlException(u.scheme() + "://: from address '" + from + "' is not an e-mail address");
        }
        List<String> to = new ArrayList<>(u.path());
        if (u.param("to") != null) {
            for (String t : u.param("to").split("[,\\s]+")) {
                if (!t.isEmpty()) {
                    to.add(t);
                }
            }
        }
        if (to.isEmpty()) {
            to.add(from);
        }
        for (String t : to) {
            if (!EMAIL.matcher(t).matches()) {
                throw new ChannelUrlException(u.scheme() + "://: recipient '" + t + "' is not an e-mail address");
            }
        }
        return new MailTarget(
                u.scheme(), security, smtp, port, user, u.password(), from, u.param("name"), to, u.host());
    }

    private static WebhookTarget webhook(RawUrl u) {
        require(u, u.hasHost(), "a host (json://host[:port]/path)");
        Map<String, String> headers = new LinkedHashMap<>();
        u.query().forEach((k, v) -> {
            if (k.startsWith("+")) {
                String name = k.substring(1);
                if (!HEADER.matcher(name).matches()) {
                    throw new ChannelUrlException(u.scheme() + "://: '" + name + "' is not a valid header name");
                }
                if (FIXED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new ChannelUrlException(
                            u.scheme() + "://: the header '" + name + "' is set by the collector and cannot be given");
                }
                if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new ChannelUrlException(
                            u.scheme() + "://: the value of header '" + name + "' has control characters");
                }
                headers.put(name, v);
            }
        });
        StringBuilder path = new StringBuilder();
        for (String seg : u.path()) {
            path.append('/')
                    .append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return new WebhookTarget(
                u.scheme(),
                u.scheme().equals("jsons"),
                u.host(),
                u.port(),
                path.length() == 0 ? "/" : path.toString(),
                u.user(),
                u.password(),
                headers);
    }

    private static void require(RawUrl u, boolean present, String what) {
        if (!present) {
            throw new ChannelUrlException(u.scheme() + "://: missing " + what);
        }
    }
}
