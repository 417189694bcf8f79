package dev.vigil.collector.homeassistant;

import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.state.SiteView;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps Home Assistant's view of every site in step with the live projection: {@link #sync()} publishes, retained,
 * the discovery configs, state and availability that changed since the last call, and an empty retained config for
 * every entity that went away (Home Assistant then deletes it). {@link #onHomeAssistantStatus} sends everything
 * again when Home Assistant comes online. Synchronized: the timer and the status listener call it from different
 * threads.
 */
public final class HomeAssistantDiscovery {
    private static final System.Logger LOG = System.getLogger(HomeAssistantDiscovery.class.getName());
    private static final byte[] REMOVE = new byte[0];

    /** How often the collector calls {@link #sync()}: changes reach Home Assistant within this. */
    public static final long SYNC_MS = 1_000;

    /** Where the messages go: the embedded endpoint or the external broker, always retained. */
    @FunctionalInterface
    public interface Outlet {
        void publish(String topic, byte[] payload, boolean retain);
    }

    private final SiteProjection projection;
    private final DiscoveryMessages messages;
    private final Outlet outlet;
    private final String statusTopic;
    private final Map<String, SiteView> seen = new HashMap<>();
    private final Map<String, Map<String, String>> published = new HashMap<>();
    private final Set<String> removed = new HashSet<>();

    public HomeAssistantDiscovery(
            SiteProjection projection, String discoveryPrefix, String topicPrefix, Outlet outlet) {
        this.projection = projection;
        this.messages = new DiscoveryMessages(discoveryPrefix, topicPrefix);
        this.outlet = outlet;
        this.statusTopic = discoveryPrefix + "/status";
    }

    /** Home Assistant's birth and last-will topic. */
    public String statusTopic() {
        return statusTopic;
    }

    /** Publishes what changed since the last call; a site whose view did not change costs one comparison. */
    public synchronized void sync() {
        Set<String> live = new HashSet<>();
        for (SiteView v : projection.all()) {
            if (removed.contains(v.site())) {
                continue;
            }
            live.add(v.site());
            if (seen.get(v.site()) != v) {
                seen.put(v.site(), v);
                publishSite(v, false);
            }
        }
        for (String site : List.copyOf(published.keySet())) {
            if (!live.contains(site)) {
                unpublish(site);
            }
        }
    }

    /** A site deleted from the collector: its entities are removed from Home Assistant and stay away. */
    public synchronized void removeSite(String site) {
        removed.add(site);
        unpublish(site);
    }

    /** Home Assistant's birth message: on {@code online}, every config, state and availability is sent again. */
    public synchronized void onHomeAssistantStatus(byte[] payload) {
        String status = new String(payload, StandardCharsets.UTF_8).trim();
        if (!"online".equals(status)) {
            return;
        }
        LOG.log(Level.INFO, "Home Assistant is online: sending discovery for {0} sites again", published.size());
        for (String site : List.copyOf(published.keySet())) {
            projection.get(site).ifPresent(v -> publishSite(v, true));
        }
    }

    private void publishSite(SiteView v, boolean all) {
        Map<String, String> next = new HashMap<>(messages.configs(v));
        Map<String, String> before = published.getOrDefault(v.site(), Map.of());
        for (Map.Entry<String, String> c : next.entrySet()) {
            if (all || !c.getValue().equals(before.get(c.getKey()))) {
                send(c.getKey(), c.getValue());
            }
        }
        for (String gone : before.keySet()) {
            if (!next.containsKey(gone) && !isStateTopic(v.site(), gone)) {
                outlet.publish(gone, REMOVE, true);
            }
        }
        String availability = DiscoveryMessages.availability(v);
        String state = messages.state(v);
        if (all || !availability.equals(before.get(messages.availabilityTopic(v.site())))) {
            send(messages.availabilityTopic(v.site()), availability);
        }
        if (all || !state.equals(before.get(messages.stateTopic(v.site())))) {
            send(messages.stateTopic(v.site()), state);
        }
        next.put(messages.availabilityTopic(v.site()), availability);
        next.put(messages.stateTopic(v.site()), state);
        published.put(v.site(), next);
    }

    private void unpublish(String site) {
        Map<String, String> before = published.remove(site);
        seen.remove(site);
        if (before == null) {
            return;
        }
        // empty retained messages: Home Assistant deletes the entities, the broker forgets the retained ones
        before.keySet().forEach(topic -> outlet.publish(topic, REMOVE, true));
    }

    private boolean isStateTopic(String site, String topic) {
        return topic.equals(messages.availabilityTopic(site)) || topic.equals(messages.stateTopic(site));
    }

    private void send(String topic, String payload) {
        outlet.publish(topic, payload.getBytes(StandardCharsets.UTF_8), true);
    }
}
