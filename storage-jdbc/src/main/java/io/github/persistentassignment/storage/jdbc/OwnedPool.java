package io.github.persistentassignment.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The HikariCP pool a storage builds from a JDBC URL. It starts on the first call, not in {@code
 * build()}: an application starts while its database is down, and the pool's first call waits at
 * most {@code poolTimeout} for a connection, the next call trying again.
 */
final class OwnedPool {
  private OwnedPool() {}

  /** Checks the URL's form; a builder argument, so checked when the builder is made. */
  static String requireJdbcUrl(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new IllegalArgumentException("jdbcUrl must not be null or blank");
    }
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:'");
    }
    return jdbcUrl;
  }

  /**
   * Fails at build time when no driver on the class path accepts the URL: no I/O, only a lookup.
   */
  static void requireDriver(String jdbcUrl) {
    try {
      DriverManager.getDriver(jdbcUrl);
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "jdbcUrl: no JDBC driver on the class path accepts "
              + redact(jdbcUrl)
              + "; "
              + driverHint(jdbcUrl),
          e);
    }
  }

  /** Which driver to add for a URL's database, named by its Maven coordinates. */
  static String driverHint(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
    if (url.startsWith("jdbc:mysql:")) {
      return "add MySQL's driver (com.mysql:mysql-connector-j), or use a jdbc:mariadb:// URL:"
          + " MariaDB's driver (org.mariadb.jdbc:mariadb-java-client) speaks to MySQL too";
    }
    if (url.startsWith("jdbc:h2:")) {
      return "add H2 (com.h2database:h2)";
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return "add PostgreSQL's driver (org.postgresql:postgresql)";
    }
    if (url.startsWith("jdbc:mariadb:")) {
      return "add MariaDB's driver (org.mariadb.jdbc:mariadb-java-client)";
    }
    if (url.startsWith("jdbc:sqlite:")) {
      return "add SQLite's driver (org.xerial:sqlite-jdbc)";
    }
    return "add the database's driver; this storage's dialects are PostgreSQL, MariaDB/MySQL,"
        + " SQLite and H2";
  }

  static HikariDataSource create(
      String jdbcUrl,
      @Nullable String user,
      @Nullable String password,
      String poolName,
      int maxConnections,
      Duration poolTimeout,
      Duration connectTimeout,
      Duration operationTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setPoolName(poolName);
    config.setMaximumPoolSize(maxConnections);
    config.setConnectionTimeout(poolTimeout.toMillis());
    config.setValidationTimeout(
        Math.min(Connections.QUICK_FAILURE.toMillis(), poolTimeout.toMillis()));
    // Start without a first connection; callers wait at most poolTimeout for one.
    config.setInitializationFailTimeout(-1);
    config.setAutoCommit(true);
    // Each statement's network timeout is set from the call's deadline (see Call); the driver's
    // socket timeout is the fallback for what runs outside a call, such as validation. SQLite's
    // busy timeout is a wait inside one statement, so it gets the operation timeout itself.
    boolean sqlite = jdbcUrl.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:sqlite:");
    Duration socket = sqlite ? operationTimeout : operationTimeout.plus(Duration.ofSeconds(1));
    DriverTimeouts.forUrl(jdbcUrl, connectTimeout, socket).forEach(config::addDataSourceProperty);
    HikariDataSource pool = new HikariDataSource(); // lazy: the pool starts on first use
    config.copyStateTo(pool);
    return pool;
  }

  /** The URL without its parameters, which may hold a password. */
  static String redact(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }
}
