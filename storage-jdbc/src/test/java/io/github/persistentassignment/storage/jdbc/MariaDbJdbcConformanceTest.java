package io.github.persistentassignment.storage.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

@DisplayName("JdbcPersistentStorage on MariaDB keeps the storage contract")
class MariaDbJdbcConformanceTest extends JdbcStorageConformanceTest {
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.mariadb();
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
