CREATE TABLE audit_log (
  id VARCHAR(120) PRIMARY KEY,
  event_time BIGINT NOT NULL,
  kind VARCHAR(64) NOT NULL,
  actor VARCHAR(200) NOT NULL,
  site VARCHAR(100),
  customer VARCHAR(100),
  outcome VARCHAR(32) NOT NULL,
  summary VARCHAR(1000) NOT NULL,
  details VARCHAR(8000) NOT NULL,
  source VARCHAR(64)
);
CREATE INDEX audit_log_by_time ON audit_log (event_time);
CREATE INDEX audit_log_by_site ON audit_log (site, id);
CREATE INDEX audit_log_by_customer ON audit_log (customer, id);
