package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on MariaDB keeps any keys apart")
class MariaDbStorageKeyPropertyTest extends JdbcStorageKeyProperties {
  @Override
  TestDatabase openDatabase() {
    return TestDatabase.mariadb();
  }

  /** {@code storage_key VARBINARY(2000)}. */
  @Override
  protected int maxKeyBytes() {
    return 2_000;
  }

  /** {@code config_name VARBINARY(1000)}. */
  @Override
  protected int maxConfigNameBytes() {
    return 1_000;
  }
}
