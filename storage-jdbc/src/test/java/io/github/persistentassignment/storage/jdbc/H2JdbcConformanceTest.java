package io.github.persistentassignment.storage.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcPersistentStorage on H2 (embedded, in memory) keeps the storage contract")
class H2JdbcConformanceTest extends JdbcStorageConformanceTest {
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.h2();
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
