package io.github.persistentassignment.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * MariaDB and MySQL: keys as UTF-8 bytes ({@code VARBINARY} compares byte for byte), {@code INSERT
 * … ON DUPLICATE KEY UPDATE} for save. MariaDB 10.5+ runs {@code saveIfAbsent} as one statement: an
 * {@code ON DUPLICATE KEY UPDATE} that replaces only an expired row, {@code RETURNING} the row as
 * it is after the statement. MySQL has no {@code RETURNING}: there a plain {@code INSERT} whose
 * duplicate-key error means "already stored" is followed by a {@code SELECT}, and an expired row is
 * replaced with a compare-and-set {@code UPDATE}. Never {@code INSERT IGNORE}, which would also
 * turn errors such as an over-long key into warnings and truncate it.
 */
final class MariaDbSql extends DialectSql {
  private final boolean returning;
  private final String upsert;
  private final String saveIfAbsent;
  private final String insert;
  private final String select;
  private final String replaceExpired;

  MariaDbSql(TableName table, boolean returning) {
    super(Dialect.MARIADB, table);
    this.returning = returning;
    insert = "INSERT INTO " + t + " " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
    upsert =
        insert
            + " ON DUPLICATE KEY UPDATE sticky_values = VALUES(sticky_values),"
            + " updated_at = VALUES(updated_at), expires_at = VALUES(expires_at)";
    // Assignments run left to right and see the columns already assigned, so expires_at, which
    // every condition reads, is assigned last. The row is locked while the update runs: a racing
    // call waits and then sees the row the first one wrote, live.
    String ifExpired = "IF(expires_at IS NOT NULL AND expires_at <= ?, VALUES(";
    saveIfAbsent =
        insert
            + " ON DUPLICATE KEY UPDATE sticky_values = "
            + ifExpired
            + "sticky_values), sticky_values), updated_at = "
            + ifExpired
            + "updated_at), updated_at), expires_at = "
            + ifExpired
            + "expires_at), expires_at) RETURNING sticky_values";
    select =
        "SELECT sticky_values, expires_at FROM " + t + " WHERE storage_key = ? AND config_name = ?";
    replaceExpired =
        "UPDATE "
            + t
            + " SET sticky_values = ?, updated_at = ?, expires_at = ?"
            + " WHERE storage_key = ? AND config_name = ? AND expires_at IS NOT NULL"
            + " AND expires_at <= ?";
  }

  /** MariaDB 10.5 and newer have {@code INSERT … RETURNING}; MySQL has none. */
  static boolean supportsReturning(DatabaseMetaData server) throws SQLException {
    String product = String.valueOf(server.getDatabaseProductName()).toLowerCase(Locale.ROOT);
    String version = String.valueOf(server.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
    boolean mariaDb = product.contains("mariadb") || version.contains("mariadb");
    int major = server.getDatabaseMajorVersion();
    int minor = server.getDatabaseMinorVersion();
    return mariaDb && (major > 10 || (major == 10 && minor >= 5));
  }

  /** Whether this server runs saveIfAbsent as one statement. */
  boolean returning() {
    return returning;
  }

  @Override
  String upsert() {
    return upsert;
  }

  @Override
  @Nullable Optional<String> saveIfAbsent(Call call, Write row) throws SQLException {
    if (!returning) {
      return insertThenRead(call, row);
    }
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

  /** MySQL: insert; when the key is taken, read the row, and replace it only if it expired. */
  private @Nullable Optional<String> insertThenRead(Call call, Write row) throws SQLException {
    try (PreparedStatement statement = call.prepare(insert)) {
      bindRow(statement, row);
      statement.executeUpdate();
      return Optional.empty();
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
    }
    String stored;
    boolean live;
    try (PreparedStatement statement = call.prepare(select)) {
      bindKey(statement, 1, row.key());
      bindKey(statement, 2, row.configName());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return null; // deleted meanwhile: insert again
        }
        stored = text(rs, 1);
        long expiresAt = rs.getLong(2);
        live = rs.wasNull() || expiresAt > row.now();
      }
    }
    if (live) {
      return Optional.of(stored);
    }
    try (PreparedStatement statement = call.prepare(replaceExpired)) {
      statement.setString(1, row.json());
      statement.setLong(2, row.now());
      setExpiresAt(statement, 3, row.expiresAt());
      bindKey(statement, 4, row.key());
      bindKey(statement, 5, row.configName());
      statement.setLong(6, row.now());
      return statement.executeUpdate() > 0 ? Optional.empty() : null;
    }
  }

  @Override
  String purgeConfigBatch() {
    return "DELETE FROM " + t + " WHERE config_name = ? LIMIT ?";
  }

  @Override
  String purgeExpiredBatch() {
    return "DELETE FROM " + t + " WHERE expires_at <= ? LIMIT ?";
  }

  @Override
  boolean isMissingTable(SQLException e) {
    return "42S02".equals(e.getSQLState()) || e.getErrorCode() == 1146;
  }

  @Override
  boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return e.getErrorCode() == 1062 || (state != null && state.startsWith("23"));
  }

  @Override
  boolean isRetryable(SQLException e) {
    return super.isRetryable(e) || e.getErrorCode() == 1213; // deadlock
  }

  @Override
  void bindKey(PreparedStatement statement, int index, String value) throws SQLException {
    statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  String readKey(ResultSet rs, int index) throws SQLException {
    byte[] bytes = rs.getBytes(index);
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }
}
