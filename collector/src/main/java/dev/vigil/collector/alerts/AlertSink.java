package dev.vigil.collector.alerts;

import dev.vigil.collector.store.AlertRecord;

/** Where alert changes go after they are stored: the MQTT alert topic, live updates, a webhook. */
public interface AlertSink {
    /**
     * @param changed the alert as it is now
     * @param retained the alert that should now be retained for the site, null when none is unresolved
     */
    void changed(AlertRecord changed, AlertRecord retained);
}
