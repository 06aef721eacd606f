-- Persistent Assignment for Java: the JDBC adapter's table on PostgreSQL.
-- The table (default name persistent_assignments) and its indexes: expires_at for purgeExpired(),
-- config_name for purge(configName).
-- sticky_values is TEXT, not JSONB: the stored JSON comes back byte for byte (see docs/jdbc.md).
-- updated_at and expires_at are epoch milliseconds (UTC); expires_at is NULL without a TTL.
CREATE TABLE IF NOT EXISTS ${table} (
  storage_key   TEXT   NOT NULL,
  config_name   TEXT   NOT NULL,
  sticky_values TEXT   NOT NULL,
  updated_at    BIGINT NOT NULL,
  expires_at    BIGINT,
  PRIMARY KEY (storage_key, config_name)
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table} (expires_at);
CREATE INDEX IF NOT EXISTS ${config_index} ON ${table} (config_name);
