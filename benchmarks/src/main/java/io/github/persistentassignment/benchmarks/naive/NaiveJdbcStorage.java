package io.github.persistentassignment.benchmarks.naive;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The anti-pattern in SQL, for comparison only: one row per user, {@code (storage_key,
 * user_values)}, the whole map as JSON text; load is a {@code SELECT}; save is a {@code SELECT}
 * then an {@code UPDATE} of the changed map (an {@code INSERT} for a new user), in auto-commit, as
 * such code usually runs. Two statements per save, and concurrent saves for one user overwrite each
 * other.
 */
public final class NaiveJdbcStorage implements PersistentStorage {
  private final DataSource dataSource;
  private final String select;
  private final String update;
  private final String insert;

  private NaiveJdbcStorage(DataSource dataSource, String table) {
    this.dataSource = dataSource;
    this.select = "SELECT user_values FROM " + table + " WHERE storage_key = ?";
    this.update = "UPDATE " + table + " SET user_values = ? WHERE storage_key = ?";
    this.insert = "INSERT INTO " + table + " (storage_key, user_values) VALUES (?, ?)";
  }

  /**
   * Creates the table (a plain identifier, trusted) and returns a storage over it.
   *
   * @param dataSource a pool of a PostgreSQL, MariaDB/MySQL or SQLite database; not closed
   * @param table the table's name
   * @return the storage
   */
  public static NaiveJdbcStorage createTable(DataSource dataSource, String table) {
    requireNonNullArgument(dataSource, "dataSource");
    requireNonBlank(table, "table");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      boolean mysqlFamily = product.contains("mariadb") || product.contains("mysql");
      statement.execute(
          "CREATE TABLE "
              + table
              + (mysqlFamily
                  ? " (storage_key VARCHAR(255) PRIMARY KEY, user_values LONGTEXT NOT NULL)"
                  : " (storage_key TEXT PRIMARY KEY, user_values TEXT NOT NULL)"));
    } catch (SQLException e) {
      throw new StorageException("could not create the naive table " + table, e);
    }
    return new NaiveJdbcStorage(dataSource, table);
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    try (Connection connection = dataSource.getConnection()) {
      String stored = select(connection, key);
      return stored == null
          ? UserPersistedValues.empty()
          : UserPersistedValues.ofEncoded(key, UserMapJson.split(stored));
    } catch (SQLException e) {
      throw StorageException.of("load", key, e);
    }
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    requireNonBlank(configName, "configName");
    String json = StickyValuesCodec.encode(requireNonNullArgument(values, "values"));
    rewrite("save", key, entries -> entries.put(configName, json));
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(configName, "configName");
    rewrite("delete", key, entries -> entries.remove(configName));
  }

  /** Nothing to close: the data source is the caller's. */
  @Override
  public void close() {}

  /** Read, change, write back: the window in which a concurrent save is lost. */
  private void rewrite(String operation, String key, Consumer<Map<String, String>> change) {
    requireNonBlank(key, "key");
    try (Connection connection = dataSource.getConnection()) {
      String stored = select(connection, key);
      Map<String, String> entries =
          stored == null ? new LinkedHashMap<>() : UserMapJson.split(stored);
      change.accept(entries);
      try (PreparedStatement statement =
          connection.prepareStatement(stored == null ? insert : update)) {
        statement.setString(stored == null ? 1 : 2, key);
        statement.setString(stored == null ? 2 : 1, UserMapJson.join(entries));
        statement.executeUpdate();
      }
    } catch (SQLException e) {
      throw StorageException.of(operation, key, e);
    }
  }

  private @Nullable String select(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, key);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
