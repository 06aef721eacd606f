package io.github.persistentassignment.storage.jdbc;

import static io.github.persistentassignment.internal.Arguments.requireAtLeastOne;
import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requirePositive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import io.github.persistentassignment.codec.StickyValuesFormatException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Stores assignments in a relational database through JDBC: one row per (storage key, config name)
 * in a table {@code persistent_assignments(storage_key, config_name, sticky_values, updated_at,
 * expires_at)}. PostgreSQL is the reference database; MariaDB/MySQL, SQLite and H2 are supported
 * with their own DDL and statements ({@link Dialect}).
 *
 * <pre>{@code
 * PersistentStorage storage = JdbcPersistentStorage.builder(dataSource) // the caller's pool
 *     .createSchemaIfMissing(true)
 *     .build();
 * }</pre>
 *
 * <p>Every operation is one SQL statement in the dialect's native form: an upsert ({@code ON
 * CONFLICT … DO UPDATE}, {@code ON DUPLICATE KEY UPDATE}, {@code MERGE}) for {@link #save}; an
 * insert-if-absent for {@link #saveIfAbsent}, which on PostgreSQL and H2 (a {@code MERGE} read
 * through {@code OLD TABLE}) also returns the stored row, or replaces an expired one, in the same
 * statement; one {@code = ANY(?)} or {@code IN (…)} query for {@link #loadAll}. On MariaDB and
 * SQLite a {@code saveIfAbsent} that finds an entry already stored reads it with a second
 * statement, and on MariaDB a conditional {@code UPDATE … WHERE expires_at <= now} replaces an
 * expired row (SQLite does that in its first statement). Each step is a compare-and-set, so the
 * first write still wins when many writers race. MariaDB uses a plain {@code INSERT} and treats the
 * duplicate-key error as "already stored", not {@code INSERT IGNORE}, which would also turn errors
 * such as an over-long key into warnings and truncate it.
 *
 * <p>Given a {@link DataSource}, the storage borrows connections from it and never closes it. Given
 * a JDBC URL, it builds a HikariCP pool with bounded timeouts, owns it and closes it in {@link
 * #close()}. Connections are expected in auto-commit mode; one that is not is committed after each
 * operation. Every statement carries a query timeout.
 *
 * <p><b>Timeouts.</b> No wait is unbounded by default. With a pool built from a PostgreSQL or
 * MariaDB/MySQL URL:
 *
 * <ul>
 *   <li>{@link Builder#connectionTimeout} (2 s): how long a call waits for a pooled connection. The
 *       pool first validates a connection that has been idle for more than half a second, which may
 *       take up to 1 s more.
 *   <li>{@link Builder#connectTimeout} (2 s): how long opening one connection may take, connect and
 *       login together. The pool opens connections in the background, so this bounds how soon it
 *       has connections again once the database is back, not a caller's wait.
 *   <li>{@link Builder#queryTimeout} (2 s): the database cancels a statement that runs longer, and
 *       the connection stays usable.
 *   <li>{@link Builder#socketTimeout} (the query timeout plus 1 s): how long the driver waits for
 *       any answer before it gives the connection up as broken. This is what ends a call when the
 *       network holds every byte: the database cannot cancel a statement it never received.
 * </ul>
 *
 * <p>So a call of one statement ({@code load}, {@code save}, {@code delete}, {@code saveIfAbsent}
 * on PostgreSQL, and {@code loadAll}, which takes one statement on PostgreSQL and one per 500 keys
 * elsewhere) waits at most {@code connectionTimeout + socketTimeout + 2 s} (7 s with the defaults):
 * the pool's wait and one validation, the statement, and at most one quick repeat. On MariaDB a
 * {@code saveIfAbsent} that finds an entry runs up to three statements, each bounded by the socket
 * timeout. A deadlock or serialization failure, which the database reports at once, is retried up
 * to five times.
 *
 * <p>When a borrowed connection breaks (reset or closed by the server or the network, not a
 * timeout), a pool this storage built replaces its idle connections before handing them out again,
 * and a call whose connection broke within 1 s of its start runs once more, with any pool: a
 * connection the database dropped while it idled fails at once, and HikariCP hands out one used in
 * the last half second without validating it. Saves and deletes are idempotent, and a repeated
 * {@code saveIfAbsent} that finds an entry equal to its own reports it as written by this call;
 * {@link #purgeExpired()} is never repeated. A timeout is never repeated: the call has already
 * waited its share.
 *
 * <p>Given a {@link DataSource}, the storage sets only each statement's query timeout. The other
 * waits are the caller's pool and driver settings, and without a socket timeout a statement on a
 * network path that holds every byte waits for ever (pgjdbc sends its query-timeout cancel over a
 * new connection, along the same path). Set the pool's acquisition timeout (HikariCP {@code
 * connectionTimeout}), and the driver's {@code socketTimeout} and {@code connectTimeout} (pgjdbc:
 * whole seconds, with {@code loginTimeout} and {@code cancelSignalTimeout}; MariaDB Connector/J:
 * milliseconds).
 *
 * <p>With a TTL ({@link Builder#expireAfter}), each save sets {@code expires_at}, measured with the
 * builder's {@link Clock}; rows past it are never returned and count as absent for {@code
 * saveIfAbsent}. They stay in the table until {@link #purgeExpired()} deletes them.
 *
 * <p>Thread-safe.
 */
public final class JdbcPersistentStorage implements EnumerableStorage {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "persistent_assignments";

  static final int MAX_KEYS_PER_QUERY = 500;
  static final int PURGE_BATCH_SIZE = 1000;
  private static final int MAX_ATTEMPTS = 5;

  /**
   * How long the pool built from a URL may spend validating an idle connection before handing it
   * out, and how soon a broken connection must have failed for the call to run once more. Whole
   * seconds, because HikariCP passes the validation timeout to {@link Connection#isValid(int)} in
   * seconds (and MariaDB's driver then waits that long). The repeat stands in for the validation
   * that HikariCP skips for a connection used in the last half second, so it may cost as much.
   */
  static final Duration QUICK_FAILURE = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final @Nullable HikariDataSource ownedPool;
  private final Dialect dialect;
  private final TableName table;
  private final Sql sql;
  private final Clock clock;
  private final @Nullable Duration expireAfter;
  private final int queryTimeoutSeconds;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JdbcPersistentStorage(
      DataSource dataSource,
      @Nullable HikariDataSource ownedPool,
      Dialect dialect,
      TableName table,
      Builder builder) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.dialect = dialect;
    this.table = table;
    this.sql = new Sql(dialect, table);
    this.clock = builder.clock;
    this.expireAfter = builder.expireAfter;
    this.queryTimeoutSeconds = queryTimeoutSeconds(builder.queryTimeout);
  }

  /**
   * Starts a builder over a {@link DataSource} the caller owns (and closes). The storage sets only
   * each statement's query timeout: give the pool an acquisition timeout and the driver a socket
   * and connect timeout (see "Timeouts" above), or a broken network path can hold a call for ever.
   *
   * @param dataSource the caller's data source, typically a connection pool
   * @return a new builder
   * @throws IllegalArgumentException if the data source is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(requireNonNullArgument(dataSource, "dataSource"), null, null, null);
  }

  /**
   * Starts a builder that will create a HikariCP pool for this JDBC URL, own it and close it.
   * Credentials may be in the URL.
   *
   * @param jdbcUrl the JDBC URL, such as {@code jdbc:postgresql://db:5432/app}
   * @return a new builder
   * @throws IllegalArgumentException if the URL is null or blank
   */
  public static Builder builder(String jdbcUrl) {
    return new Builder(null, requireJdbcUrl(jdbcUrl), null, null);
  }

  /**
   * Starts a builder that will create a HikariCP pool for this JDBC URL and credentials, own it and
   * close it.
   *
   * @param jdbcUrl the JDBC URL, such as {@code jdbc:postgresql://db:5432/app}
   * @param user the database user
   * @param password the user's password, or null for none
   * @return a new builder
   * @throws IllegalArgumentException if the URL or user is null or blank
   */
  public static Builder builder(String jdbcUrl, String user, @Nullable String password) {
    return new Builder(null, requireJdbcUrl(jdbcUrl), requireNonBlank(user, "user"), password);
  }

  /**
   * The DDL that creates the table for a dialect: the text of its resource ({@link
   * Dialect#schemaResource()}) with the table name filled in. This is what {@link
   * Builder#createSchemaIfMissing(boolean)} runs.
   *
   * @param dialect the dialect
   * @param table the table name, optionally schema-qualified
   * @return the SQL script
   * @throws IllegalArgumentException if the table name is not a valid identifier
   */
  public static String schemaSql(Dialect dialect, String table) {
    requireNonNullArgument(dialect, "dialect");
    return SchemaScript.text(dialect, TableName.parse(table));
  }

  /**
   * The dialect this storage speaks, detected or set on the builder.
   *
   * @return the dialect
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The table this storage reads and writes, as written in SQL.
   *
   * @return the table name, schema-qualified if it was given so
   */
  public String table() {
    return table.qualified();
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    long now = clock.millis();
    Map<String, String> raw =
        run(
            "load",
            key,
            connection -> {
              Map<String, String> rows = new LinkedHashMap<>();
              try (PreparedStatement statement = prepare(connection, sql.load)) {
                bindKey(statement, 1, key);
                statement.setLong(2, now);
                try (ResultSet rs = statement.executeQuery()) {
                  while (rs.next()) {
                    rows.put(readKey(rs, 1), text(rs, 2));
                  }
                }
              }
              return rows;
            });
    return UserPersistedValues.ofEncoded(key, raw);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    checkEntry(key, configName, values);
    String json = StickyValuesCodec.encode(values);
    long now = clock.millis();
    run(
        "save",
        key,
        connection -> {
          try (PreparedStatement statement = prepare(connection, sql.upsert)) {
            bindEntry(statement, key, configName, json, now);
            statement.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    ensureOpen();
    run(
        "delete",
        key,
        connection -> {
          try (PreparedStatement statement = prepare(connection, sql.delete)) {
            bindKey(statement, 1, key);
            bindKey(statement, 2, configName);
            statement.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    checkEntry(key, configName, values);
    String json = StickyValuesCodec.encode(values);
    long now = clock.millis();
    AtomicInteger runs = new AtomicInteger();
    Optional<String> stored =
        run(
            "saveIfAbsent",
            key,
            connection -> {
              runs.incrementAndGet();
              for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Optional<String> outcome =
                    switch (dialect) {
                      case POSTGRESQL ->
                          insertIfAbsentReturningStored(connection, key, configName, json, now);
                      case H2 -> mergeReturningOldRow(connection, key, configName, json, now);
                      case MARIADB, SQLITE ->
                          insertIfAbsentThenRead(connection, key, configName, json, now);
                    };
                if (outcome != null) {
                  return outcome;
                }
              }
              throw new SQLException(
                  "the entry kept changing under concurrent writers; gave up after "
                      + MAX_ATTEMPTS
                      + " attempts");
            });
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    StickyValues found;
    try {
      found = StickyValuesCodec.decode(stored.get());
    } catch (StickyValuesFormatException e) {
      throw new StorageException(
          "saveIfAbsent failed for key '"
              + key
              + "': the stored entry for config '"
              + configName
              + "' is unreadable and was left in place: "
              + e.getMessage(),
          e);
    }
    if (runs.get() > 1 && found.equals(values)) {
      // A run whose connection broke may have written this very entry and lost only the answer.
      // Had another writer stored an equal entry instead, the caller's outcome is the same.
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /**
   * One statement: writes (inserting, or replacing an expired row) or returns the live stored row.
   * Null when it did neither: a concurrent writer committed after this statement's snapshot, so a
   * new statement will see its row.
   */
  private @Nullable Optional<String> insertIfAbsentReturningStored(
      Connection connection, String key, String configName, String json, long now)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql.insertIfAbsentReturningStored)) {
      bindEntry(statement, key, configName, json, now);
      statement.setLong(6, now);
      bindKey(statement, 7, key);
      bindKey(statement, 8, configName);
      statement.setLong(9, now);
      String stored = null;
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rs.getInt(1) == 1) {
            return Optional.empty();
          }
          stored = text(rs, 2);
        }
      }
      return stored == null ? null : Optional.of(stored);
    }
  }

  /**
   * H2, one statement: a {@code MERGE} that inserts, or replaces an expired row, or leaves a live
   * row unchanged, read through {@code OLD TABLE}. Null when a concurrent writer inserted the row
   * first (a duplicate key), so that a new statement finds it.
   */
  private @Nullable Optional<String> mergeReturningOldRow(
      Connection connection, String key, String configName, String json, long now)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql.insertIfAbsentReturningStored)) {
      bindEntry(statement, key, configName, json, now);
      statement.setLong(6, now);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty(); // inserted
        }
        String before = text(rs, 1);
        long expiresAt = rs.getLong(2);
        boolean live = rs.wasNull() || expiresAt > now;
        return live ? Optional.of(before) : Optional.empty(); // an expired row was replaced
      }
    } catch (SQLException e) {
      if (isDuplicateKey(e)) {
        return null;
      }
      throw e;
    }
  }

  /**
   * MariaDB and SQLite: insert-if-absent (SQLite also replaces an expired row in that statement);
   * when a row exists, reads it, and (MariaDB) replaces it only if it is expired. Null when the row
   * changed between the steps (deleted, or refreshed), so the caller tries again.
   */
  private @Nullable Optional<String> insertIfAbsentThenRead(
      Connection connection, String key, String configName, String json, long now)
      throws SQLException {
    int inserted;
    try (PreparedStatement statement = prepare(connection, sql.insertIfAbsent)) {
      bindEntry(statement, key, configName, json, now);
      if (dialect == Dialect.SQLITE) {
        statement.setLong(6, now);
      }
      inserted = statement.executeUpdate();
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
      inserted = 0;
    }
    if (inserted > 0) {
      return Optional.empty();
    }
    String stored;
    boolean live;
    try (PreparedStatement statement = prepare(connection, sql.selectEntry)) {
      bindKey(statement, 1, key);
      bindKey(statement, 2, configName);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        stored = text(rs, 1);
        long expiresAt = rs.getLong(2);
        live = rs.wasNull() || expiresAt > now;
      }
    }
    if (live) {
      return Optional.of(stored);
    }
    try (PreparedStatement statement = prepare(connection, sql.replaceExpired)) {
      statement.setString(1, json);
      statement.setLong(2, now);
      setExpiresAt(statement, 3, now);
      bindKey(statement, 4, key);
      bindKey(statement, 5, configName);
      statement.setLong(6, now);
      return statement.executeUpdate() > 0 ? Optional.empty() : null;
    }
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    ensureOpen();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    Map<String, Map<String, String>> raw = new LinkedHashMap<>();
    distinct.forEach(key -> raw.put(key, new LinkedHashMap<>()));
    if (!distinct.isEmpty()) {
      long now = clock.millis();
      run(
          "loadAll",
          distinct.size() == 1 ? distinct.get(0) : null,
          distinct,
          true,
          connection -> {
            if (dialect == Dialect.POSTGRESQL) {
              loadChunk(connection, distinct, now, raw);
            } else {
              for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_QUERY) {
                List<String> chunk =
                    distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS_PER_QUERY));
                loadChunk(connection, chunk, now, raw);
              }
            }
            return null;
          });
    }
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    raw.forEach((key, entries) -> result.put(key, UserPersistedValues.ofEncoded(key, entries)));
    return result;
  }

  private void loadChunk(
      Connection connection, List<String> keys, long now, Map<String, Map<String, String>> raw)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql.loadAll(keys.size()))) {
      int index = 1;
      if (dialect == Dialect.POSTGRESQL) {
        Array array = connection.createArrayOf("text", keys.toArray());
        statement.setArray(index++, array);
      } else {
        for (String key : keys) {
          bindKey(statement, index++, key);
        }
      }
      statement.setLong(index, now);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          Map<String, String> entries = raw.get(readKey(rs, 1));
          if (entries != null) {
            entries.put(readKey(rs, 2), text(rs, 3));
          }
        }
      }
    }
  }

  /**
   * Deletes the rows whose time to live has passed, in batches of at most 1 000 rows, each its own
   * statement and transaction, so a large purge never holds long locks. Expired rows are never
   * returned whether or not they are purged; this only reclaims space. Rows saved without a TTL are
   * never deleted.
   *
   * @return how many rows were deleted
   * @throws StorageException if the database failed; batches already deleted stay deleted
   * @throws IllegalStateException if the storage is closed
   */
  public long purgeExpired() {
    ensureOpen();
    long now = clock.millis();
    long total = 0;
    while (true) {
      int deleted =
          run(
              "purgeExpired",
              null,
              List.of(),
              false, // a batch deleted by a lost attempt would be missing from the count
              connection -> {
                try (PreparedStatement statement = prepare(connection, sql.purgeBatch)) {
                  statement.setLong(1, now);
                  statement.setInt(2, PURGE_BATCH_SIZE);
                  return statement.executeUpdate();
                }
              });
      total += deleted;
      if (deleted < PURGE_BATCH_SIZE) {
        return total;
      }
    }
  }

  /** Pages through the table in (storage_key, config_name) order; see {@link JdbcEntryScan}. */
  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    new JdbcEntryScan(dialect, table.qualified(), clock.millis(), queryTimeoutSeconds)
        .forEach(page -> run("forEachEntry", null, page::read), action);
  }

  /** Closes the HikariCP pool if this storage built it; a caller's data source stays open. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && ownedPool != null) {
      ownedPool.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Work done with one borrowed connection. */
  @FunctionalInterface
  private interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T run(String operation, @Nullable String key, ConnectionWork<T> work) {
    return run(operation, key, List.of(), true, work);
  }

  /**
   * Runs the work with a borrowed connection and turns a failure into a {@link StorageException}
   * naming the operation and the key (or the first of several keys; or the table when there is no
   * key). It runs the work again after a deadlock or serialization failure, and once after a
   * connection that broke at once (see {@link #QUICK_FAILURE}) when the work may be repeated.
   */
  private <T> T run(
      String operation,
      @Nullable String key,
      List<String> keys,
      boolean repeatable,
      ConnectionWork<T> work) {
    boolean retriedBrokenConnection = false;
    for (int attempt = 1; ; attempt++) {
      long started = System.nanoTime();
      Connection connection;
      try {
        connection = dataSource.getConnection();
      } catch (SQLException e) {
        // The pool has already waited as long as it may, and validated what it had: final.
        throw failure(operation, key, keys, e);
      }
      try {
        return use(connection, work);
      } catch (SQLException e) {
        if (BrokenConnection.isBroken(e) && !BrokenConnection.isTimeout(e)) {
          // Refused, reset or closed by the server: the connections idling beside it are
          // probably dead too, and would each fail a call of their own.
          evictIdleConnections();
          boolean quick = System.nanoTime() - started < QUICK_FAILURE.toNanos();
          if (repeatable && quick && !retriedBrokenConnection) {
            retriedBrokenConnection = true;
            continue;
          }
        } else if (attempt < MAX_ATTEMPTS && isRetryable(e, operation)) {
          continue;
        }
        throw failure(operation, key, keys, e);
      }
    }
  }

  /**
   * Makes the pool this storage owns replace its idle connections before handing them out again. A
   * caller's pool is left alone.
   */
  private void evictIdleConnections() {
    HikariPoolMXBean pool = ownedPool == null ? null : ownedPool.getHikariPoolMXBean();
    if (pool != null) {
      pool.softEvictConnections();
    }
  }

  private static <T> T withConnection(DataSource dataSource, ConnectionWork<T> work)
      throws SQLException {
    return use(dataSource.getConnection(), work);
  }

  /** Runs the work, commits unless in auto-commit mode, and gives the connection back. */
  private static <T> T use(Connection borrowed, ConnectionWork<T> work) throws SQLException {
    try (Connection connection = borrowed) {
      try {
        T result = work.apply(connection);
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

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      if (!connection.isClosed() && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private StorageException failure(
      String operation, @Nullable String key, List<String> keys, SQLException e) {
    if (key == null && !keys.isEmpty()) {
      return new StorageException(
          operation
              + " failed for key '"
              + keys.get(0)
              + "' and "
              + (keys.size() - 1)
              + " more keys: "
              + (isMissingTable(dialect, e)
                  ? missingTableAdvice(dialect, table)
                  : String.valueOf(e.getMessage())),
          e);
    }
    if (isMissingTable(dialect, e)) {
      return new StorageException(
          operation
              + (key == null ? "" : " failed for key '" + key + "'")
              + (key == null ? " failed" : "")
              + ": "
              + missingTableAdvice(dialect, table),
          e);
    }
    if (key == null) {
      return new StorageException(
          operation + " failed on table " + table + ": " + e.getMessage(), e);
    }
    return StorageException.of(operation, key, e);
  }

  static String missingTableAdvice(Dialect dialect, TableName table) {
    return "table "
        + table
        + " does not exist. Apply the DDL in "
        + dialect.schemaResource()
        + " (io/github/persistentassignment/storage/jdbc/"
        + dialect.schemaResource()
        + " in the persistent-assignment-storage-jdbc jar, or"
        + " JdbcPersistentStorage.schemaSql(Dialect."
        + dialect.name()
        + ", \""
        + table
        + "\")), or build the storage with createSchemaIfMissing(true)";
  }

  static boolean isMissingTable(Dialect dialect, SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sqlException) {
        String state = sqlException.getSQLState();
        String message = String.valueOf(sqlException.getMessage()).toLowerCase(Locale.ROOT);
        boolean missing =
            switch (dialect) {
              case POSTGRESQL -> "42P01".equals(state);
              case MARIADB -> "42S02".equals(state) || sqlException.getErrorCode() == 1146;
              case H2 -> "42S02".equals(state) || "42S04".equals(state);
              case SQLITE -> message.contains("no such table");
            };
        if (missing) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean isDuplicateKey(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state)
        || e.getErrorCode() == 1062
        || (dialect == Dialect.MARIADB && state != null && state.startsWith("23"));
  }

  /** Deadlocks, serialization failures and lost MERGE races: the statement can simply run again. */
  private boolean isRetryable(SQLException e, String operation) {
    String state = e.getSQLState();
    if ("40001".equals(state) || "40P01".equals(state)) {
      return true;
    }
    return switch (dialect) {
      case H2 -> e.getErrorCode() == 90131 || ("save".equals(operation) && isDuplicateKey(e));
      case SQLITE -> e.getErrorCode() == 5 || e.getErrorCode() == 6; // SQLITE_BUSY, SQLITE_LOCKED
      case MARIADB -> e.getErrorCode() == 1213; // deadlock
      case POSTGRESQL -> false;
    };
  }

  private PreparedStatement prepare(Connection connection, String text) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(text);
    try {
      statement.setQueryTimeout(queryTimeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
    return statement;
  }

  private void bindEntry(
      PreparedStatement statement, String key, String configName, String json, long now)
      throws SQLException {
    bindKey(statement, 1, key);
    bindKey(statement, 2, configName);
    statement.setString(3, json);
    statement.setLong(4, now);
    setExpiresAt(statement, 5, now);
  }

  private void setExpiresAt(PreparedStatement statement, int index, long now) throws SQLException {
    if (expireAfter == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      long ttl = expireAfter.toMillis();
      statement.setLong(index, now > Long.MAX_VALUE - ttl ? Long.MAX_VALUE : now + ttl);
    }
  }

  private void bindKey(PreparedStatement statement, int index, String value) throws SQLException {
    if (dialect.binaryKeys()) {
      statement.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    } else {
      statement.setString(index, value);
    }
  }

  private String readKey(ResultSet rs, int index) throws SQLException {
    if (dialect.binaryKeys()) {
      byte[] bytes = rs.getBytes(index);
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
    return text(rs, index);
  }

  private static String text(ResultSet rs, int index) throws SQLException {
    String value = rs.getString(index);
    return value == null ? "" : value;
  }

  private void checkEntry(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("JdbcPersistentStorage is closed");
    }
  }

  /** JDBC's query timeout counts whole seconds: rounded down, at least one. */
  private static int queryTimeoutSeconds(Duration timeout) {
    return (int) Math.max(1, timeout.toSeconds());
  }

  private static String requireJdbcUrl(String jdbcUrl) {
    requireNonBlank(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:'");
    }
    return jdbcUrl;
  }

  /**
   * Builds a {@link JdbcPersistentStorage}. Defaults: table {@value #DEFAULT_TABLE}, dialect
   * detected from the connection, no schema creation, no TTL, the system UTC clock, a 2-second
   * query timeout; for a pool built from a URL, 10 connections, a 2-second connection (acquisition)
   * timeout, a 2-second connect timeout and a socket timeout 1 second longer than the query
   * timeout. See "Timeouts" on {@link JdbcPersistentStorage} for what each bounds.
   */
  public static final class Builder {
    private final @Nullable DataSource dataSource;
    private final @Nullable String jdbcUrl;
    private final @Nullable String user;
    private final @Nullable String password;
    private TableName table = TableName.parse(DEFAULT_TABLE);
    private @Nullable Dialect dialect;
    private boolean createSchemaIfMissing;
    private @Nullable Duration expireAfter;
    private Clock clock = Clock.systemUTC();
    private Duration queryTimeout = Duration.ofSeconds(2);
    private int maximumPoolSize = 10;
    private Duration connectionTimeout = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private @Nullable Duration socketTimeout;

    private Builder(
        @Nullable DataSource dataSource,
        @Nullable String jdbcUrl,
        @Nullable String user,
        @Nullable String password) {
      this.dataSource = dataSource;
      this.jdbcUrl = jdbcUrl;
      this.user = user;
      this.password = password;
    }

    /**
     * The table to use: an unquoted SQL identifier, optionally qualified by a schema ({@code
     * schema.table}). Default {@value #DEFAULT_TABLE}.
     *
     * @param table the table name
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or not a plain identifier
     */
    public Builder table(String table) {
      this.table = TableName.parse(table);
      return this;
    }

    /**
     * Speaks this dialect instead of detecting it from the connection's metadata.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = requireNonNullArgument(dialect, "dialect");
      return this;
    }

    /**
     * Whether {@link #build()} runs the dialect's DDL ({@code CREATE TABLE IF NOT EXISTS …}).
     * Without it, {@code build()} checks that the table exists and fails with a {@link
     * StorageException} naming the DDL resource to apply. Default false.
     *
     * @param create true to create the table and its index when missing
     * @return this builder
     */
    public Builder createSchemaIfMissing(boolean create) {
      this.createSchemaIfMissing = create;
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save. Default: never.
     *
     * @param ttl a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder expireAfter(Duration ttl) {
      this.expireAfter = requirePositive(ttl, "ttl");
      return this;
    }

    /**
     * The clock for {@code updated_at}, {@code expires_at} and expiry checks. Default: the system
     * UTC clock. Instances sharing a table should have closely agreeing clocks.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The query timeout of every statement, in whole seconds (rounded down, at least 1): the
     * database cancels a statement that runs longer. Default 2 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero, negative or over 24 days
     */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = requireTimeout(timeout, "queryTimeout", Duration.ofMillis(1));
      return this;
    }

    /**
     * The size of the pool built from a JDBC URL. Ignored with a caller's data source. Default 10.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder maximumPoolSize(int size) {
      requireAtLeastOne(size, "maximumPoolSize");
      this.maximumPoolSize = size;
      return this;
    }

    /**
     * How long a call waits for a connection from the pool built from a JDBC URL before it fails;
     * validating an idle connection may add up to 1 s. Ignored with a caller's data source (set
     * your pool's own). Default 2 seconds; at least 250 ms (HikariCP's floor).
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if the duration is under 250 ms or over 24 days
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = requireTimeout(timeout, "connectionTimeout", Duration.ofMillis(250));
      return this;
    }

    /**
     * How long the pool built from a PostgreSQL or MariaDB/MySQL URL may take to open one
     * connection: the TCP connect and the login together (pgjdbc {@code loginTimeout}, with its
     * {@code connectTimeout} and {@code cancelSignalTimeout} rounded up to whole seconds; MariaDB
     * Connector/J {@code connectTimeout}). A value in the URL wins. Ignored with a caller's data
     * source. Default 2 seconds.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero, negative or over 24 days
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = requireTimeout(timeout, "connectTimeout", Duration.ofMillis(1));
      return this;
    }

    /**
     * How long a connection of the pool built from a PostgreSQL or MariaDB/MySQL URL waits for any
     * answer from the database before it is closed as broken (the driver's {@code socketTimeout};
     * pgjdbc counts whole seconds, so it is rounded up there). This is what ends a statement when
     * the network holds every byte. It must be longer than the query timeout, so that a merely slow
     * statement is canceled by the database and its connection kept. A value in the URL wins.
     * Ignored with a caller's data source. Default: the query timeout plus 1 second.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero, negative or over 24 days; {@link
     *     #build()} throws it if the timeout is not longer than the query timeout
     */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = requireTimeout(timeout, "socketTimeout", Duration.ofMillis(1));
      return this;
    }

    /**
     * Builds the storage: creates the pool (URL form), detects the dialect unless set, then creates
     * the table if asked or checks that it exists.
     *
     * @return a new, open storage
     * @throws StorageException if the database cannot be reached, the table is missing (the message
     *     names the DDL resource to apply), or the DDL fails
     * @throws IllegalStateException if the database is not one of the {@link Dialect}s and no
     *     dialect was set
     * @throws IllegalArgumentException if the socket timeout set for a pool built from a URL is not
     *     longer than the query timeout
     */
    public JdbcPersistentStorage build() {
      if (dataSource == null) {
        checkSocketTimeout();
      }
      HikariDataSource pool = dataSource == null ? createPool() : null;
      DataSource source = pool != null ? pool : dataSource;
      if (source == null) {
        throw new IllegalStateException("no data source");
      }
      try {
        Dialect resolved = dialect != null ? dialect : detect(source);
        prepareTable(source, resolved);
        return new JdbcPersistentStorage(source, pool, resolved, table, this);
      } catch (RuntimeException e) {
        if (pool != null) {
          pool.close();
        }
        throw e;
      }
    }

    private HikariDataSource createPool() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setPoolName("persistent-assignment-" + table.name());
      config.setMaximumPoolSize(maximumPoolSize);
      config.setConnectionTimeout(connectionTimeout.toMillis());
      config.setValidationTimeout(QUICK_FAILURE.toMillis());
      config.setAutoCommit(true);
      DriverTimeouts.forUrl(String.valueOf(jdbcUrl), connectTimeout, socketTimeoutOrDefault())
          .forEach(config::addDataSourceProperty);
      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new StorageException(
            "could not create a connection pool for " + redact(jdbcUrl) + ": " + e.getMessage(), e);
      }
    }

    private Duration socketTimeoutOrDefault() {
      return socketTimeout != null
          ? socketTimeout
          : Duration.ofSeconds(queryTimeoutSeconds(queryTimeout) + 1);
    }

    /** A socket timeout that ran out first would kill the connection of a merely slow statement. */
    private void checkSocketTimeout() {
      long querySeconds = queryTimeoutSeconds(queryTimeout);
      if (socketTimeout != null && socketTimeout.compareTo(Duration.ofSeconds(querySeconds)) <= 0) {
        throw new IllegalArgumentException(
            "socketTimeout ("
                + socketTimeout.toMillis()
                + " ms) must be longer than queryTimeout ("
                + querySeconds
                + " s), so that the database cancels a slow statement before the driver gives up"
                + " its connection");
      }
    }

    private static Duration requireTimeout(Duration timeout, String name, Duration least) {
      requirePositive(timeout, name);
      if (timeout.compareTo(least) < 0) {
        throw new IllegalArgumentException(name + " must be at least " + least.toMillis() + " ms");
      }
      if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException(
            name + " must be at most " + Integer.MAX_VALUE + " ms (24 days), was " + timeout);
      }
      return timeout;
    }

    private Dialect detect(DataSource source) {
      String product;
      try (Connection connection = source.getConnection()) {
        product = connection.getMetaData().getDatabaseProductName();
      } catch (SQLException e) {
        throw new StorageException(
            "could not connect to detect the database dialect: " + e.getMessage(), e);
      }
      return Dialect.fromProductName(String.valueOf(product))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "unsupported database '"
                          + product
                          + "': set one of "
                          + List.of(Dialect.values())
                          + " with dialect(...) if it speaks that SQL"));
    }

    private void prepareTable(DataSource source, Dialect resolved) {
      Sql sql = new Sql(resolved, table);
      try {
        withConnection(
            source,
            connection -> {
              try (Statement statement = connection.createStatement()) {
                if (createSchemaIfMissing) {
                  for (String ddl : SchemaScript.statements(resolved, table)) {
                    statement.execute(ddl);
                  }
                } else {
                  statement.executeQuery(sql.probe).close();
                }
              }
              return null;
            });
      } catch (SQLException e) {
        if (isMissingTable(resolved, e)) {
          throw new StorageException(missingTableAdvice(resolved, table), e);
        }
        throw new StorageException(
            (createSchemaIfMissing ? "could not create table " : "could not read table ")
                + table
                + ": "
                + e.getMessage(),
            e);
      }
    }

    private static String redact(@Nullable String url) {
      if (url == null) {
        return "";
      }
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query) + "?…";
    }
  }
}
