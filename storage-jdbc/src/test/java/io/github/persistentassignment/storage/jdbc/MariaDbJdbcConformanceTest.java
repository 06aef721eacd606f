package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

  @Test
  @DisplayName("a key over the 2 000-byte VARBINARY column is refused, never truncated")
  void overLongKey() {
    String key = "k".repeat(2_001);
    StickyValues values = StickyValues.builder().value(true).groupName("A").build();
    try (JdbcPersistentStorage storage = builder().build()) {
      assertThatThrownBy(() -> storage.save(key, "exp", values))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("save failed for key '" + key.substring(0, 100))
          .hasMessageContaining("(2001 characters)");
      assertThatThrownBy(() -> storage.saveIfAbsent(key, "exp", values))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("saveIfAbsent failed for key '" + key.substring(0, 100))
          .hasMessageContaining("(2001 characters)");
      assertThat(storage.load(key.substring(0, 2_000)).asMap()).isEmpty();
    }
  }
}
