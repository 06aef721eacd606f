package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import java.util.function.Supplier;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The kit's storage key property over one real database: each subclass names how to open its {@link
 * TestDatabase} (a table of its own, dropped afterwards) and the dialect's key limits.
 */
abstract class JdbcStorageKeyProperties extends StorageKeyProperties {
  private final Supplier<TestDatabase> opener;
  private final int maxKeyBytes;
  private final int maxConfigNameBytes;
  private TestDatabase database;

  JdbcStorageKeyProperties(Supplier<TestDatabase> opener, int maxKeyBytes, int maxConfigNameBytes) {
    this.opener = opener;
    this.maxKeyBytes = maxKeyBytes;
    this.maxConfigNameBytes = maxConfigNameBytes;
  }

  @BeforeProperty
  void open() {
    database = opener.get();
  }

  @AfterProperty
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected PersistentStorage createStorage() {
    return JdbcPersistentStorage.builder(database.dataSource())
        .tableName(database.tableName())
        .build();
  }

  @Override
  protected int maxKeyBytes() {
    return maxKeyBytes;
  }

  @Override
  protected int maxConfigNameBytes() {
    return maxConfigNameBytes;
  }
}
