CREATE TABLE sso_pending (
  state VARCHAR(100) PRIMARY KEY,
  nonce VARCHAR(64) NOT NULL,
  verifier VARCHAR(128) NOT NULL,
  binding_hash VARCHAR(64) NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sso_pending_by_expiry ON sso_pending (expires_at)
