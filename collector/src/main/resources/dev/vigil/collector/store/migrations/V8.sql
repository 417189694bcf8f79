CREATE TABLE customers (
  name VARCHAR(100) PRIMARY KEY,
  created_at BIGINT NOT NULL
);
ALTER TABLE sites ADD COLUMN customer VARCHAR(100);
ALTER TABLE users ADD COLUMN customer VARCHAR(100);
CREATE TABLE auth_events (
  id VARCHAR(32) PRIMARY KEY,
  event_time BIGINT NOT NULL,
  kind VARCHAR(32) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  source VARCHAR(100),
  actor VARCHAR(64)
);
CREATE INDEX auth_events_by_time ON auth_events (event_time);
CREATE TABLE api_tokens (
  id VARCHAR(32) PRIMARY KEY,
  token_hash CHAR(64) NOT NULL,
  name VARCHAR(100) NOT NULL,
  username VARCHAR(64) NOT NULL,
  token_role VARCHAR(16) NOT NULL,
  customer VARCHAR(100),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used BIGINT,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (token_hash);
CREATE TABLE user_totp (
  username VARCHAR(64) PRIMARY KEY,
  secret VARCHAR(64) NOT NULL,
  enabled INT NOT NULL,
  last_step BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE recovery_codes (
  username VARCHAR(64) NOT NULL,
  code_hash CHAR(64) NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (username, code_hash)
);
