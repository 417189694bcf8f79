CREATE TABLE config_versions (
  site VARCHAR(64) NOT NULL,
  router VARCHAR(100) NOT NULL,
  version INT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  bytes INT NOT NULL,
  config_text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_confirmed_at BIGINT NOT NULL,
  export_id VARCHAR(64) NOT NULL,
  PRIMARY KEY (site, router, version)
);
CREATE TABLE config_exports (
  site VARCHAR(64) NOT NULL,
  export_id VARCHAR(64) NOT NULL,
  router VARCHAR(100) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  done_at BIGINT NOT NULL,
  PRIMARY KEY (site, export_id)
);
CREATE INDEX config_exports_by_time ON config_exports (done_at);
