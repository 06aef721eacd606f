package io.github.persistentassignment.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real database for one test class: a caller-owned HikariCP pool of several connections and a
 * table with a random name, created through the adapter and dropped afterwards.
 */
final class TestDatabase implements AutoCloseable {
  static final int POOL_SIZE = 8;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String table;

  private TestDatabase(HikariConfig config, Dialect dialect) {
    config.setMaximumPoolSize(POOL_SIZE);
    config.setConnectionTimeout(10_000);
    config.setPoolName("test-" + dialect);
    this.pool = new HikariDataSource(config);
    this.dialect = dialect;
    this.table = "pa_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(pool).tableName(table).createTableIfMissing(true).build()) {
      if (storage.dialect() != dialect) {
        throw new IllegalStateException("detected " + storage.dialect() + ", expected " + dialect);
      }
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The local PostgreSQL (or PA_TEST_POSTGRES_URL / Testcontainers); skips or fails without. */
  static TestDatabase postgres() {
    return url(TestBackends.postgresUrl(), Dialect.POSTGRESQL);
  }

  /** The local MariaDB (or PA_TEST_MARIADB_URL / Testcontainers); skips or fails without. */
  static TestDatabase mariadb() {
    return url(JdbcUrls.mariadb(), Dialect.MARIADB);
  }

  /** A SQLite file in a temporary folder, in WAL mode, waiting up to 10 s for the write lock. */
  static TestDatabase sqlite(Path folder) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + folder.resolve("assignments.db"));
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("busy_timeout", "10000");
    return new TestDatabase(config, Dialect.SQLITE);
  }

  /** An embedded in-memory H2 database that lives as long as the pool. */
  static TestDatabase h2() {
    return url(
        "jdbc:h2:mem:pa_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        Dialect.H2);
  }

  private static TestDatabase url(String url, Dialect dialect) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    return new TestDatabase(config, dialect);
  }

  HikariDataSource dataSource() {
    return pool;
  }

  Dialect dialect() {
    return dialect;
  }

  String tableName() {
    return table;
  }

  /** Stores raw text as an entry with plain JDBC, bypassing the adapter's encoding. */
  void writeRaw(String key, String configName, String raw) {
    try (Connection connection = pool.getConnection()) {
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + table + " WHERE storage_key = ? AND config_name = ?")) {
        bindKey(delete, 1, key);
        bindKey(delete, 2, configName);
        delete.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (storage_key, config_name, sticky_values, updated_at, expires_at)"
                  + " VALUES (?, ?, ?, 0, NULL)")) {
        bindKey(insert, 1, key);
        bindKey(insert, 2, configName);
        insert.setString(3, raw);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not write a raw entry", e);
    }
  }

  /** Runs SQL with plain JDBC. */
  void execute(String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  /** The first column of the first row a query returns, as a number. */
  long queryLong(String sql) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql, e);
    }
  }

  private void bindKey(PreparedStatement statement, int index, String value) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    } else {
      statement.setString(index, value);
    }
  }

  /** Drops the table and closes the pool. */
  @Override
  public void close() {
    try {
      execute("DROP TABLE IF EXISTS " + table);
    } finally {
      pool.close();
    }
  }
}
