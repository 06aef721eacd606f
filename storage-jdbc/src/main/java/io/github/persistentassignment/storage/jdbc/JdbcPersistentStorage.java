package io.github.persistentassignment.storage.jdbc;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.spi.AbstractEnumerableStorage;
import io.github.persistentassignment.spi.RawEntry;
import io.github.persistentassignment.spi.StorageLimits;
import io.github.persistentassignment.storage.jdbc.DialectSql.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *     .createTableIfMissing(true)
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} does no I/O. The first call detects the dialect (unless set), checks
 * that the table exists and creates it if it is missing and {@link
 * Builder#createTableIfMissing(boolean)} is set; until a call has done that, every call fails with
 * a {@link io.github.persistentassignment.StorageException} saying what is missing, and the next
 * call tries again. So an application starts while its database is down, and the same storage works
 * once it is back.
 *
 * <p>Every operation is one statement in the dialect's native form; {@code saveIfAbsent} too
 * (except on MySQL, which has no {@code INSERT … RETURNING}). Core ({@link
 * AbstractEnumerableStorage}) owns the arguments, the closed state, encoding, the size limit, the
 * time to live and the corrupt-entry rule; this class only runs the statements.
 *
 * <p><b>Timeouts.</b> {@link Builder#operationTimeout} (default 2 s) bounds one whole call: the
 * wait for a pooled connection, the first call's table check, every statement and every repeat.
 * Each statement's query timeout is what is left of it (whole seconds, rounded up); on a connection
 * of the pool built from a URL, so is the driver's network timeout, which is what ends a statement
 * when the network holds every byte. Bulk work gets a deadline that scales with it: each {@code
 * loadAll} chunk (1 000 keys on PostgreSQL, 500 elsewhere), each page of {@link #forEachEntry} (500
 * rows) and each batch of {@link #purge} and {@link #purgeExpired()} (1 000 rows) has an operation
 * timeout of its own. Given a {@code DataSource}, the pool's wait and the driver's network timeouts
 * are yours to set (HikariCP {@code connectionTimeout}, the driver's {@code socketTimeout}). A call
 * whose connection broke within 1 s of its start runs once more, and a deadlock up to five times,
 * within the same operation timeout; purge batches are not repeated.
 *
 * <p>Given a {@code DataSource}, the storage borrows connections and never closes it. Given a JDBC
 * URL, it builds a HikariCP pool (started by the first call), owns it and closes it in {@link
 * #close()}. Thread-safe.
 */
public final class JdbcPersistentStorage extends AbstractEnumerableStorage {
  /** The default table name. */
  public static final String DEFAULT_TABLE = "persistent_assignments";

  /** The default largest encoded entry: 1 MiB, far above any real entry. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

  private final Connections connections;
  private final JdbcOperations operations;
  private final TableName table;

  private JdbcPersistentStorage(JdbcSettings settings) {
    super("JdbcPersistentStorage", settings.clock, settings.expireAfter, settings.maxValueBytes);
    this.table = settings.tableName;
    TableSetup setup = new TableSetup(settings.dialect, table, settings.createTableIfMissing);
    this.connections =
        settings.connections(
            e -> {
              DialectSql sql = setup.readyOrNull();
              return sql != null && sql.isRetryable(e);
            });
    this.operations = new JdbcOperations(connections, setup);
  }

  /**
   * Starts a builder over a {@link DataSource} the caller owns (and closes).
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
   * @throws IllegalArgumentException if the URL is null, blank or not a {@code jdbc:} URL
   */
  public static Builder builder(String jdbcUrl) {
    return new Builder(null, OwnedPool.requireJdbcUrl(jdbcUrl), null, null);
  }

  /**
   * Starts a builder that will create a HikariCP pool for this JDBC URL and credentials.
   *
   * @param jdbcUrl the JDBC URL, such as {@code jdbc:postgresql://db:5432/app}
   * @param user the database user
   * @param password the user's password, or null for none
   * @return a new builder
   * @throws IllegalArgumentException if the URL or user is null or blank
   */
  public static Builder builder(String jdbcUrl, String user, @Nullable String password) {
    return new Builder(
        null, OwnedPool.requireJdbcUrl(jdbcUrl), requireNonBlank(user, "user"), password);
  }

  /**
   * The DDL that creates the table for a dialect: the text of its resource ({@link
   * Dialect#schemaResource()}) with the table name filled in. This is what {@link
   * Builder#createTableIfMissing(boolean)} runs when the table is missing.
   *
   * @param dialect the dialect
   * @param tableName the table name, optionally schema-qualified
   * @return the SQL script
   * @throws IllegalArgumentException if the table name is not a valid identifier
   */
  public static String schemaSql(Dialect dialect, String tableName) {
    requireNonNullArgument(dialect, "dialect");
    return SchemaScript.text(dialect, TableName.parse(tableName));
  }

  /**
   * The dialect this storage speaks: the one set on the builder, or the one the first call
   * detected. Before any call has reached the database it detects it now.
   *
   * @return the dialect
   * @throws io.github.persistentassignment.StorageException if the database cannot be reached or
   *     the table is missing
   * @throws IllegalStateException if the storage is closed
   */
  public Dialect dialect() {
    ensureOpen();
    return callForAllKeys("dialect detection", operations::dialect);
  }

  /**
   * The table this storage reads and writes, as written in SQL.
   *
   * @return the table name, schema-qualified if it was given so
   */
  public String tableName() {
    return table.qualified();
  }

  /**
   * Deletes the rows whose time to live has passed, in batches of at most 1 000 rows, each its own
   * statement, transaction and operation timeout, so a large purge never holds long locks. Expired
   * rows are never returned whether or not they are purged; this only reclaims space. Rows saved
   * without a TTL are never deleted.
   *
   * @return how many rows were deleted
   * @throws io.github.persistentassignment.StorageException if the database failed; batches already
   *     deleted stay deleted
   * @throws IllegalStateException if the storage is closed
   */
  public long purgeExpired() {
    ensureOpen();
    long now = clock().millis();
    return callForAllKeys("purgeExpired", () -> operations.purgeExpired(now));
  }

  // ---------------------------------------------------------------------------------------------
  // The raw operations: core has checked the arguments and the open state.

  @Override
  protected Map<String, String> loadEncoded(String key) {
    return operations.load(key, clock().millis());
  }

  /** In chunks (1 000 keys on PostgreSQL, 500 elsewhere), each with its own operation timeout. */
  @Override
  protected Map<String, Map<String, String>> loadAllEncoded(List<String> keys) {
    return operations.loadAll(keys, clock().millis());
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    operations.save(write(key, configName, json, expiresAt));
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    return operations.saveIfAbsent(write(key, configName, json, expiresAt));
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    return operations.replace(write(key, configName, json, expiresAt), expectedJson);
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    operations.delete(key, configName);
  }

  @Override
  protected void deleteAllEncoded(String key) {
    operations.deleteAll(key);
  }

  /**
   * Deletes the config's rows in batches of 1 000, one indexed {@code DELETE} each with its own
   * operation timeout. The count includes rows that had expired but were not yet purged.
   */
  @Override
  protected long purgeEncoded(String configName) {
    return operations.purge(configName);
  }

  /** Pages of 500 rows in key order, each its own call; no connection is held between pages. */
  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    operations.forEach(
        clock().millis(),
        row -> {
          if (row.key().isBlank() || row.configName().isBlank()) {
            skipForeign(row.key(), "a row with a blank storage_key or config_name");
          } else {
            action.accept(new RawEntry(row.key(), row.configName(), row.json(), row.expiresAt()));
          }
        });
  }

  /** A statement is run again on a fresh connection when the first one broke at once. */
  @Override
  protected boolean retriesWrites() {
    return true;
  }

  @Override
  protected void closeResources() {
    connections.close();
  }

  private Write write(String key, String configName, String json, @Nullable Instant expiresAt) {
    Long expiry = expiresAt == null ? null : expiresAt.toEpochMilli();
    return new Write(key, configName, json, clock().millis(), expiry);
  }

  /**
   * Builds a {@link JdbcPersistentStorage}: mutable, each setter returns this builder, and {@link
   * #build()} checks every setting and does no I/O. Defaults: table {@value #DEFAULT_TABLE}, the
   * dialect detected by the first call, no table creation, no TTL, the system UTC clock, a 2 s
   * operation timeout, 1 MiB entries at most; for the pool built from a URL, 10 connections, a 1 s
   * pool timeout and a 2 s connect timeout.
   */
  public static final class Builder {
    private final JdbcSettings settings;

    private Builder(
        @Nullable DataSource dataSource,
        @Nullable String jdbcUrl,
        @Nullable String user,
        @Nullable String password) {
      this.settings = new JdbcSettings(dataSource, jdbcUrl, user, password);
    }

    /**
     * The table to use: an unquoted SQL identifier, optionally qualified by a schema ({@code
     * schema.table}). Default {@value #DEFAULT_TABLE}.
     *
     * @param tableName the table name
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or not a plain identifier
     */
    public Builder tableName(String tableName) {
      settings.tableName = TableName.parse(tableName);
      return this;
    }

    /**
     * Speaks this dialect instead of detecting it from the first connection's metadata.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      settings.dialect = requireNonNullArgument(dialect, "dialect");
      return this;
    }

    /**
     * Whether the first call creates the table (with the dialect's DDL, {@link #schemaSql}) when it
     * is missing. Without it, calls fail with a {@link io.github.persistentassignment
     * .StorageException} naming the DDL to apply until the table exists. An existing table is never
     * altered. Default false.
     *
     * @param create true to create a missing table and its indexes
     * @return this builder
     */
    public Builder createTableIfMissing(boolean create) {
      settings.createTableIfMissing = create;
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save. Default: never.
     *
     * @param expireAfter from 1 ms to 36 500 days
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder expireAfter(Duration expireAfter) {
      settings.expireAfter =
          StorageLimits.checkExpireAfter(requireNonNullArgument(expireAfter, "expireAfter"));
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
      settings.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The largest encoded entry, in UTF-8 bytes; a larger save is refused before it is sent.
     * Default {@value #DEFAULT_MAX_VALUE_BYTES}.
     *
     * @param maxValueBytes at least 1
     * @return this builder
     */
    public Builder maxValueBytes(int maxValueBytes) {
      settings.maxValueBytes = maxValueBytes;
      return this;
    }

    /**
     * The longest one call may take: the pool's wait, the first call's table check, every statement
     * and every repeat. Bulk calls get it per chunk, page or batch. Default 2 s.
     *
     * @param operationTimeout more than 0, at most 24 days
     * @return this builder
     */
    public Builder operationTimeout(Duration operationTimeout) {
      settings.operationTimeout = requireNonNullArgument(operationTimeout, "operationTimeout");
      return this;
    }

    /**
     * The size of the pool built from a JDBC URL (not with a caller's {@code DataSource}). Default
     * 10.
     *
     * @param maxConnections from 1 to 10 000
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      settings.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long a call waits for a connection of the pool built from a JDBC URL (not with a caller's
     * {@code DataSource}); part of the operation timeout. Default 1 s, or the operation timeout if
     * shorter.
     *
     * @param poolTimeout at least 250 ms (HikariCP's floor), at most the operation timeout
     * @return this builder
     */
    public Builder poolTimeout(Duration poolTimeout) {
      settings.poolTimeout = requireNonNullArgument(poolTimeout, "poolTimeout");
      return this;
    }

    /**
     * How long the pool built from a PostgreSQL or MariaDB/MySQL URL may take to open one
     * connection, connect and login together (not with a caller's {@code DataSource}). The pool
     * opens connections in the background, so this bounds how soon it has them again once the
     * database is back. A value in the URL wins. Default 2 s.
     *
     * @param connectTimeout more than 0, at most 24 days
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      settings.connectTimeout = requireNonNullArgument(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Checks the settings and builds the storage, without I/O: the pool built from a URL starts,
     * and the table is checked, on the first call.
     *
     * @return a new, open storage
     * @throws IllegalArgumentException if a setting is out of range (naming it), a pool setting was
     *     given with a caller's {@code DataSource}, or no driver accepts the JDBC URL
     */
    public JdbcPersistentStorage build() {
      JdbcSettings checked = settings.copy();
      checked.check();
      return new JdbcPersistentStorage(checked);
    }
  }
}
