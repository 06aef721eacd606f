package io.github.persistentassignment.storage.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcPersistentStorage on PostgreSQL keeps the storage contract")
class PostgresJdbcConformanceTest extends JdbcStorageConformanceTest {
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.postgres();
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
