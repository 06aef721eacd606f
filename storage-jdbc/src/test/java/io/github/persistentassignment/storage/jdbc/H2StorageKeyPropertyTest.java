package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on H2 (embedded) keeps any keys apart")
class H2StorageKeyPropertyTest extends JdbcStorageKeyProperties {
  /** {@code VARCHAR(4000)} and {@code VARCHAR(1000)}, in characters; each takes a byte or more. */
  H2StorageKeyPropertyTest() {
    super(TestDatabase::h2, 4_000, 1_000);
  }
}
