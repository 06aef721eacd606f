package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Enumerates a table's live rows in pages ordered by (storage_key, config_name), each page its own
 * statement that continues after the last row of the previous one (keyset pagination). No
 * connection is held while the caller's action runs, and a large table never sits in memory.
 */
final class JdbcEntryScan {
  static final int PAGE_SIZE = 500;

  /** One raw row: the JSON is decoded only when the entry is handed to the action. */
  record Row(String key, String configName, String json) {}

  /** Reads one page with a borrowed connection. */
  interface PageQuery {
    List<Row> read(Connection connection) throws SQLException;
  }

  private final Dialect dialect;
  private final String firstPage;
  private final String nextPage;
  private final long nowMillis;
  private final int queryTimeoutSeconds;

  JdbcEntryScan(Dialect dialect, String table, long nowMillis, int queryTimeoutSeconds) {
    this.dialect = dialect;
    this.nowMillis = nowMillis;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    String select = "SELECT storage_key, config_name, sticky_values FROM " + table + " WHERE ";
    String live = "(expires_at IS NULL OR expires_at > ?)";
    String after = " AND (storage_key > ? OR (storage_key = ? AND config_name > ?))";
    String order =
        " ORDER BY storage_key, config_name"
            + (dialect == Dialect.H2
                ? " FETCH FIRST " + PAGE_SIZE + " ROWS ONLY"
                : " LIMIT " + PAGE_SIZE);
    this.firstPage = select + live + order;
    this.nextPage = select + live + after + order;
  }

  /**
   * Runs the scan.
   *
   * @param runner runs a page query with a connection, translating failures
   * @param action receives each decodable entry
   */
  void forEach(Function<PageQuery, List<Row>> runner, Consumer<? super StoredEntry> action) {
    @Nullable Row last = null;
    while (true) {
      Row after = last;
      List<Row> page = runner.apply(connection -> read(connection, after));
      for (Row row : page) {
        Optional<StickyValues> values =
            UserPersistedValues.ofEncoded(row.key(), Map.of(row.configName(), row.json()))
                .get(row.configName());
        values.ifPresent(v -> action.accept(new StoredEntry(row.key(), row.configName(), v)));
      }
      if (page.size() < PAGE_SIZE) {
        return;
      }
      last = page.get(page.size() - 1);
    }
  }

  private List<Row> read(Connection connection, @Nullable Row after) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(after == null ? firstPage : nextPage)) {
      statement.setQueryTimeout(queryTimeoutSeconds);
      statement.setLong(1, nowMillis);
      if (after != null) {
        bind(statement, 2, after.key());
        bind(statement, 3, after.key());
        bind(statement, 4, after.configName());
      }
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String json = rs.getString(3);
          rows.add(new Row(text(rs, 1), text(rs, 2), json == null ? "" : json));
        }
      }
      return rows;
    }
  }

  private void bind(PreparedStatement statement, int index, String value) throws SQLException {
    if (dialect.binaryKeys()) {
      statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    } else {
      statement.setString(index, value);
    }
  }

  private String text(ResultSet rs, int index) throws SQLException {
    if (dialect.binaryKeys()) {
      byte[] bytes = rs.getBytes(index);
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
    String value = rs.getString(index);
    return value == null ? "" : value;
  }
}
