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
  @DisplayName("a server URL without createTableIfMissing opens, and its calls ask for the table")
  void serverTableMustExist() {
    String table = "pa_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (PersistentStorage storage =
        PersistentStorages.open(TestBackends.postgresUrl(), Map.of("tableName", table))) {
      assertThatThrownBy(() -> storage.load("u:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(table)
          .hasMessageContaining("createTableIfMissing");
    }
  }

  @Test
  @DisplayName("every builder setting is an option of the same name")
  void everySettingIsAnOption() {
    Path file = folder.resolve("options.db");
    Map<String, String> options =
        Map.of(
            "tableName", "pa_options",
            "dialect", "sqlite",
            "createTableIfMissing", "true",
            "expireAfter", "30d",
            "maxValueBytes", "4096",
            "operationTimeout", "3s",
            "maxConnections", "2",
            "poolTimeout", "500ms",
            "connectTimeout", "1s");
    try (JdbcPersistentStorage storage =
        (JdbcPersistentStorage) PersistentStorages.open("sqlite:" + file, options)) {
      assertThat(storage.tableName()).isEqualTo("pa_options");
      assertThat(storage.expireAfter()).contains(java.time.Duration.ofDays(30));
      storage.save("u:userID", "exp", values(1));
      assertThat(storage.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(storage.load("u:userID").get("exp")).contains(values(1));
      StickyValues big =
          StickyValues.builder().value(true).jsonValue(Map.of("p", "x".repeat(5000))).build();
      assertThatThrownBy(() -> storage.save("u:userID", "big", big))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxValueBytes");
    }
    assertThatThrownBy(
            () ->
                PersistentStorages.open(
                    "sqlite:" + file, Map.of("operationTimeout", "1s", "poolTimeout", "2s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolTimeout");
    assertThatThrownBy(() -> PersistentStorages.open("sqlite:" + file, Map.of("table", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'table'")
        .hasMessageContaining("tableName");
    assertThatThrownBy(() -> PersistentStorages.open("sqlite:" + file, Map.of("dialect", "oracle")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dialect");
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
        Map.of("createTableIfMissing", "true"));
  }

  private void enumerateOnServer(String url) {
    String table = "pa_enum_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try {
      enumerate(url, Map.of("tableName", table, "createTableIfMissing", "true"));
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
