package dev.vigil.collector.ingest.broker;

import dev.vigil.collector.auth.Directory.Principal;
import dev.vigil.collector.auth.Directory.SitePrincipal;
import dev.vigil.collector.auth.Directory.UserPrincipal;
import dev.vigil.collector.auth.Role;
import dev.vigil.protocol.TopicKind;
import dev.vigil.protocol.Topics;
import java.util.Set;

/**
 * Who may publish and subscribe where. A site publishes only its own events, state, status and metrics and
 * subscribes only to its own commands. Viewers and operators subscribe read-only to alerts, state and status; admins
 * read everything under the prefix. Nobody but the collector publishes alerts or commands.
 */
public final class Acl {
    private static final Set<TopicKind> SITE_PUBLISHES =
            Set.of(TopicKind.EVENTS, TopicKind.STATE, TopicKind.STATUS, TopicKind.METRICS);

    private final Topics topics;
    private final UserSites userSites;
    private final String homeAssistantPrefix;

    public Acl(Topics topics) {
        this(topics, UserSites.ALL);
    }

    /** @param userSites restricts users of a customer to that customer's sites, named one by one (no wildcards) */
    public Acl(Topics topics, UserSites userSites) {
        this(topics, userSites, null);
    }

    private Acl(Topics topics, UserSites userSites, String homeAssistantPrefix) {
        this.topics = topics;
        this.userSites = userSites;
        this.homeAssistantPrefix = homeAssistantPrefix;
    }

    /**
     * The same rules plus Home Assistant discovery's (docs/home-assistant.md): every user may read the discovery prefix
     * and {@code {prefix}/ha/…}, and publish Home Assistant's birth message on {@code {discoveryPrefix}/status}.
     */
    public Acl withHomeAssistant(String discoveryPrefix) {
        return new Acl(topics, userSites, discoveryPrefix);
    }

    public boolean mayPublish(Principal who, String topic) {
        if (homeAssistantPrefix != null && who instanceof UserPrincipal) {
            return topic.equals(homeAssistantPrefix + "/status");
        }
        if (!(who instanceof SitePrincipal site)) {
            return false;
        }
        return topics.parse(topic)
                .filter(ref -> ref.site().equals(site.site()) && SITE_PUBLISHES.contains(ref.kind()))
                .isPresent();
    }

    public boolean maySubscribe(Principal who, String filter) {
        if (!TopicFilter.isValid(filter) || filter.startsWith("$")) {
            return false;
        }
        String p = topics.prefix() + "/";
        if (who instanceof SitePrincipal site) {
            return filter.equals(topics.commands(site.site()));
        }
        if (homeAssistantPrefix != null
                && (filter.startsWith(homeAssistantPrefix + "/") || filter.startsWith(p + "ha/"))) {
            return true;
        }
        UserPrincipal user = (UserPrincipal) who;
        if (userSites.restricted(user.username())) {
            return scopedMaySubscribe(user.username(), filter, p);
        }
        if (user.role() == Role.ADMIN) {
            return filter.startsWith(p) || filter.equals(topics.prefix() + "/#");
        }
        if (!filter.startsWith(p)) {
            return false;
        }
        String[] levels = filter.substring(p.length()).split("/", -1);
        if (levels[0].equals("alerts")) {
            return levels.length == 2 && (levels[1].equals("#") || levels[1].equals("+") || Topics.isSiteId(levels[1]));
        }
        return levels.length == 3
                && levels[0].equals("sites")
                && (levels[1].equals("+") || Topics.isSiteId(levels[1]))
                && (levels[2].equals("state") || levels[2].equals("status"));
    }

    private boolean scopedMaySubscribe(String username, String filter, String p) {
        if (!filter.startsWith(p)) {
            return false;
        }
        String[] levels = filter.substring(p.length()).split("/", -1);
        if (levels[0].equals("alerts")) {
            return levels.length == 2 && Topics.isSiteId(levels[1]) && userSites.visible(username, levels[1]);
        }
        return levels.length == 3
                && levels[0].equals("sites")
                && Topics.isSiteId(levels[1])
                && userSites.visible(username, levels[1])
                && (levels[2].equals("state") || levels[2].equals("status"));
    }
}
