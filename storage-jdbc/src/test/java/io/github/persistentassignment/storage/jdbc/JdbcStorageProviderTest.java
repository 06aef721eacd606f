package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.PersistentStorages;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("jdbc: and sqlite: URLs, and enumeration of a table")
class JdbcStorageProviderTest {
  @TempDir Path folder;

  private static StickyValues values(int i) {
    return StickyValues.builder()
        .value(true)
        .groupName("g" + i)
        .ruleId("r" + i)
        .jsonValue(Map.of("i", i))
        .time(1_700_000_000_000L)
        .build();
  }

  @Test
  @DisplayName("sqlite:PATH creates the file and its table, and a second open sees the data")
  void sqliteShortForm() {
    Path file = folder.resolve("store.db");
    try (PersistentStorage storage = PersistentStorages.open("sqlite:" + file)) {
      assertThat(storage).isInstanceOf(JdbcPersistentStorage.class);
      assertThat(((JdbcPersistentStorage) storage).dialect()).isEqualTo(Dialect.SQLITE);
      storage.save("u:userID", "exp", values(1));
    }
    assertThat(Files.exists(file)).isTrue();
    try (PersistentStorage storage = PersistentStorages.open("jdbc:sqlite:" + file)) {
      assertThat(storage.load("u:userID").get("exp")).contains(values(1));
    }
  }

  @Test
  @DisplayName("a server URL without createSchemaIfMissing expects the table to exist")
  void serverTableMustExist() {
    String table = "pa_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    assertThatThrownBy(
            () -> PersistentStorages.open(TestBackends.postgresUrl(), Map.of("table", table)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(table);
  }

  @Test
  @DisplayName("unknown options and a bare sqlite: are refused")
  void badArguments() {
    assertThatThrownBy(
            () -> PersistentStorages.open("sqlite:" + folder.resolve("x.db"), Map.of("foo", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("foo");
    assertThatThrownBy(() -> PersistentStorages.open("sqlite:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file path");
  }

  @Test
  @DisplayName("forEachEntry pages through SQLite")
  void enumeratesSqlite() {
    enumerate("sqlite:" + folder.resolve("many.db"), Map.of());
  }

  @Test
  @DisplayName("forEachEntry pages through PostgreSQL")
  void enumeratesPostgres() {
    enumerateOnServer(TestBackends.postgresUrl());
  }

  @Test
  @DisplayName("forEachEntry pages through MariaDB (binary keys)")
  void enumeratesMariaDb() {
    enumerateOnServer(TestBackends.mariadbUrl());
  }

  @Test
  @DisplayName("forEachEntry pages through H2")
  void enumeratesH2() {
    enumerate(
        "jdbc:h2:mem:pa_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
        Map.of("createSchemaIfMissing", "true"));
  }

  private void enumerateOnServer(String url) {
    String table = "pa_enum_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try {
      enumerate(url, Map.of("table", table, "createSchemaIfMissing", "true"));
    } finally {
      try (Connection connection = DriverManager.getConnection(url);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop " + table, e);
      }
    }
  }

  /** More entries than one page, keys sharing prefixes, several configs per key. */
  private void enumerate(String url, Map<String, String> options) {
    int keys = JdbcEntryScan.PAGE_SIZE / 2 + 7;
    Set<StoredEntry> expected = new HashSet<>();
    try (PersistentStorage storage = PersistentStorages.open(url, options)) {
      for (int i = 0; i < keys; i++) {
        String key = "user-" + i + ":userID";
        for (String config : new String[] {"a", "b", "a:b"}) {
          storage.save(key, config, values(i));
          expected.add(new StoredEntry(key, config, values(i)));
        }
      }
      Set<StoredEntry> seen = new HashSet<>();
      int[] visits = {0};
      ((EnumerableStorage) storage)
          .forEachEntry(
              entry -> {
                visits[0]++;
                seen.add(entry);
              });
      assertThat(visits[0]).isEqualTo(expected.size());
      assertThat(seen).isEqualTo(expected);
    }
  }
}
