package dev.vigil.collector.notify.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An Apprise-style URL split into its parts. Not {@link java.net.URI}: Apprise URLs put secrets with {@code :} and
 * {@code @} where a URI expects a host (a Telegram bot token is {@code 123456:ABC…}), so the split is by hand.
 *
 * @param user percent-decoded, null when absent
 * @param password percent-decoded, null when absent
 * @param port -1 when absent
 * @param path percent-decoded, non-empty segments
 * @param query percent-decoded, keys lower-cased except {@code +Header} ones
 */
record RawUrl(
        String scheme,
        String user,
        String password,
        String host,
        int port,
        List<String> path,
        Map<String, String> query) {

    static RawUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ChannelUrlException("the url is empty");
        }
        String s = url.strip();
        int sep = s.indexOf("://");
        if (sep <= 0) {
            throw new ChannelUrlException("the url has no scheme (it must start with e.g. ntfys:// or mailtos://)");
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = s.substring(sep + 3);
        Map<String, String> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.put(k.startsWith("+") ? k : k.toLowerCase(Locale.ROOT), v);
            }
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<String> path = new ArrayList<>();
        if (slash >= 0) {
            for (String seg : rest.substring(slash + 1).split("/")) {
                if (!seg.isEmpty()) {
                    path.add(decode(seg));
                }
            }
        }
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = authority;
        int port = -1;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            port = port(authority.substring(colon + 1));
        }
        return new RawUrl(scheme, user, password, host, port, List.copyOf(path), Map.copyOf(query));
    }

    /** The url with its authority replaced, for schemes whose first part is not a host. */
    static String withAuthority(String url, String authority) {
        String s = url.strip();
        int start = s.indexOf("://") + 3;
        String rest = s.substring(start);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, start) + authority + rest.substring(end);
    }

    /** The raw authority text, for schemes whose first part is not a host (Telegram's bot token). */
    static String authorityOf(String url) {
        String rest = url.strip().substring(url.strip().indexOf("://") + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return decode(rest.substring(0, end));
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        // the text is not repeated: a misplaced secret (user:password without the @) would land here
        throw new ChannelUrlException("the port after the host is not a number from 1 to 65535");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ChannelUrlException("the url has a bad percent-encoding (a % not followed by two hex digits)");
        }
    }

    boolean hasHost() {
        return host != null && !host.isEmpty();
    }

    String param(String key) {
        String v = query.get(key);
        return v == null || v.isEmpty() ? null : v;
    }
}
