-- Persistent Assignment for Java: the JDBC adapter's table on SQLite (3.35 or newer).
-- The table (default name persistent_assignments) and its indexes: expires_at for purgeExpired(),
-- config_name for purge(configName).
-- updated_at and expires_at are epoch milliseconds (UTC); expires_at is NULL without a TTL.
CREATE TABLE IF NOT EXISTS ${table} (
  storage_key   TEXT    NOT NULL,
  config_name   TEXT    NOT NULL,
  sticky_values TEXT    NOT NULL,
  updated_at    INTEGER NOT NULL,
  expires_at    INTEGER,
  PRIMARY KEY (storage_key, config_name)
);
CREATE INDEX IF NOT EXISTS ${index} ON ${table_name} (expires_at);
CREATE INDEX IF NOT EXISTS ${config_index} ON ${table_name} (config_name);
