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
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).tableName(table))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("table");
    }

    @Test
    @DisplayName("a null table name, data source, URL or TTL, and a TTL out of range")
    void nulls() {
      assertThatThrownBy(() -> JdbcPersistentStorage.builder(h2()).tableName(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tableName");
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
          .hasMessageContaining("expireAfter");
      assertThatThrownBy(
              () ->
                  JdbcPersistentStorage.builder(h2())
                      .expireAfter(Duration.ofSeconds(Long.MAX_VALUE))
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expireAfter");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
      "maxConnections, 0, maxConnections must be between 1 and 10000",
      "maxConnections, 10001, maxConnections must be between 1 and 10000",
      "maxValueBytes, 0, maxValueBytes must be between 1 and",
      "poolTimeout, PT0.1S, poolTimeout must be at least 250 ms",
      "poolTimeout, PT-1S, poolTimeout must be more than 0",
      "poolTimeout, PT3S, poolTimeout must be more than 0 and at most PT2S",
      "connectTimeout, PT0S, connectTimeout must be more than 0",
      "connectTimeout, P30D, connectTimeout must be more than 0 and at most PT596H31M23.647S",
      "operationTimeout, PT0S, operationTimeout must be more than 0",
      "operationTimeout, PT-2S, operationTimeout must be more than 0"
    })
    @DisplayName("at build(), a setting out of range, naming the setting and the range")
    void outOfRange(String setting, String value, String message) {
      JdbcPersistentStorage.Builder builder = JdbcPersistentStorage.builder(h2Url());
      switch (setting) {
        case "maxConnections" -> builder.maxConnections(Integer.parseInt(value));
        case "maxValueBytes" -> builder.maxValueBytes(Integer.parseInt(value));
        case "poolTimeout" -> builder.poolTimeout(Duration.parse(value));
        case "connectTimeout" -> builder.connectTimeout(Duration.parse(value));
        case "operationTimeout" -> builder.operationTimeout(Duration.parse(value));
        default -> throw new IllegalArgumentException(setting);
      }
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maxConnections", "poolTimeout", "connectTimeout"})
    @DisplayName("at build(), a pool setting with the caller's DataSource, naming it")
    void poolSettingsWithDataSource(String setting) {
      JdbcPersistentStorage.Builder builder = JdbcPersistentStorage.builder(h2());
      switch (setting) {
        case "maxConnections" -> builder.maxConnections(5);
        case "poolTimeout" -> builder.poolTimeout(Duration.ofSeconds(1));
        default -> builder.connectTimeout(Duration.ofSeconds(1));
      }
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(setting + " applies only to the pool built from a JDBC URL");
    }

    @Test
    @DisplayName("at build(), a URL no driver on the class path accepts")
    void noDriver() {
      assertThatThrownBy(() -> JdbcPersistentStorage.builder("jdbc:oracle:thin:@db:1521/x").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no JDBC driver")
          .hasMessageContaining("PostgreSQL, MariaDB/MySQL, SQLite and H2");
      assertThatThrownBy(() -> JdbcPersistentStorage.builder("jdbc:mysql://db:3306/x").build())
          .hasMessageContaining("com.mysql:mysql-connector-j")
          .hasMessageContaining("jdbc:mariadb://");
    }
  }

  @Test
  @DisplayName("is mutable: each setter returns the builder, and build() copies the settings")
  void mutable() {
    DataSource dataSource = h2();
    JdbcPersistentStorage.Builder builder = JdbcPersistentStorage.builder(dataSource);
    assertThat(builder.tableName("first").createTableIfMissing(true)).isSameAs(builder);
    try (JdbcPersistentStorage first = builder.build();
        JdbcPersistentStorage second = builder.tableName("second").build()) {
      assertThat(first.tableName()).isEqualTo("first");
      assertThat(second.tableName()).isEqualTo("second");
    }
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
            JdbcPersistentStorage.builder(dataSource).createTableIfMissing(true).build();
        JdbcPersistentStorage overridden =
            JdbcPersistentStorage.builder(dataSource).dialect(Dialect.H2).build()) {
      assertThat(detected.dialect()).isEqualTo(Dialect.H2);
      assertThat(overridden.dialect()).isEqualTo(Dialect.H2);
      assertThat(detected.tableName()).isEqualTo(JdbcPersistentStorage.DEFAULT_TABLE);
    }
  }

  @Test
  @DisplayName("a missing table is a StorageException of the first call naming the DDL to apply")
  void missingTable() {
    try (JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(h2()).tableName("assignments").build()) {
      assertThatThrownBy(() -> storage.load("alice:userID"))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "load failed for key 'alice:userID': table assignments does not exist and"
                  + " createTableIfMissing is false: apply schema-h2.sql"
                  + " (JdbcPersistentStorage.schemaSql) or set createTableIfMissing(true)");
    }
  }

  @Test
  @DisplayName("the URL form builds its own pool, and operations fail after close")
  void urlForm() {
    StickyValues values = StickyValues.builder().value(true).groupName("Test").build();
    JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(h2Url(), "sa", "")
            .createTableIfMissing(true)
            .maxConnections(2)
            .build();
    storage.save("alice:userID", "exp", values);
    assertThat(storage.load("alice:userID").get("exp")).contains(values);
    storage.close();
    storage.close();
    assertThatThrownBy(() -> storage.load("alice:userID"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName(
      "an unreachable database does not fail build(); each call fails within the operation"
          + " timeout with a StorageException")
  void unreachable() {
    try (JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder("jdbc:postgresql://127.0.0.1:1/none", "u", "p")
            .operationTimeout(Duration.ofSeconds(1))
            .poolTimeout(Duration.ofMillis(500))
            .build()) {
      assertThat(storage.tableName()).isEqualTo(JdbcPersistentStorage.DEFAULT_TABLE);
      for (int call = 0; call < 2; call++) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> storage.load("alice:userID"))
            .isInstanceOf(StorageException.class)
            .hasMessageStartingWith("load failed for key 'alice:userID'");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(Duration.ofMillis(1_500));
      }
    }
  }
}
