package io.github.persistentassignment.benchmarks.backends;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.benchmarks.naive.NaiveJdbcStorage;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@link JdbcPersistentStorage} over a HikariCP pool the benchmark owns, and the same pool running
 * the adapter's statements by hand ({@link RawSql}). Tables have names of their own and are dropped
 * on {@link #close()}; a SQLite database is a temporary file.
 */
final class JdbcBackend extends BenchmarkBackend {
  /** One connection per benchmark thread at the most threads the benchmarks run with. */
  private static final int POOL_SIZE = 8;

  /**
   * SQLite has one writer at a time, and a connection that finds the database locked sleeps in its
   * busy handler, in growing steps, before trying again. With several connections the 8-thread runs
   * would measure those sleeps; with one, threads queue for it in the pool, in order.
   */
  private static final int SQLITE_POOL_SIZE = 1;

  private final HikariDataSource pool;
  private final @Nullable Path folder;
  private final String run;
  private final List<String> tables = new ArrayList<>();
  private @Nullable NaiveJdbcStorage naive;

  private JdbcBackend(
      String name,
      HikariDataSource pool,
      @Nullable Path folder,
      String run,
      JdbcPersistentStorage storage) {
    super(name, storage, new RawSql(pool, storage.dialect(), storage.tableName()));
    this.pool = pool;
    this.folder = folder;
    this.run = run;
    tables.add(storage.tableName());
  }

  private static JdbcBackend open(
      String name, HikariConfig config, @Nullable Path folder, String run) {
    config.setMaximumPoolSize(folder == null ? POOL_SIZE : SQLITE_POOL_SIZE);
    config.setConnectionTimeout(10_000);
    config.setPoolName("bench-" + name);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(pool)
            .tableName("pa_bench_" + run)
            .createTableIfMissing(true)
            .build();
    return new JdbcBackend(name, pool, folder, run, storage);
  }

  static JdbcBackend postgresql(String run) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestBackends.postgresUrl());
    return open("postgresql", config, null, run);
  }

  static JdbcBackend mariadb(String run) {
    String url = TestBackends.mariadbUrl();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (!url.contains("sslMode")) {
      config.addDataSourceProperty("sslMode", "disable"); // the loopback server has no TLS
    }
    return open("mariadb", config, null, run);
  }

  /** A file in a temporary folder, in WAL mode, through one connection (see the pool size). */
  static JdbcBackend sqlite(String run) {
    Path folder;
    try {
      folder = Files.createTempDirectory("pa-bench-sqlite-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + folder.resolve("bench.db"));
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("busy_timeout", "10000");
    return open("sqlite", config, folder, run);
  }

  @Override
  public synchronized PersistentStorage naiveStorage() {
    if (naive == null) {
      String table = "pa_naive_" + run;
      tables.add(table);
      naive = NaiveJdbcStorage.createTable(pool, table);
    }
    return naive;
  }

  @Override
  public String describe() {
    try (Connection connection = pool.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      return meta.getDatabaseProductName()
          + " "
          + meta.getDatabaseProductVersion()
          + " ("
          + meta.getDriverName()
          + " "
          + meta.getDriverVersion()
          + ", HikariCP "
          + ArtifactVersions.of("com.zaxxer", "HikariCP")
          + ")";
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the database's version", e);
    }
  }

  @Override
  public void close() {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("DROP TABLE IF EXISTS " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop the benchmark tables " + tables, e);
    } finally {
      storage().close();
      pool.close();
      deleteFolder();
    }
  }

  private void deleteFolder() {
    if (folder == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
