CREATE TABLE state_changes (
  id CHAR(26) PRIMARY KEY,
  site VARCHAR(64) NOT NULL,
  event_time BIGINT NOT NULL,
  event_type VARCHAR(64) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  master VARCHAR(64),
  dry_run BOOLEAN NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX state_changes_by_site_time ON state_changes (site, event_time, id, event_type, subject, master, dry_run)
