package io.github.persistentassignment.storage.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("JdbcPersistentStorage on SQLite (a file) keeps the storage contract")
class SqliteJdbcConformanceTest extends JdbcStorageConformanceTest {
  @TempDir static Path folder;
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.sqlite(folder);
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  TestDatabase database() {
    return database;
  }
}
