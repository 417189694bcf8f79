CREATE TABLE mqtt_sessions (
  client_id VARCHAR(1024) PRIMARY KEY,
  principal VARCHAR(200) NOT NULL,
  expiry_seconds BIGINT NOT NULL,
  expires_at BIGINT
);
CREATE TABLE mqtt_subscriptions (
  client_id VARCHAR(1024) NOT NULL,
  topic_filter VARCHAR(1024) NOT NULL,
  qos INT NOT NULL,
  PRIMARY KEY (client_id, topic_filter)
);
CREATE TABLE mqtt_queue (
  client_id VARCHAR(1024) NOT NULL,
  seq BIGINT NOT NULL,
  topic VARCHAR(1024) NOT NULL,
  payload BYTEA NOT NULL,
  qos INT NOT NULL,
  PRIMARY KEY (client_id, seq)
);
CREATE TABLE api_sessions (
  token_hash CHAR(64) PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  user_role VARCHAR(16) NOT NULL,
  last_used BIGINT NOT NULL
);
CREATE INDEX api_sessions_by_last_used ON api_sessions (last_used);
