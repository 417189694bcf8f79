package dev.vigil.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Topic names of the wire contract under a configurable prefix (default {@code vigil/v1}). */
public final class Topics {
    /** A site id: safe in a topic level, a file name and a URL path segment. */
    public static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final String prefix;

    public Topics(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.endsWith("/") || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException(
                    "topic prefix '" + prefix + "' must be non-empty, without wildcards or a trailing '/'");
        }
        this.prefix = prefix;
    }

    public static Topics defaults() {
        return new Topics(Protocol.DEFAULT_TOPIC_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    public String events(String site) {
        return site(site, TopicKind.EVENTS);
    }

    public String state(String site) {
        return site(site, TopicKind.STATE);
    }

    public String status(String site) {
        return site(site, TopicKind.STATUS);
    }

    public String metrics(String site) {
        return site(site, TopicKind.METRICS);
    }

    public String commands(String site) {
        return site(site, TopicKind.COMMANDS);
    }

    public String alerts(String site) {
        return prefix + "/alerts/" + checkSite(site);
    }

    /** Filter matching every per-site topic of every site. */
    public String allSites() {
        return prefix + "/sites/#";
    }

    public String allAlerts() {
        return prefix + "/alerts/#";
    }

    public String site(String site, TopicKind kind) {
        if (kind == TopicKind.ALERTS) {
            return alerts(site);
        }
        return prefix + "/sites/" + checkSite(site) + "/" + kind.level();
    }

    /** Parses a concrete topic of this contract; empty when it is not one. */
    public Optional<TopicRef> parse(String topic) {
        if (topic == null || !topic.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String[] levels = topic.substring(prefix.length() + 1).split("/", -1);
        if (levels.length == 2 && levels[0].equals("alerts") && isSiteId(levels[1])) {
            return Optional.of(new TopicRef(levels[1], TopicKind.ALERTS));
        }
        if (levels.length == 3 && levels[0].equals("sites") && isSiteId(levels[1])) {
            return TopicKind.fromLevel(levels[2])
                    .filter(k -> k != TopicKind.ALERTS)
                    .map(k -> new TopicRef(levels[1], k));
        }
        return Optional.empty();
    }

    public static boolean isSiteId(String site) {
        return site != null && SITE_ID.matcher(site).matches();
    }

    private static String checkSite(String site) {
        if (!isSiteId(site)) {
            throw new IllegalArgumentException("site id '" + site + "' must match " + SITE_ID.pattern());
        }
        return site;
    }
}
