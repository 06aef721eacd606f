package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on PostgreSQL keeps any keys apart")
class PostgresStorageKeyPropertyTest extends JdbcStorageKeyProperties {
  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }

  /** The primary key's B-tree entry, key and config name together, must stay under 2 704 bytes. */
  @Override
  protected int maxKeyBytes() {
    return 2_400;
  }
}
