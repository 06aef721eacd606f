package io.github.persistentassignment.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: {@code INSERT … ON CONFLICT}, keys as one array parameter, and a {@code saveIfAbsent}
 * of one statement that writes nothing when a live entry is stored.
 */
final class PostgresSql extends DialectSql {
  private final String upsert;
  private final String saveIfAbsent;

  PostgresSql(TableName table) {
    super(Dialect.POSTGRESQL, table);
    String insert = "INSERT INTO " + t + " AS pa " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
    String onConflict =
        " ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values ="
            + " excluded.sticky_values, updated_at = excluded.updated_at,"
            + " expires_at = excluded.expires_at";
    upsert = insert + onConflict;
    // The insert writes (or replaces an expired row) and says so; the second branch reads the live
    // row it left alone. Both in one statement and one snapshot: a row a racing writer committed
    // after that snapshot is in neither, and the statement runs again.
    saveIfAbsent =
        "WITH written AS ("
            + insert
            + onConflict
            + " WHERE pa.expires_at IS NOT NULL AND pa.expires_at <= ?"
            + " RETURNING 1) SELECT 1 AS written, NULL AS sticky_values FROM written"
            + " UNION ALL SELECT 0, sticky_values FROM "
            + t
            + " WHERE storage_key = ? AND config_name = ? AND "
            + LIVE;
  }

  @Override
  String upsert() {
    return upsert;
  }

  @Override
  @Nullable Optional<String> saveIfAbsent(Call call, Write row) throws SQLException {
    try (PreparedStatement statement = call.prepare(saveIfAbsent)) {
      bindRow(statement, row);
      statement.setLong(6, row.now());
      statement.setString(7, row.key());
      statement.setString(8, row.configName());
      statement.setLong(9, row.now());
      String stored = null;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) == 1) {
            return Optional.empty();
          }
          stored = text(rs, 2);
        }
      }
      return stored == null ? null : Optional.of(stored);
    }
  }

  @Override
  String purgeConfigBatch() {
    return "DELETE FROM "
        + t
        + " WHERE (storage_key, config_name) IN (SELECT storage_key, config_name FROM "
        + t
        + " WHERE config_name = ? LIMIT ?)";
  }

  @Override
  String purgeExpiredBatch() {
    return "DELETE FROM "
        + t
        + " WHERE (storage_key, config_name) IN (SELECT storage_key, config_name FROM "
        + t
        + " WHERE expires_at <= ? LIMIT ?)";
  }

  @Override
  boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState());
  }

  @Override
  int maxKeysPerQuery() {
    return 1000; // one array parameter, whatever its length
  }

  @Override
  String loadAll(int keyCount) {
    return "SELECT storage_key, config_name, sticky_values FROM "
        + t
        + " WHERE storage_key = ANY(?) AND "
        + LIVE;
  }

  @Override
  int bindKeys(Call call, PreparedStatement statement, List<String> keys) throws SQLException {
    statement.setArray(1, call.connection().createArrayOf("text", keys.toArray()));
    return 2;
  }
}
