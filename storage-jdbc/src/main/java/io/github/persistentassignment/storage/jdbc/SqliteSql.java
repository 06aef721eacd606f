package io.github.persistentassignment.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SQLite (3.35 or newer): {@code INSERT … ON CONFLICT} for save, and a {@code saveIfAbsent} of one
 * statement: an upsert that replaces only an expired row and {@code RETURNING} the row as it is
 * after the statement.
 */
final class SqliteSql extends DialectSql {
  private final String upsert;
  private final String saveIfAbsent;

  SqliteSql(TableName table) {
    super(Dialect.SQLITE, table);
    String insert = "INSERT INTO " + t + " AS pa " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
    upsert =
        insert
            + " ON CONFLICT (storage_key, config_name) DO UPDATE SET"
            + " sticky_values = excluded.sticky_values, updated_at = excluded.updated_at,"
            + " expires_at = excluded.expires_at";
    // The update always runs, so RETURNING always has the row: ours when it inserted or replaced
    // an expired row, the stored one (unchanged) otherwise. A DO UPDATE … WHERE that skipped a live
    // row would return nothing and need a second statement to read it.
    String ifExpired = "CASE WHEN pa.expires_at IS NOT NULL AND pa.expires_at <= ? THEN excluded.";
    saveIfAbsent =
        insert
            + " ON CONFLICT (storage_key, config_name) DO UPDATE SET sticky_values = "
            + ifExpired
            + "sticky_values ELSE pa.sticky_values END, updated_at = "
            + ifExpired
            + "updated_at ELSE pa.updated_at END, expires_at = "
            + ifExpired
            + "expires_at ELSE pa.expires_at END RETURNING sticky_values";
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
      statement.setLong(7, row.now());
      statement.setLong(8, row.now());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? storedUnlessOurs(row, text(rs, 1)) : null;
      }
    }
  }

  @Override
  String purgeConfigBatch() {
    return "DELETE FROM "
        + t
        + " WHERE rowid IN (SELECT rowid FROM "
        + t
        + " WHERE config_name = ? LIMIT ?)";
  }

  @Override
  String purgeExpiredBatch() {
    return "DELETE FROM "
        + t
        + " WHERE rowid IN (SELECT rowid FROM "
        + t
        + " WHERE expires_at <= ? LIMIT ?)";
  }

  @Override
  boolean isMissingTable(SQLException e) {
    return String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("no such table");
  }

  @Override
  boolean isRetryable(SQLException e) {
    // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the write lock past the busy timeout.
    return super.isRetryable(e) || e.getErrorCode() == 5 || e.getErrorCode() == 6;
  }
}
