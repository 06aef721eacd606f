package io.github.persistentassignment.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Enumerates a table's live rows in pages ordered by (storage_key, config_name), each page its own
 * call (its own connection and operation timeout) that continues after the last row of the previous
 * one (keyset pagination). No connection is held while the caller's action runs, and a large table
 * never sits in memory.
 */
final class JdbcEntryScan {
  static final int PAGE_SIZE = 500;

  /** One row as stored; the storage makes it an entry, or skips it if it cannot be one. */
  record Row(String key, String configName, String json, @Nullable Instant expiresAt) {}

  /** Reads one page: the rows after {@code after}, or the first page when it is null. */
  interface PageReader {
    List<Row> read(@Nullable Row after);
  }

  private JdbcEntryScan() {}

  /** Reads page after page, handing each row to the action between pages. */
  static void forEach(PageReader reader, Consumer<Row> action) {
    Row last = null;
    while (true) {
      List<Row> page = reader.read(last);
      page.forEach(action);
      if (page.size() < PAGE_SIZE) {
        return;
      }
      last = page.get(page.size() - 1);
    }
  }

  /** One page, read with the call's connection. */
  static List<Row> page(Call call, DialectSql sql, long now, @Nullable Row after)
      throws SQLException {
    try (PreparedStatement statement = call.prepare(sql.scanPage(after == null, PAGE_SIZE))) {
      statement.setLong(1, now);
      if (after != null) {
        sql.bindKey(statement, 2, after.key());
        sql.bindKey(statement, 3, after.key());
        sql.bindKey(statement, 4, after.configName());
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long expiresAt = rs.getLong(4);
          Instant expiry = rs.wasNull() ? null : Instant.ofEpochMilli(expiresAt);
          rows.add(new Row(sql.readKey(rs, 1), sql.readKey(rs, 2), DialectSql.text(rs, 3), expiry));
        }
      }
      return rows;
    }
  }
}
