package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on PostgreSQL keeps any keys apart")
class PostgresStorageKeyPropertyTest extends JdbcStorageKeyProperties {
  /** The primary key's B-tree entry, key and config name together, must stay under 2 704 bytes. */
  PostgresStorageKeyPropertyTest() {
    super(TestDatabase::postgres, 2_400, Integer.MAX_VALUE);
  }
}
