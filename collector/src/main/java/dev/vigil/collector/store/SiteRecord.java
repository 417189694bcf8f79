package dev.vigil.collector.store;

import java.time.Instant;
import java.util.List;

/** A provisioned site; its MQTT user name is the site id. */
public record SiteRecord(String site, List<String> tags, String passwordHash, Instant createdAt) {
    public SiteRecord {
        tags = List.copyOf(tags);
    }

    @Override
    public String toString() {
        return "SiteRecord[site=" + site + ", tags=" + tags + "]";
    }
}
