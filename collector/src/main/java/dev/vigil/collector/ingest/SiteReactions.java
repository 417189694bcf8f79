package dev.vigil.collector.ingest;

import dev.vigil.collector.alerts.AlertAction;
import dev.vigil.collector.alerts.AlertRules;
import dev.vigil.collector.alerts.AlertViews;
import dev.vigil.collector.state.LiveUpdates;
import dev.vigil.collector.state.SiteProjection;
import dev.vigil.collector.state.SiteView;
import dev.vigil.collector.store.AlertRecord;
import dev.vigil.protocol.Event;
import dev.vigil.protocol.EventTypes;
import dev.vigil.protocol.SiteMetrics;
import dev.vigil.protocol.SiteState;
import dev.vigil.protocol.SiteStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one reacting step after a commit: updates the projection (and the usual masters it learns), feeds the live
 * stream and returns what the alert rules decide. Whoever calls it decides whether those decisions are applied here
 * (one collector) or only by the owner of the site (several collectors).
 */
public final class SiteReactions {
    /** Stores a usual master once learned; called at most once per site and group by this collector. */
    @FunctionalInterface
    public interface BaselineWriter {
        void learned(String site, String group, String master);
    }

    private final SiteProjection projection;
    private final LiveUpdates live;

    public SiteReactions(SiteProjection projection, LiveUpdates live) {
        this.projection = projection;
        this.live = live;
    }

    public List<AlertAction> event(Event event, String json, Instant received, BaselineWriter baseline) {
        projection.onEvent(event, received);
        if (event.type().equals(EventTypes.VRRP_MASTER_ELECTED)) {
            learn(event.site(), event.subject(), event.data().path("master").asText(null), baseline);
        } else if (event.type().equals(EventTypes.VRRP_MASTER_CHANGED)) {
            learn(event.site(), event.subject(), event.data().path("previous").asText(null), baseline);
        }
        List<AlertAction> actions = new ArrayList<>(AlertRules.forActivity());
        actions.addAll(AlertRules.forEvent(event, projection::usualMaster));
        live.publish("event", json);
        return actions;
    }

    public List<AlertAction> status(SiteStatus status, Instant received) {
        projection.onStatus(status, received);
        return AlertRules.forStatus(status);
    }

    public List<AlertAction> state(SiteState state, Instant received, BaselineWriter baseline) {
        for (SiteState.VrrpGroupView g : state.vrrp()) {
            if ("master".equals(g.state())) {
                learn(state.site(), SiteView.groupSubject(g), g.master(), baseline);
            }
        }
        projection.onState(state, received);
        return AlertRules.forActivity();
    }

    public List<AlertAction> metrics(SiteMetrics metrics, Instant received) {
        projection.onMetrics(metrics, received);
        return AlertRules.forActivity();
    }

    /** A site added (on any collector). */
    public void site(String site, List<String> tags) {
        projection.register(site, tags);
    }

    /** An alert change another collector stored: told to this collector's browsers. */
    public void alertChanged(AlertRecord a) {
        live.publish("alert", AlertViews.api(a).toString());
    }

    public String usualMaster(String site, String group) {
        return projection.usualMaster(site, group);
    }

    private void learn(String site, String group, String master, BaselineWriter baseline) {
        if (master == null || projection.usualMaster(site, group) != null) {
            return;
        }
        projection.learnUsualMaster(site, group, master);
        baseline.learned(site, group, master);
    }
}
