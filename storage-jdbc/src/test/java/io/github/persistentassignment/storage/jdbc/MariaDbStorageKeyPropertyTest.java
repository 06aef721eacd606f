package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on MariaDB keeps any keys apart")
class MariaDbStorageKeyPropertyTest extends JdbcStorageKeyProperties {
  /** {@code storage_key VARBINARY(2000)}, {@code config_name VARBINARY(1000)}. */
  MariaDbStorageKeyPropertyTest() {
    super(TestDatabase::mariadb, 2_000, 1_000);
  }
}
