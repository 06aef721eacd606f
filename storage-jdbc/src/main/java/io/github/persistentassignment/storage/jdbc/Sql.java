package io.github.persistentassignment.storage.jdbc;

/**
 * The SQL text of every operation for one dialect and table. Each operation is one statement in the
 * dialect's native form (except a saveIfAbsent that finds an entry on MariaDB or SQLite, which
 * reads it with a second, and replaces an expired one with a third on MariaDB); the table name is
 * validated, so it is written into the text unquoted.
 */
final class Sql {
  private static final String COLUMNS =
      "(storage_key, config_name, sticky_values, updated_at, expires_at)";
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  final Dialect dialect;
  final String table;

  /** Parameters: key, config, values, updated_at, expires_at. */
  final String upsert;

  /**
   * Insert-if-absent that also returns the stored row, in one statement; empty where the dialect
   * has no such statement (MariaDB, SQLite). Parameters and result, per dialect:
   *
   * <ul>
   *   <li>PostgreSQL: key, config, values, updated_at, expires_at, now, key, config, now. Rows: (1,
   *       null) when this statement wrote, else (0, stored values) for a live stored row; none when
   *       a concurrent writer committed after the statement's snapshot (run it again).
   *   <li>H2: key, config, values, updated_at, expires_at, now. A {@code MERGE} whose update
   *       changes only an expired row, read through {@code OLD TABLE}: no row when it inserted;
   *       otherwise the row as it was before (sticky_values, expires_at), so an expired one was
   *       replaced and a live one is the stored entry, left unchanged.
   * </ul>
   */
  final String insertIfAbsentReturningStored;

  /**
   * MariaDB and SQLite, parameters: key, config, values, updated_at, expires_at (and now on SQLite,
   * where an expired row is replaced in the same statement). Update count 1 when it wrote; 0, or a
   * duplicate-key error, when a row exists. Followed by {@link #selectEntry} (and {@link
   * #replaceExpired} on MariaDB) when it did not write.
   */
  final String insertIfAbsent;

  /** Parameters: key, config. Columns: sticky_values, expires_at (MariaDB and SQLite). */
  final String selectEntry;

  /**
   * Parameters: values, updated_at, expires_at, key, config, now. Replaces a row only if it is
   * expired: a compare-and-set that cannot overwrite a live entry (MariaDB).
   */
  final String replaceExpired;

  /** Parameters: key, now. Columns: config_name, sticky_values. */
  final String load;

  /** Parameters: key, config. */
  final String delete;

  /** Parameters: now, batch size. */
  final String purgeBatch;

  /** Reads nothing; fails if the table is missing. */
  final String probe;

  Sql(Dialect dialect, TableName tableName) {
    this.dialect = dialect;
    this.table = tableName.qualified();
    String t = table;
    String insert = "INSERT INTO " + t + " AS pa " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
    String setAll =
        " sticky_values = excluded.sticky_values, updated_at = excluded.updated_at,"
            + " expires_at = excluded.expires_at";
    String onConflict = " ON CONFLICT (storage_key, config_name) DO UPDATE SET" + setAll;
    String expired = " WHERE pa.expires_at IS NOT NULL AND pa.expires_at <= ?";
    switch (dialect) {
      case POSTGRESQL -> {
        upsert = insert + onConflict;
        insertIfAbsentReturningStored =
            "WITH written AS ("
                + insert
                + onConflict
                + expired
                + " RETURNING 1) SELECT 1 AS written, NULL AS sticky_values FROM written"
                + " UNION ALL SELECT 0, sticky_values FROM "
                + t
                + " WHERE storage_key = ? AND config_name = ? AND "
                + LIVE;
        insertIfAbsent = "";
        purgeBatch =
            "DELETE FROM "
                + t
                + " WHERE (storage_key, config_name) IN (SELECT storage_key, config_name FROM "
                + t
                + " WHERE expires_at <= ? LIMIT ?)";
      }
      case SQLITE -> {
        upsert = insert + onConflict;
        insertIfAbsentReturningStored = "";
        insertIfAbsent = insert + onConflict + expired;
        purgeBatch =
            "DELETE FROM "
                + t
                + " WHERE rowid IN (SELECT rowid FROM "
                + t
                + " WHERE expires_at <= ? LIMIT ?)";
      }
      case MARIADB -> {
        upsert =
            "INSERT INTO "
                + t
                + " "
                + COLUMNS
                + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " sticky_values = VALUES(sticky_values), updated_at = VALUES(updated_at),"
                + " expires_at = VALUES(expires_at)";
        // No single statement: INSERT … ON DUPLICATE KEY UPDATE sticky_values = IF(live, …) …
        // RETURNING does return the row on 10.11, but when 8 connections raced over one expired
        // row, every one of them replaced it and all were handed the last writer's row, so it is
        // not a compare-and-set under concurrency (see the README).
        insertIfAbsentReturningStored = "";
        insertIfAbsent = "INSERT INTO " + t + " " + COLUMNS + " VALUES (?, ?, ?, ?, ?)";
        purgeBatch = "DELETE FROM " + t + " WHERE expires_at <= ? LIMIT ?";
      }
      case H2 -> {
        upsert =
            "MERGE INTO "
                + t
                + " "
                + COLUMNS
                + " KEY (storage_key, config_name) VALUES (?, ?, ?, ?, ?)";
        String expiredRow = "CASE WHEN pa.expires_at <= s.now THEN s.";
        insertIfAbsentReturningStored =
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
        insertIfAbsent = "";
        purgeBatch = "DELETE FROM " + t + " WHERE expires_at <= ? FETCH FIRST ? ROWS ONLY";
      }
      default -> throw new IllegalStateException("unknown dialect " + dialect);
    }
    selectEntry =
        "SELECT sticky_values, expires_at FROM " + t + " WHERE storage_key = ? AND config_name = ?";
    replaceExpired =
        "UPDATE "
            + t
            + " SET sticky_values = ?, updated_at = ?, expires_at = ?"
            + " WHERE storage_key = ? AND config_name = ? AND expires_at IS NOT NULL"
            + " AND expires_at <= ?";
    load = "SELECT config_name, sticky_values FROM " + t + " WHERE storage_key = ? AND " + LIVE;
    delete = "DELETE FROM " + t + " WHERE storage_key = ? AND config_name = ?";
    probe = "SELECT 1 FROM " + t + " WHERE 1 = 0";
  }

  /** Parameters: each key (or one array on PostgreSQL), then now. */
  String loadAll(int keyCount) {
    String keys;
    if (dialect == Dialect.POSTGRESQL) {
      keys = "storage_key = ANY(?)";
    } else {
      StringBuilder in = new StringBuilder("storage_key IN (");
      for (int i = 0; i < keyCount; i++) {
        in.append(i == 0 ? "?" : ", ?");
      }
      keys = in.append(')').toString();
    }
    return "SELECT storage_key, config_name, sticky_values FROM "
        + table
        + " WHERE "
        + keys
        + " AND "
        + LIVE;
  }
}
