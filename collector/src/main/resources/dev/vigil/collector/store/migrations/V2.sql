CREATE INDEX events_by_site_time ON events (site, event_time);
