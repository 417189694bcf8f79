CREATE TABLE commands (
  id CHAR(26) PRIMARY KEY,
  site VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  issuer VARCHAR(128) NOT NULL,
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  reason VARCHAR(64),
  detail VARCHAR(2000),
  result VARCHAR(70000),
  drill VARCHAR(4000),
  updated_at BIGINT NOT NULL,
  envelope VARCHAR(8000) NOT NULL
);
CREATE INDEX commands_by_site ON commands (site, id);
CREATE INDEX commands_by_status ON commands (status, expires_at);
