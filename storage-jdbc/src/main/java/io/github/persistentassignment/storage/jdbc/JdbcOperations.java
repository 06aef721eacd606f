package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.storage.jdbc.DialectSql.Write;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The statements of each raw operation of {@link JdbcPersistentStorage}, each run as one call
 * ({@link Connections}) over the table {@link TableSetup} has checked. A failure leaves here as a
 * {@link SqlFailure} saying what is missing or what the driver said.
 */
final class JdbcOperations {
  /** Rows removed per statement by purge and purgeExpired. */
  static final int PURGE_BATCH_SIZE = 1000;

  private final Connections connections;
  private final TableSetup setup;

  JdbcOperations(Connections connections, TableSetup setup) {
    this.connections = connections;
    this.setup = setup;
  }

  /** The dialect, detecting it (and checking the table) with a call if none has yet. */
  Dialect dialect() {
    DialectSql sql = setup.readyOrNull();
    return sql != null ? sql.dialect : run(true, (call, s) -> s.dialect);
  }

  Map<String, String> load(String key, long now) {
    return run(
        true,
        (call, sql) -> {
          Map<String, String> rows = new LinkedHashMap<>();
          try (PreparedStatement statement = call.prepare(sql.load)) {
            sql.bindKey(statement, 1, key);
            statement.setLong(2, now);
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                rows.put(sql.readKey(rs, 1), DialectSql.text(rs, 2));
              }
            }
          }
          return rows;
        });
  }

  /** In chunks of the dialect's {@code maxKeysPerQuery}, each with a deadline of its own. */
  Map<String, Map<String, String>> loadAll(List<String> keys, long now) {
    return run(
        true,
        (call, sql) -> {
          Map<String, Map<String, String>> result = new LinkedHashMap<>();
          int chunk = sql.maxKeysPerQuery();
          for (int from = 0; from < keys.size(); from += chunk) {
            if (from > 0) {
              call.renewDeadline();
            }
            List<String> part = keys.subList(from, Math.min(keys.size(), from + chunk));
            try (PreparedStatement statement = call.prepare(sql.loadAll(part.size()))) {
              statement.setLong(sql.bindKeys(call, statement, part), now);
              try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                  result
                      .computeIfAbsent(sql.readKey(rs, 1), k -> new LinkedHashMap<>())
                      .put(sql.readKey(rs, 2), DialectSql.text(rs, 3));
                }
              }
            }
          }
          return result;
        });
  }

  void save(Write row) {
    update(DialectSql::upsert, (statement, sql) -> sql.bindRow(statement, row));
  }

  Optional<String> saveIfAbsent(Write row) {
    return run(
        true,
        (call, sql) -> {
          for (int attempt = 0; attempt < Connections.MAX_ATTEMPTS; attempt++) {
            Optional<String> outcome = sql.saveIfAbsent(call, row);
            if (outcome != null) {
              return outcome;
            }
          }
          throw new SQLException("the entry kept changing under concurrent writers; gave up");
        });
  }

  boolean replace(Write row, String expectedJson) {
    return update(
            sql -> sql.replace,
            (statement, sql) -> {
              statement.setString(1, row.json());
              statement.setLong(2, row.now());
              DialectSql.setExpiresAt(statement, 3, row.expiresAt());
              sql.bindKey(statement, 4, row.key());
              sql.bindKey(statement, 5, row.configName());
              statement.setString(6, expectedJson);
            })
        > 0;
  }

  void delete(String key, String configName) {
    update(
        sql -> sql.delete,
        (statement, sql) -> {
          sql.bindKey(statement, 1, key);
          sql.bindKey(statement, 2, configName);
        });
  }

  void deleteAll(String key) {
    update(sql -> sql.deleteAll, (statement, sql) -> sql.bindKey(statement, 1, key));
  }

  long purge(String configName) {
    return inBatches(
        DialectSql::purgeConfigBatch, (statement, sql) -> sql.bindKey(statement, 1, configName));
  }

  long purgeExpired(long now) {
    return inBatches(DialectSql::purgeExpiredBatch, (statement, sql) -> statement.setLong(1, now));
  }

  /** Pages of the scan, each its own call; the action runs between pages, holding nothing. */
  void forEach(long now, Consumer<JdbcEntryScan.Row> action) {
    JdbcEntryScan.forEach(
        after -> run(true, (call, sql) -> JdbcEntryScan.page(call, sql, now, after)), action);
  }

  // ---------------------------------------------------------------------------------------------

  /** Work with a connection and the dialect's SQL. */
  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Call call, DialectSql sql) throws SQLException;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement, DialectSql sql) throws SQLException;
  }

  /** Runs the work in one call, the table set up first. */
  <T> T run(boolean repeatable, SqlWork<T> work) {
    try {
      return connections.run(repeatable, call -> work.apply(call, setup.sql(call)));
    } catch (SQLException e) {
      throw new SqlFailure(setup.describe(e), e);
    }
  }

  private int update(Function<DialectSql, String> text, Binder binder) {
    return update(true, text, binder);
  }

  private int update(boolean repeatable, Function<DialectSql, String> text, Binder binder) {
    return run(
        repeatable,
        (call, sql) -> {
          try (PreparedStatement statement = call.prepare(text.apply(sql))) {
            binder.bind(statement, sql);
            return statement.executeUpdate();
          }
        });
  }

  /**
   * Deletes batch after batch (parameter 2 is the batch size), each its own call and deadline,
   * until one deletes less than a batch.
   */
  private long inBatches(Function<DialectSql, String> text, Binder first) {
    long total = 0;
    while (true) {
      int deleted =
          update(
              false, // a batch deleted by a lost attempt would be missing from the count
              text,
              (statement, sql) -> {
                first.bind(statement, sql);
                statement.setInt(2, PURGE_BATCH_SIZE);
              });
      total += deleted;
      if (deleted < PURGE_BATCH_SIZE) {
        return total;
      }
    }
  }
}
