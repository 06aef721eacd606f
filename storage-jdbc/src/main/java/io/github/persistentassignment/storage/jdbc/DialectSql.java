package io.github.persistentassignment.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one SQL dialect says and means: the text of each statement, the dialect's {@code
 * saveIfAbsent} strategy, and which error codes mean "table missing", "duplicate key" or "run it
 * again". The statements every dialect writes alike are here; a subclass supplies the rest. The
 * table name is validated ({@link TableName}), so it is written into the text unquoted; every value
 * is a bound parameter.
 */
abstract class DialectSql {
  static final String COLUMNS = "(storage_key, config_name, sticky_values, updated_at, expires_at)";
  static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  /** One entry to write: {@code expiresAt} in epoch milliseconds, or null for never. */
  record Write(String key, String configName, String json, long now, @Nullable Long expiresAt) {}

  final Dialect dialect;
  final TableName table;
  final String t;

  /** Parameters: key, now. Columns: config_name, sticky_values. */
  final String load;

  /** Parameters: key, config. */
  final String delete;

  /** Parameters: key. Every entry of the key, in one statement. */
  final String deleteAll;

  /** Parameters: json, updated_at, expires_at, key, config, expected json. A compare-and-set. */
  final String replace;

  /** Reads nothing; fails if the table is missing. */
  final String probe;

  DialectSql(Dialect dialect, TableName table) {
    this.dialect = dialect;
    this.table = table;
    this.t = table.qualified();
    load = "SELECT config_name, sticky_values FROM " + t + " WHERE storage_key = ? AND " + LIVE;
    delete = "DELETE FROM " + t + " WHERE storage_key = ? AND config_name = ?";
    deleteAll = "DELETE FROM " + t + " WHERE storage_key = ?";
    replace =
        "UPDATE "
            + t
            + " SET sticky_values = ?, updated_at = ?, expires_at = ?"
            + " WHERE storage_key = ? AND config_name = ? AND "
            + compareText("sticky_values")
            + " = ?";
    probe = "SELECT 1 FROM " + t + " WHERE 1 = 0";
  }

  /** Parameters: key, config, json, updated_at, expires_at. Writes, replacing any stored row. */
  abstract String upsert();

  /**
   * Writes the row unless a live one is stored, atomically.
   *
   * @return empty when it wrote (or found exactly this text stored), the stored text otherwise, or
   *     null when a racing writer got in between and the same statement must simply run again
   */
  abstract @Nullable Optional<String> saveIfAbsent(Call call, Write row) throws SQLException;

  /** Parameters: config, batch size. Deletes up to a batch of one config's rows. */
  abstract String purgeConfigBatch();

  /** Parameters: now, batch size. Deletes up to a batch of expired rows. */
  abstract String purgeExpiredBatch();

  /** Whether the failure says the table does not exist. */
  abstract boolean isMissingTable(SQLException e);

  /** Whether the failure says the row is already there. */
  boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Deadlocks and serialization failures: the statement can simply run again. */
  boolean isRetryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** How the stored text column is compared with a parameter (H2 compares its CLOB as text). */
  String compareText(String column) {
    return column;
  }

  /** The most keys one loadAll statement carries. */
  int maxKeysPerQuery() {
    return 500;
  }

  /** Parameters: the keys (see {@link #bindKeys}), then now. Columns: key, config, json. */
  String loadAll(int keyCount) {
    StringBuilder in = new StringBuilder("storage_key IN (");
    for (int i = 0; i < keyCount; i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    return "SELECT storage_key, config_name, sticky_values FROM "
        + t
        + " WHERE "
        + in.append(')')
        + " AND "
        + LIVE;
  }

  /** Binds loadAll's keys from index 1; returns the next index. */
  int bindKeys(Call call, PreparedStatement statement, List<String> keys) throws SQLException {
    int index = 1;
    for (String key : keys) {
      bindKey(statement, index++, key);
    }
    return index;
  }

  /** A page of the scan in key order, after a (key, config) unless it is the first. */
  String scanPage(boolean first, int pageSize) {
    return "SELECT storage_key, config_name, sticky_values, expires_at FROM "
        + t
        + " WHERE "
        + LIVE
        + (first ? "" : " AND (storage_key > ? OR (storage_key = ? AND config_name > ?))")
        + " ORDER BY storage_key, config_name "
        + limit(pageSize);
  }

  /** A row limit at the end of a query. */
  String limit(int rows) {
    return "LIMIT " + rows;
  }

  /** Binds a key or config name (MariaDB's are bytes). */
  void bindKey(PreparedStatement statement, int index, String value) throws SQLException {
    statement.setString(index, value);
  }

  /** Reads a key or config name. */
  String readKey(ResultSet rs, int index) throws SQLException {
    return text(rs, index);
  }

  /** Binds key, config, json, updated_at, expires_at from index 1. */
  void bindRow(PreparedStatement statement, Write row) throws SQLException {
    bindKey(statement, 1, row.key());
    bindKey(statement, 2, row.configName());
    statement.setString(3, row.json());
    statement.setLong(4, row.now());
    setExpiresAt(statement, 5, row.expiresAt());
  }

  static void setExpiresAt(PreparedStatement statement, int index, @Nullable Long expiresAt)
      throws SQLException {
    if (expiresAt == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, expiresAt);
    }
  }

  static String text(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? "" : value;
  }

  /** What a statement that always returns the row after it (upsert … RETURNING) tells. */
  static Optional<String> storedUnlessOurs(Write row, String after) {
    // Our own text back means this statement wrote, or that the same text was stored: the
    // caller's outcome is the same (core's retried-write rule).
    return after.equals(row.json()) ? Optional.empty() : Optional.of(after);
  }
}
