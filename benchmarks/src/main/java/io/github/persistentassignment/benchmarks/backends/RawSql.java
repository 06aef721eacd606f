package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.storage.jdbc.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The statements {@code JdbcPersistentStorage} runs, written out by hand for each dialect and run
 * through the same pool: borrow a connection, prepare, bind, execute, read the rows into strings.
 * What the adapter adds on top — encoding and decoding JSON, argument checks, a query timeout on
 * every statement, wrapping failures — is its overhead.
 */
final class RawSql implements RawCommands {
  private static final String COLUMNS =
      "(storage_key, config_name, sticky_values, updated_at, expires_at)";
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final DataSource pool;
  private final Dialect dialect;
  private final String table;
  private final String select;
  private final String upsert;
  private final String insertIfAbsent;
  private final String delete;

  RawSql(DataSource pool, Dialect dialect, String table) {
    this.pool = pool;
    this.dialect = dialect;
    this.table = table;
    this.select =
        "SELECT config_name, sticky_values FROM " + table + " WHERE storage_key = ? AND " + LIVE;
    this.delete = "DELETE FROM " + table + " WHERE storage_key = ? AND config_name = ?";
    String insert = "INSERT INTO " + table + " AS pa " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
    String onConflictUpdate =
        " ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values ="
            + " excluded.sticky_values, updated_at = excluded.updated_at, expires_at ="
            + " excluded.expires_at";
    String onlyIfExpired = " WHERE pa.expires_at IS NOT NULL AND pa.expires_at <= ?";
    switch (dialect) {
      case POSTGRESQL -> {
        upsert = insert + onConflictUpdate;
        insertIfAbsent =
            "WITH written AS ("
                + insert
                + onConflictUpdate
                + onlyIfExpired
                + " RETURNING 1) SELECT 1, NULL FROM written UNION ALL SELECT 0, sticky_values FROM "
                + table
                + " WHERE storage_key = ? AND config_name = ? AND "
                + LIVE;
      }
      case SQLITE -> {
        upsert = insert + onConflictUpdate;
        // One statement, as the adapter: keep a live row, replace an expired one, return the row.
        String ifExpired =
            "CASE WHEN pa.expires_at IS NOT NULL AND pa.expires_at <= ? THEN excluded.";
        insertIfAbsent =
            insert
                + " ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values = "
                + ifExpired
                + "sticky_values ELSE pa.sticky_values END, updated_at = "
                + ifExpired
                + "updated_at ELSE pa.updated_at END, expires_at = "
                + ifExpired
                + "expires_at ELSE pa.expires_at END RETURNING sticky_values";
      }
      case MARIADB -> {
        String plainInsert = "INSERT INTO " + table + " " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
        upsert =
            plainInsert
                + " ON DUPLICATE KEY UPDATE sticky_values = VALUES(sticky_values),"
                + " updated_at = VALUES(updated_at), expires_at = VALUES(expires_at)";
        // One statement, as the adapter on MariaDB 10.5+: expires_at assigned last, since the
        // conditions read it and MariaDB assigns left to right.
        String ifExpired = "IF(expires_at IS NOT NULL AND expires_at <= ?, VALUES(";
        insertIfAbsent =
            plainInsert
                + " ON DUPLICATE KEY UPDATE sticky_values = "
                + ifExpired
                + "sticky_values), sticky_values), updated_at = "
                + ifExpired
                + "updated_at), updated_at), expires_at = "
                + ifExpired
                + "expires_at), expires_at) RETURNING sticky_values";
      }
      default -> throw new IllegalArgumentException("no raw statements for " + dialect);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, StickyValues> loadDecoding(String key, Collection<String> configs) {
    return RawCommands.decode((Map<String, String>) load(key), configs);
  }

  @Override
  public Object load(String key) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(select)) {
      bindKey(statement, 1, key);
      statement.setLong(2, System.currentTimeMillis());
      Map<String, String> rows = new HashMap<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.put(readKey(rs, 1), rs.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failed("load", e);
    }
  }

  @Override
  public Object save(String key, String configName, String json) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(upsert)) {
      bindRow(statement, key, configName, json);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed("save", e);
    }
  }

  @Override
  public boolean saveIfAbsent(String key, String configName, String json) {
    long now = System.currentTimeMillis();
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(insertIfAbsent)) {
      bindRow(statement, key, configName, json);
      switch (dialect) {
        case POSTGRESQL -> {
          statement.setLong(6, now);
          bindKey(statement, 7, key);
          bindKey(statement, 8, configName);
          statement.setLong(9, now);
          boolean wrote = false;
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              wrote |= rs.getInt(1) == 1;
              rs.getString(2);
            }
          }
          return wrote;
        }
        default -> {
          // SQLite and MariaDB: the row as the statement left it; ours if it wrote.
          statement.setLong(6, now);
          statement.setLong(7, now);
          statement.setLong(8, now);
          try (ResultSet rs = statement.executeQuery()) {
            return rs.next() && json.equals(rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw failed("saveIfAbsent", e);
    }
  }

  @Override
  public Object delete(String key, String configName) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(delete)) {
      bindKey(statement, 1, key);
      bindKey(statement, 2, configName);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed("delete", e);
    }
  }

  @Override
  public Object loadAll(List<String> keys) {
    StringBuilder sql =
        new StringBuilder("SELECT storage_key, config_name, sticky_values FROM ")
            .append(table)
            .append(" WHERE ");
    if (dialect == Dialect.POSTGRESQL) {
      sql.append("storage_key = ANY(?)");
    } else {
      sql.append("storage_key IN (").append("?, ".repeat(keys.size() - 1)).append("?)");
    }
    sql.append(" AND ").append(LIVE);
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      if (dialect == Dialect.POSTGRESQL) {
        statement.setArray(index++, connection.createArrayOf("text", keys.toArray()));
      } else {
        for (String key : keys) {
          bindKey(statement, index++, key);
        }
      }
      statement.setLong(index, System.currentTimeMillis());
      Map<String, Map<String, String>> users = new HashMap<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          users
              .computeIfAbsent(readKey(rs, 1), k -> new HashMap<>())
              .put(readKey(rs, 2), rs.getString(3));
        }
      }
      return users;
    } catch (SQLException e) {
      throw failed("loadAll", e);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Map<String, StickyValues>> loadAllDecoding(
      List<String> keys, Collection<String> configs) {
    Map<String, Map<String, String>> rows = (Map<String, Map<String, String>>) loadAll(keys);
    Map<String, Map<String, StickyValues>> users = new HashMap<>();
    for (String key : keys) {
      users.put(key, RawCommands.decode(rows.getOrDefault(key, Map.of()), configs));
    }
    return users;
  }

  /** Every row in one batch of the upsert, in one transaction. */
  @Override
  public void seed(List<String> keys, List<String> configs, String json) {
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(upsert)) {
        for (String key : keys) {
          for (String config : configs) {
            bindRow(statement, key, config, json);
            statement.addBatch();
          }
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed("seed", e);
    }
  }

  @Override
  public long deleteAll(String key) {
    return update("DELETE FROM " + table + " WHERE storage_key = ?", key, "deleteAll");
  }

  /** One statement; the adapter deletes in batches so as not to hold one long transaction. */
  @Override
  public long purge(String configName) {
    return update("DELETE FROM " + table + " WHERE config_name = ?", configName, "purge");
  }

  private long update(String sql, String value, String operation) {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bindKey(statement, 1, value);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  private void bindRow(PreparedStatement statement, String key, String configName, String json)
      throws SQLException {
    bindKey(statement, 1, key);
    bindKey(statement, 2, configName);
    statement.setString(3, json);
    statement.setLong(4, System.currentTimeMillis());
    statement.setNull(5, Types.BIGINT);
  }

  /** MariaDB's key columns are VARBINARY, compared byte for byte: keys go in as UTF-8 bytes. */
  private void bindKey(PreparedStatement statement, int index, String value) throws SQLException {
    if (dialect == Dialect.MARIADB) {
      statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    } else {
      statement.setString(index, value);
    }
  }

  private String readKey(ResultSet rs, int index) throws SQLException {
    return dialect == Dialect.MARIADB
        ? new String(rs.getBytes(index), StandardCharsets.UTF_8)
        : rs.getString(index);
  }

  private IllegalStateException failed(String operation, SQLException e) {
    return new IllegalStateException("raw " + operation + " on " + table + " failed", e);
  }
}
