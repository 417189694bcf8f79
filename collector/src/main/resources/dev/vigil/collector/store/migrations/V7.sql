CREATE TABLE notify_rules (
  id VARCHAR(40) PRIMARY KEY,
  body VARCHAR(8000) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE notify_maintenance (
  id VARCHAR(40) PRIMARY KEY,
  body VARCHAR(8000) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE notify_maintenance_log (
  id VARCHAR(40) PRIMARY KEY,
  body VARCHAR(8000) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX notify_maintenance_log_by_time ON notify_maintenance_log (created_at);
CREATE TABLE notify_ack_tokens (
  nonce VARCHAR(64) PRIMARY KEY,
  alert_id VARCHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE notify_secrets (
  name VARCHAR(64) PRIMARY KEY,
  secret VARCHAR(200) NOT NULL
);
