package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JdbcPersistentStorage.Builder")
class JdbcPersistentStorageBuilderTest {

  private static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    // DB_CLOSE_DELAY keeps the in-memory database while no connection is open.
    dataSource.setURL(
        "jdbc:h2:mem:builder_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  private static String h2Url() {
    return "jdbc:h2:mem:url_"
        + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1";
  }

  @Nested
  @DisplayName("rejects, with an IllegalArgumentException,")
  class Rejects {
    @ParameterizedTest(name = "table name [{0}]")
    @ValueSource(
        strings = {
          "",
          " ",
          "x; drop table y",
          "persistent_assignments; --",
          "a.b.c",
          ".t",
          "s.",
          "1abc",
          "a-b",
          "\"quoted\"",
          "t t",
          "täble",
          "a123456789012345678901234567890123456789012345678901234567890123"
        })
    void badTableNames(String table) {
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).table(table))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("table");
    }

    @Test
    @DisplayName("a null table name, data source, URL or TTL, and a TTL that is not positive")
    void nulls() {
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).table(null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> JdbcPersistentStorage.builder((DataSource) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dataSource");
      assertThatThrownBy(() -> JdbcPersistentStorage.builder((String) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jdbcUrl");
      assertThatThrownBy(() -> JdbcPersistentStorage.builder("postgres://db/app"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("jdbc:");
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).expireAfter(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ttl");
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).maximumPoolSize(0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> JdbcPersistentStorage.builder(h2()).connectionTimeout(Duration.ofMillis(10)))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({
      "connectionTimeout, PT0.1S, connectionTimeout must be at least 250 ms",
      "connectionTimeout, PT-1S, connectionTimeout",
      "connectTimeout, PT0S, connectTimeout",
      "connectTimeout, PT-0.5S, connectTimeout",
      "connectTimeout, P30D, connectTimeout must be at most 2147483647 ms",
      "socketTimeout, PT0S, socketTimeout",
      "socketTimeout, P25D, socketTimeout must be at most 2147483647 ms",
      "queryTimeout, PT0S, queryTimeout",
      "queryTimeout, PT-2S, queryTimeout"
    })
    @DisplayName("a timeout out of range, naming the setting")
    void badTimeouts(String setting, Duration value, String message) {
      JdbcPersistentStorage.Builder builder = JdbcPersistentStorage.builder(h2Url());
      Runnable set =
          switch (setting) {
            case "connectionTimeout" -> () -> builder.connectionTimeout(value);
            case "connectTimeout" -> () -> builder.connectTimeout(value);
            case "socketTimeout" -> () -> builder.socketTimeout(value);
            case "queryTimeout" -> () -> builder.queryTimeout(value);
            default -> throw new IllegalArgumentException(setting);
          };
      assertThatThrownBy(set::run)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(message);
    }

    @Test
    @DisplayName(
        "at build(), a socket timeout for its own pool that is not above the query timeout")
    void socketTimeoutWithinQueryTimeout() {
      assertThatThrownBy(
              () ->
                  JdbcPersistentStorage.builder(h2Url())
                      .queryTimeout(Duration.ofSeconds(3))
                      .socketTimeout(Duration.ofSeconds(3))
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "socketTimeout (3000 ms) must be longer than queryTimeout (3 s), so that the"
                  + " database cancels a slow statement before the driver gives up its"
                  + " connection");
    }
  }

  @Test
  @DisplayName(
      "takes a socket timeout above the query timeout, and ignores it with a caller's data source")
  void socketTimeouts() {
    JdbcPersistentStorage.builder(h2Url())
        .createSchemaIfMissing(true)
        .queryTimeout(Duration.ofMillis(2_500)) // counted as 2 s
        .socketTimeout(Duration.ofMillis(2_001))
        .build()
        .close();
    JdbcPersistentStorage.builder(h2())
        .createSchemaIfMissing(true)
        .queryTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(1))
        .build()
        .close();
  }

  @ParameterizedTest(name = "accepts table name [{0}]")
  @ValueSource(strings = {"persistent_assignments", "_x1", "PA", "app.assignments"})
  void goodTableNames(String table) {
    assertThat(JdbcPersistentStorage.schemaSql(Dialect.POSTGRESQL, table))
        .contains("CREATE TABLE IF NOT EXISTS " + table + " (");
  }

  @ParameterizedTest(name = "product \"{0}\" speaks {1}")
  @CsvSource({
    "PostgreSQL, POSTGRESQL",
    "MariaDB, MARIADB",
    "MySQL, MARIADB",
    "SQLite, SQLITE",
    "H2, H2"
  })
  void detectsDialects(String product, Dialect dialect) {
    assertThat(Dialect.fromProductName(product)).contains(dialect);
  }

  @Test
  @DisplayName("does not guess a dialect for other databases")
  void unknownProducts() {
    assertThat(Dialect.fromProductName("Oracle")).isEmpty();
    assertThat(Dialect.fromProductName("Microsoft SQL Server")).isEmpty();
  }

  @Test
  @DisplayName("detects the dialect from the connection, or takes the one it is given")
  void detectionAndOverride() {
    DataSource dataSource = h2();
    try (JdbcPersistentStorage detected =
            JdbcPersistentStorage.builder(dataSource).createSchemaIfMissing(true).build();
        JdbcPersistentStorage overridden =
            JdbcPersistentStorage.builder(dataSource).dialect(Dialect.H2).build()) {
      assertThat(detected.dialect()).isEqualTo(Dialect.H2);
      assertThat(overridden.dialect()).isEqualTo(Dialect.H2);
      assertThat(detected.table()).isEqualTo(JdbcPersistentStorage.DEFAULT_TABLE);
    }
  }

  @Test
  @DisplayName("a missing table is a StorageException naming the DDL resource to apply")
  void missingTable() {
    assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).table("assignments").build())
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "table assignments does not exist. Apply the DDL in schema-h2.sql"
                + " (io/github/persistentassignment/storage/jdbc/schema-h2.sql in the"
                + " persistent-assignment-storage-jdbc jar, or"
                + " JdbcPersistentStorage.schemaSql(Dialect.H2, \"assignments\")), or build the"
                + " storage with createSchemaIfMissing(true)");
  }

  @Test
  @DisplayName("the URL form builds its own pool, and operations fail after close")
  void urlForm() {
    StickyValues values = StickyValues.builder().value(true).groupName("Test").build();
    JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(h2Url(), "sa", "")
            .createSchemaIfMissing(true)
            .maximumPoolSize(2)
            .build();
    storage.save("alice:userID", "exp", values);
    assertThat(storage.load("alice:userID").get("exp")).contains(values);
    storage.close();
    storage.close();
    assertThatThrownBy(() -> storage.load("alice:userID"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("an unreachable database fails build() quickly with a StorageException")
  void unreachable() {
    assertThatThrownBy(
            () ->
                JdbcPersistentStorage.builder("jdbc:postgresql://127.0.0.1:1/none", "u", "p")
                    .connectionTimeout(Duration.ofMillis(500))
                    .build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/none");
  }
}
