package io.github.persistentassignment.storage.jdbc;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a connection that broke from a statement that failed: the first means the network path or
 * the server went away (so the pool's other idle connections are likely dead too), the second is
 * the database's answer and says nothing about the connection.
 */
final class BrokenConnection {
  private BrokenConnection() {}

  /**
   * Whether the failure ended the connection: SQLState class 08 (connection exception), or the JDBC
   * types drivers use for a lost connection.
   */
  static boolean isBroken(SQLException failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException e
          && e.getSQLState() != null
          && e.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the failure came from a wait running out (a socket read, or a query timeout) rather
   * than from the connection being refused or reset: a call that has already waited its timeout
   * must not wait it again.
   */
  static boolean isTimeout(SQLException failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException) {
        return true;
      }
      if (t instanceof SQLException e && "57014".equals(e.getSQLState())) {
        return true; // PostgreSQL: statement canceled, as a query timeout does
      }
    }
    return false;
  }

  /** The failure, its causes and the exceptions chained to each, each once. */
  private static Iterable<Throwable> chain(SQLException failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable t = pending.poll();
      if (seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      if (t instanceof SQLException e && e.getNextException() != null) {
        pending.add(e.getNextException());
      }
    }
    return seen.keySet();
  }
}
