package io.github.persistentassignment.storage.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What {@code build()} leaves for the first call: detecting the dialect (unless it was set),
 * checking that the table exists, and creating it when it is missing and {@code
 * createTableIfMissing(true)} was set. Done once, with the first call's connection and within its
 * deadline; a call that fails leaves it to the next, so a storage built while its database was down
 * works once the database is back.
 */
final class TableSetup {
  private final @Nullable Dialect configured;
  private final TableName table;
  private final boolean createTableIfMissing;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable DialectSql ready;

  TableSetup(@Nullable Dialect configured, TableName table, boolean createTableIfMissing) {
    this.configured = configured;
    this.table = table;
    this.createTableIfMissing = createTableIfMissing;
  }

  /** The dialect's SQL once the table is known to exist, or null before the first call did that. */
  @Nullable DialectSql readyOrNull() {
    return ready;
  }

  /** The dialect's SQL, setting the table up first if no call has yet. */
  DialectSql sql(Call call) throws SQLException {
    DialectSql sql = ready;
    if (sql != null) {
      return sql;
    }
    // One call sets up at a time (two concurrent CREATE TABLE IF NOT EXISTS can collide on
    // PostgreSQL); the others wait for it no longer than their own deadline.
    try {
      if (!lock.tryLock(call.millisLeft(), TimeUnit.MILLISECONDS)) {
        throw new SQLTimeoutException("the table check of another call did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTimeoutException("interrupted while waiting for the table check", e);
    }
    try {
      sql = ready;
      if (sql == null) {
        sql = setUp(call);
        ready = sql;
      }
      return sql;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The message of a failed call: what is missing, or the driver's message. A table that
   * disappeared under a running storage is checked (and created, if allowed) again by the next
   * call.
   */
  String describe(SQLException e) {
    if (e instanceof MissingTableException || e instanceof UnsupportedDatabaseException) {
      return String.valueOf(e.getMessage());
    }
    DialectSql sql = ready;
    if (sql != null && sql.isMissingTable(e)) {
      ready = null;
      return createTableIfMissing
          ? "table " + table + " does not exist; the next call creates it"
          : missingTableAdvice(sql.dialect, table);
    }
    return String.valueOf(e.getMessage());
  }

  private DialectSql setUp(Call call) throws SQLException {
    Connection connection = call.connection();
    DatabaseMetaData server = connection.getMetaData();
    Dialect dialect = configured != null ? configured : detect(server);
    DialectSql sql = dialect.sql(table, server);
    try (Statement probe = call.statement()) {
      probe.executeQuery(sql.probe).close();
      return sql;
    } catch (SQLException e) {
      if (!sql.isMissingTable(e)) {
        throw e;
      }
      if (!createTableIfMissing) {
        throw new MissingTableException(missingTableAdvice(dialect, table), e);
      }
      // A failed statement aborts a PostgreSQL transaction; the DDL needs a clean one.
      Connections.rollbackQuietly(connection, e);
    }
    // Only a missing table is created: an existing one is left as it is, however large (adding
    // its indexes is docs/jdbc.md's job, not a first call's).
    List<String> ddl = SchemaScript.statements(dialect, table);
    for (String statement : ddl) {
      try (Statement create = call.statement()) {
        create.execute(statement);
      }
    }
    if (!connection.getAutoCommit()) {
      connection.commit();
    }
    return sql;
  }

  private static Dialect detect(DatabaseMetaData server) throws SQLException {
    String product = String.valueOf(server.getDatabaseProductName());
    return Dialect.fromProductName(product)
        .orElseThrow(
            () ->
                new UnsupportedDatabaseException(
                    "unsupported database '"
                        + product
                        + "': set one of "
                        + List.of(Dialect.values())
                        + " with dialect(...) if it speaks that SQL"));
  }

  /**
   * What to do about a missing table: the message of every call until it exists. Short, because
   * core cuts a failure's reason at 200 characters.
   */
  static String missingTableAdvice(Dialect dialect, TableName table) {
    return "table "
        + table
        + " does not exist and createTableIfMissing is false: apply "
        + dialect.schemaResource()
        + " (JdbcPersistentStorage.schemaSql) or set createTableIfMissing(true)";
  }

  /** The table is missing and may not be created: not worth running the call again. */
  static final class MissingTableException extends SQLException {
    private static final long serialVersionUID = 1L;

    MissingTableException(String message, SQLException cause) {
      super(message, cause.getSQLState(), cause.getErrorCode(), cause);
    }
  }

  /** The database is none of the dialects and none was set. */
  static final class UnsupportedDatabaseException extends SQLException {
    private static final long serialVersionUID = 1L;

    UnsupportedDatabaseException(String message) {
      super(message);
    }
  }
}
