-- Persistent Assignment for Java: the JDBC adapter's table on MariaDB and MySQL.
-- The table (default name persistent_assignments) and its indexes: expires_at for purgeExpired(),
-- config_name for purge(configName).
-- Keys are VARBINARY so they compare byte for byte: the default collations would treat 'A' and
-- 'a', accents, and trailing spaces as equal. Keys are stored as UTF-8.
-- updated_at and expires_at are epoch milliseconds (UTC); expires_at is NULL without a TTL.
CREATE TABLE IF NOT EXISTS ${table} (
  storage_key   VARBINARY(2000) NOT NULL,
  config_name   VARBINARY(1000) NOT NULL,
  sticky_values LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  updated_at    BIGINT NOT NULL,
  expires_at    BIGINT NULL,
  PRIMARY KEY (storage_key, config_name),
  INDEX ${index} (expires_at),
  INDEX ${config_index} (config_name)
) ENGINE=InnoDB;
