package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's sustained load run against each real database; only with {@code -Pload}. Each run gets
 * a {@link TestDatabase}: a table of its own, dropped afterwards, over a caller-owned pool of as
 * many connections as the run has threads.
 */
@DisplayName("JdbcPersistentStorage under sustained load")
class JdbcStorageLoadTest {

  /** What every database shares: a fresh table for the run, and storages over it. */
  abstract static class OnDatabase extends PersistentStorageLoadTest {
    private TestDatabase database;

    /** Opens the database; skips or fails the test when its server is missing. */
    abstract TestDatabase open();

    @BeforeEach
    void openDatabase() {
      database = open();
    }

    @AfterEach
    void dropTable() {
      if (database != null) {
        database.close();
      }
    }

    @Override
    protected PersistentStorage createStorage() {
      return JdbcPersistentStorage.builder(database.dataSource())
          .tableName(database.tableName())
          .build();
    }

    @Override
    protected String backendName() {
      return "jdbc-" + database.dialect().name().toLowerCase(Locale.ROOT);
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  class Postgres extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.postgres();
    }
  }

  @Nested
  @DisplayName("on MariaDB")
  class MariaDb extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.mariadb();
    }
  }

  @Nested
  @DisplayName("on SQLite (a file)")
  class Sqlite extends OnDatabase {
    @TempDir Path folder;

    @Override
    TestDatabase open() {
      return TestDatabase.sqlite(folder);
    }
  }

  @Nested
  @DisplayName("on H2 (embedded, in memory)")
  class H2 extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.h2();
    }
  }
}
