package dev.vigil.collector.notify.policy;

import dev.vigil.collector.store.AlertRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A site whose agent is gone (or back for less than the settle time): its other alerts are held for the summary. */
final class OfflineSite {
    AlertRecord offline;
    final Instant since;
    Instant backAt;
    final List<String> held = new ArrayList<>();

    OfflineSite(AlertRecord offline, Instant since) {
        this.offline = offline;
        this.since = since;
    }
}
