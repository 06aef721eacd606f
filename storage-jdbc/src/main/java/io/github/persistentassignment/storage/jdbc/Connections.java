package io.github.persistentassignment.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Borrows a connection for one call and gives it back: the call's deadline ({@code
 * operationTimeout}, the pool's wait included), repeats after deadlocks and after a connection that
 * broke at once, and the commit of a connection that is not in auto-commit mode.
 */
final class Connections implements AutoCloseable {
  /**
   * How soon a broken connection must have failed for the call to run once more: a connection the
   * database dropped while it idled fails at once, and HikariCP hands out one used in the last half
   * second without validating it. Also how long the storage's own pool may validate an idle
   * connection (whole seconds: HikariCP passes it to {@link Connection#isValid(int)}).
   */
  static final Duration QUICK_FAILURE = Duration.ofSeconds(1);

  /** How often a deadlock or serialization failure is run again, time permitting. */
  static final int MAX_ATTEMPTS = 5;

  /** Work done with one borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Call call) throws SQLException;
  }

  private final DataSource source;
  private final @Nullable HikariDataSource ownedPool;
  private final Duration operationTimeout;
  private final Predicate<SQLException> retryable;

  Connections(
      DataSource source,
      @Nullable HikariDataSource ownedPool,
      Duration operationTimeout,
      Predicate<SQLException> retryable) {
    this.source = source;
    this.ownedPool = ownedPool;
    this.operationTimeout = operationTimeout;
    this.retryable = retryable;
  }

  /**
   * Runs the work with a borrowed connection within one operation timeout.
   *
   * @param repeatable whether the work may run again after its connection broke at once (not for
   *     work whose result counts what a lost attempt did)
   */
  <T> T run(boolean repeatable, Work<T> work) throws SQLException {
    long deadline = System.nanoTime() + operationTimeout.toNanos();
    boolean repeatedBrokenConnection = false;
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      if (started >= deadline) {
        throw new SQLTimeoutException(
            "no answer within operationTimeout (" + operationTimeout.toMillis() + " ms)");
      }
      // The pool has already waited as long as it may (poolTimeout), and validated what it had.
      Connection connection;
      try {
        connection = source.getConnection();
      } catch (SQLException e) {
        throw new SQLException(noConnection(e), e.getSQLState(), e.getErrorCode(), e);
      }
      try {
        return use(connection, new Call(connection, deadline, operationTimeout, owned()), work);
      } catch (SQLException e) {
        if (BrokenConnection.isBroken(e) && !BrokenConnection.isTimeout(e)) {
          // Refused, reset or closed by the server: the connections idling beside it are
          // probably dead too, and would each fail a call of their own.
          evictIdleConnections();
          boolean quick = System.nanoTime() - started < QUICK_FAILURE.toNanos();
          if (repeatable && quick && !repeatedBrokenConnection) {
            repeatedBrokenConnection = true;
            continue;
          }
        } else if (attempt < MAX_ATTEMPTS && retryable.test(e)) {
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Why no connection was had, naming the database of the storage's own pool and the last reason
   * the pool could not connect (HikariCP's own message says only that it waited).
   */
  private String noConnection(SQLException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String reason =
        cause == e ? String.valueOf(e.getMessage()) : String.valueOf(cause.getMessage());
    return ownedPool == null
        ? "no connection from the DataSource: " + reason
        : "no connection to "
            + OwnedPool.redact(String.valueOf(ownedPool.getJdbcUrl()))
            + ": "
            + reason;
  }

  /** Whether the connections come from the storage's own pool (which resets what a call sets). */
  boolean owned() {
    return ownedPool != null;
  }

  /** Closes the pool this storage built; a caller's data source stays open. */
  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  /** Makes the storage's own pool replace its idle connections; a caller's pool is left alone. */
  private void evictIdleConnections() {
    HikariPoolMXBean pool = ownedPool == null ? null : ownedPool.getHikariPoolMXBean();
    if (pool != null) {
      pool.softEvictConnections();
    }
  }

  /** Runs the work, commits unless in auto-commit mode, and gives the connection back. */
  private static <T> T use(Connection borrowed, Call call, Work<T> work) throws SQLException {
    try (Connection connection = borrowed) {
      try {
        T result = work.apply(call);
        if (!connection.getAutoCommit()) {
          connection.commit();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }
}
