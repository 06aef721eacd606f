package io.github.persistentassignment.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * One call's borrowed connection and deadline. Every statement it prepares is bounded by what is
 * left of the deadline: the database cancels it then (the query timeout, whole seconds rounded up)
 * and, on a connection of the storage's own pool, the driver gives up waiting for an answer then
 * (its network timeout), which is what ends a statement whose network path holds every byte.
 */
final class Call {
  /** The network timeout needs an executor only to close a connection; a direct one does. */
  private static final Executor DIRECT = Runnable::run;

  private final Connection connection;
  private final Duration budget;
  private final boolean networkTimeouts;
  private long deadline;

  Call(Connection connection, long deadline, Duration budget, boolean networkTimeouts) {
    this.connection = connection;
    this.deadline = deadline;
    this.budget = budget;
    this.networkTimeouts = networkTimeouts;
  }

  Connection connection() {
    return connection;
  }

  /**
   * Gives the next statement a whole budget of its own: a bulk operation's deadline scales with its
   * chunks (loadAll), not one budget for any number of keys.
   */
  void renewDeadline() {
    deadline = System.nanoTime() + budget.toNanos();
  }

  /** Prepares a statement bounded by the rest of the deadline. */
  PreparedStatement prepare(String sql) throws SQLException {
    long left = left();
    PreparedStatement statement = connection.prepareStatement(sql);
    bound(statement, left);
    return statement;
  }

  /** A plain statement (DDL) bounded by the rest of the deadline. */
  Statement statement() throws SQLException {
    long left = left();
    Statement statement = connection.createStatement();
    bound(statement, left);
    return statement;
  }

  /** What is left of the deadline, in milliseconds (0 once it passed). */
  long millisLeft() {
    return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
  }

  private long left() throws SQLException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SQLTimeoutException(
          "no answer within operationTimeout (" + budget.toMillis() + " ms)");
    }
    return left;
  }

  private void bound(Statement statement, long leftNanos) throws SQLException {
    try {
      long millis = Math.max(1, leftNanos / 1_000_000);
      statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
      if (networkTimeouts) {
        connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, millis));
      }
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
