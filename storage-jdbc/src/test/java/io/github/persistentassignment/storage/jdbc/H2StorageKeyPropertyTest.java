package io.github.persistentassignment.storage.jdbc;

import net.jqwik.api.Label;

@Label("JdbcPersistentStorage on H2 (embedded) keeps any keys apart")
class H2StorageKeyPropertyTest extends JdbcStorageKeyProperties {
  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }

  /** {@code storage_key VARCHAR(4000)}, in characters; each takes at least a byte. */
  @Override
  protected int maxKeyBytes() {
    return 4_000;
  }

  /** {@code config_name VARCHAR(1000)}. */
  @Override
  protected int maxConfigNameBytes() {
    return 1_000;
  }
}
