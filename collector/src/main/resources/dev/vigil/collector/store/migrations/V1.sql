CREATE TABLE sites (
  site VARCHAR(64) PRIMARY KEY,
  tags VARCHAR(2000) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE users (
  username VARCHAR(64) PRIMARY KEY,
  user_role VARCHAR(16) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE events (
  id CHAR(26) PRIMARY KEY,
  site VARCHAR(64) NOT NULL,
  seq BIGINT NOT NULL,
  event_time BIGINT NOT NULL,
  event_type VARCHAR(64) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  payload VARCHAR(70000) NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE INDEX events_by_site ON events (site, id);
CREATE INDEX events_by_received ON events (received_at);
CREATE TABLE snapshots (
  site VARCHAR(64) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  payload VARCHAR(70000) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (site, kind)
);
CREATE TABLE metrics (
  site VARCHAR(64) NOT NULL,
  sample_time BIGINT NOT NULL,
  wan VARCHAR(64) NOT NULL,
  rtt_ms DOUBLE PRECISION,
  loss_pct DOUBLE PRECISION,
  jitter_ms DOUBLE PRECISION
);
CREATE INDEX metrics_by_site ON metrics (site, sample_time);
CREATE TABLE alerts (
  id VARCHAR(64) PRIMARY KEY,
  site VARCHAR(64) NOT NULL,
  rule VARCHAR(64) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  severity VARCHAR(16) NOT NULL,
  alert_state VARCHAR(16) NOT NULL,
  title VARCHAR(200) NOT NULL,
  body VARCHAR(2000) NOT NULL,
  link VARCHAR(500),
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  acknowledged_by VARCHAR(64)
);
CREATE INDEX alerts_by_state ON alerts (alert_state, site);
CREATE TABLE vrrp_baseline (
  site VARCHAR(64) NOT NULL,
  grp VARCHAR(200) NOT NULL,
  master VARCHAR(64) NOT NULL,
  PRIMARY KEY (site, grp)
);
