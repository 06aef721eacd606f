package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The kit's storage key property over one real database: each subclass opens its {@link
 * TestDatabase} (a table of its own, dropped afterwards) and states the dialect's key limits.
 */
abstract class JdbcStorageKeyProperties extends StorageKeyProperties {
  private TestDatabase database;

  /** Opens the database, creating the table. */
  abstract TestDatabase openDatabase();

  @BeforeProperty
  void open() {
    database = openDatabase();
  }

  @AfterProperty
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected PersistentStorage createStorage() {
    return JdbcPersistentStorage.builder(database.dataSource()).table(database.table()).build();
  }
}
