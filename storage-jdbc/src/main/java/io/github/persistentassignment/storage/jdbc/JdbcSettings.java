package io.github.persistentassignment.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.spi.StorageLimits;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link JdbcPersistentStorage.Builder}, checked together at {@code build()}:
 * each in its range, and the pool's settings only for the pool built from a URL. Mutable, as the
 * builder is; {@code build()} works on a {@link #copy()}.
 */
final class JdbcSettings {
  static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE); // JDBC's int millis
  static final Duration MIN_POOL_TIMEOUT = Duration.ofMillis(250); // HikariCP's floor
  static final int MAX_CONNECTIONS = 10_000;

  final @Nullable DataSource dataSource;
  final @Nullable String jdbcUrl;
  final @Nullable String user;
  final @Nullable String password;
  TableName tableName = TableName.parse(JdbcPersistentStorage.DEFAULT_TABLE);
  @Nullable Dialect dialect;
  boolean createTableIfMissing;
  @Nullable Duration expireAfter;
  Clock clock = Clock.systemUTC();
  int maxValueBytes = JdbcPersistentStorage.DEFAULT_MAX_VALUE_BYTES;
  Duration operationTimeout = Duration.ofSeconds(2);
  // Pool settings: null until set, so that setting one with a caller's DataSource is an error.
  @Nullable Integer maxConnections;
  @Nullable Duration poolTimeout;
  @Nullable Duration connectTimeout;

  JdbcSettings(
      @Nullable DataSource dataSource,
      @Nullable String jdbcUrl,
      @Nullable String user,
      @Nullable String password) {
    this.dataSource = dataSource;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  JdbcSettings copy() {
    JdbcSettings copy = new JdbcSettings(dataSource, jdbcUrl, user, password);
    copy.tableName = tableName;
    copy.dialect = dialect;
    copy.createTableIfMissing = createTableIfMissing;
    copy.expireAfter = expireAfter;
    copy.clock = clock;
    copy.maxValueBytes = maxValueBytes;
    copy.operationTimeout = operationTimeout;
    copy.maxConnections = maxConnections;
    copy.poolTimeout = poolTimeout;
    copy.connectTimeout = connectTimeout;
    return copy;
  }

  int maxConnections() {
    return maxConnections != null ? maxConnections : 10;
  }

  Duration poolTimeout() {
    return poolTimeout != null ? poolTimeout : min(Duration.ofSeconds(1), operationTimeout);
  }

  Duration connectTimeout() {
    return connectTimeout != null ? connectTimeout : Duration.ofSeconds(2);
  }

  /** Checks every setting, alone and together; no I/O. */
  void check() {
    StorageLimits.checkExpireAfter(expireAfter);
    StorageLimits.checkCount(maxValueBytes, "maxValueBytes", Integer.MAX_VALUE);
    StorageLimits.checkDuration(operationTimeout, "operationTimeout", MAX_TIMEOUT);
    if (dataSource != null) {
      rejectForDataSource("maxConnections", maxConnections);
      rejectForDataSource("poolTimeout", poolTimeout);
      rejectForDataSource("connectTimeout", connectTimeout);
      return;
    }
    StorageLimits.checkCount(maxConnections(), "maxConnections", MAX_CONNECTIONS);
    StorageLimits.checkDuration(connectTimeout(), "connectTimeout", MAX_TIMEOUT);
    Duration pool = StorageLimits.checkDuration(poolTimeout(), "poolTimeout", operationTimeout);
    if (pool.compareTo(MIN_POOL_TIMEOUT) < 0) {
      throw new IllegalArgumentException(
          "poolTimeout must be at least 250 ms (HikariCP's floor), was " + pool);
    }
    OwnedPool.requireDriver(String.valueOf(jdbcUrl));
  }

  /** The connections of a checked copy: the caller's data source, or a pool not yet started. */
  Connections connections(java.util.function.Predicate<java.sql.SQLException> retryable) {
    if (dataSource != null) {
      return new Connections(dataSource, null, operationTimeout, retryable);
    }
    HikariDataSource pool =
        OwnedPool.create(
            String.valueOf(jdbcUrl),
            user,
            password,
            "persistent-assignment-" + tableName.name(),
            maxConnections(),
            poolTimeout(),
            connectTimeout(),
            operationTimeout);
    return new Connections(pool, pool, operationTimeout, retryable);
  }

  private static void rejectForDataSource(String setting, @Nullable Object value) {
    if (value != null) {
      throw new IllegalArgumentException(
          setting
              + " applies only to the pool built from a JDBC URL; with your own DataSource, set it"
              + " on that pool or driver");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
