package io.github.persistentassignment.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * H2: {@code MERGE … KEY} for save, and a {@code saveIfAbsent} of one statement: a {@code MERGE}
 * whose update changes only an expired row, read through {@code OLD TABLE}.
 */
final class H2Sql extends DialectSql {
  private final String upsert;
  private final String saveIfAbsent;

  H2Sql(TableName table) {
    super(Dialect.H2, table);
    upsert =
        "MERGE INTO "
            + t
            + " "
            + COLUMNS
            + " KEY (storage_key, config_name) VALUES (?, ?, ?, ?, ?)";
    String expiredRow = "CASE WHEN pa.expires_at <= s.now THEN s.";
    // OLD TABLE holds the row as it was: none when the MERGE inserted; an expired one it replaced;
    // a live one it left unchanged, which is the stored entry.
    saveIfAbsent =
        "SELECT sticky_values, expires_at FROM OLD TABLE (MERGE INTO "
            + t
            + " AS pa USING (VALUES (CAST(? AS CHARACTER VARYING), CAST(? AS CHARACTER"
            + " VARYING), CAST(? AS CHARACTER LARGE OBJECT), CAST(? AS BIGINT), CAST(? AS"
            + " BIGINT), CAST(? AS BIGINT))) AS s(storage_key, config_name, sticky_values,"
            + " updated_at, expires_at, now)"
            + " ON pa.storage_key = s.storage_key AND pa.config_name = s.config_name"
            + " WHEN MATCHED THEN UPDATE SET sticky_values = "
            + expiredRow
            + "sticky_values ELSE pa.sticky_values END, updated_at = "
            + expiredRow
            + "updated_at ELSE pa.updated_at END, expires_at = "
            + expiredRow
            + "expires_at ELSE pa.expires_at END"
            + " WHEN NOT MATCHED THEN INSERT "
            + COLUMNS
            + " VALUES (s.storage_key, s.config_name, s.sticky_values, s.updated_at,"
            + " s.expires_at))";
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
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty(); // inserted
        }
        String before = text(rs, 1);
        long expiresAt = rs.getLong(2);
        boolean live = rs.wasNull() || expiresAt > row.now();
        return live ? Optional.of(before) : Optional.empty(); // an expired row was replaced
      }
    } catch (SQLException e) {
      if (isDuplicateKey(e)) {
        return null; // a racing writer inserted the key first: the next run finds its row
      }
      throw e;
    }
  }

  @Override
  String purgeConfigBatch() {
    return "DELETE FROM " + t + " WHERE config_name = ? FETCH FIRST ? ROWS ONLY";
  }

  @Override
  String purgeExpiredBatch() {
    return "DELETE FROM " + t + " WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY";
  }

  @Override
  boolean isMissingTable(SQLException e) {
    String state = e.getSQLState();
    return "42S02".equals(state) || "42S04".equals(state);
  }

  @Override
  boolean isRetryable(SQLException e) {
    // 90131: a concurrent update of the same row; a lost MERGE race on save is a duplicate key.
    return super.isRetryable(e) || e.getErrorCode() == 90131 || isDuplicateKey(e);
  }

  @Override
  String compareText(String column) {
    return "CAST(" + column + " AS CHARACTER VARYING)";
  }

  @Override
  String limit(int rows) {
    return "FETCH FIRST " + rows + " ROWS ONLY";
  }
}
