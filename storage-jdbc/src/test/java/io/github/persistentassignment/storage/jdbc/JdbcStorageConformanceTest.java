package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The whole conformance kit over one real database, plus what is particular to JDBC: statement
 * counts, purging, and the table's prerequisites. Each subclass supplies a {@link TestDatabase} (a
 * caller-owned pool of several connections, so the kit's race tests really run in parallel). Expiry
 * is measured with a {@link MutableClock} the tests move, so nothing sleeps.
 */
abstract class JdbcStorageConformanceTest extends PersistentStorageConformanceTest {
  private final MutableClock clock = new MutableClock();

  /** The database of the running test class. */
  abstract TestDatabase database();

  JdbcPersistentStorage.Builder builder() {
    return JdbcPersistentStorage.builder(database().dataSource())
        .table(database().table())
        .clock(clock);
  }

  @Override
  protected PersistentStorage createStorage() {
    return builder().build();
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return builder().expireAfter(ttl).build();
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration); // expires_at is written and compared with this clock
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    database().writeRaw(key, configName, raw);
  }

  private static StickyValues sample(String group) {
    return StickyValues.builder().value(true).groupName(group).ruleId("rule").time(1L).build();
  }

  @Nested
  @DisplayName("Statements sent to the database, counted by a wrapping DataSource")
  class StatementCounts {
    private final CountingDataSource counting = new CountingDataSource(database().dataSource());
    private final String key = "count-" + UUID.randomUUID();

    private JdbcPersistentStorage storage() {
      return storage(null);
    }

    private JdbcPersistentStorage storage(@Nullable Duration ttl) {
      JdbcPersistentStorage.Builder builder =
          JdbcPersistentStorage.builder(counting.dataSource())
              .table(database().table())
              .clock(clock);
      if (ttl != null) {
        builder.expireAfter(ttl);
      }
      JdbcPersistentStorage storage = builder.build();
      counting.reset(); // build() checks the table once
      return storage;
    }

    private int foundStatements() {
      Dialect dialect = database().dialect();
      return dialect == Dialect.MARIADB || dialect == Dialect.SQLITE ? 2 : 1;
    }

    private int count(Runnable operation) {
      counting.reset();
      operation.run();
      return counting.executions();
    }

    @Test
    @DisplayName("load, save, delete, saveIfAbsent and loadAll of 100 keys each run one statement")
    void oneStatementPerOperation() {
      try (JdbcPersistentStorage storage = storage()) {
        assertThat(count(() -> storage.save(key, "a", sample("A")))).as("save").isEqualTo(1);
        assertThat(count(() -> storage.save(key, "a", sample("B")))).as("save again").isEqualTo(1);
        assertThat(count(() -> storage.load(key))).as("load").isEqualTo(1);
        assertThat(count(() -> storage.saveIfAbsent(key, "b", sample("B"))))
            .as("saveIfAbsent that writes")
            .isEqualTo(1);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          keys.add(key + "-" + i);
        }
        keys.add(key);
        assertThat(count(() -> storage.loadAll(keys))).as("loadAll of 101 keys").isEqualTo(1);
        assertThat(count(() -> storage.delete(key, "a"))).as("delete").isEqualTo(1);
        assertThat(count(() -> storage.delete(key, "a"))).as("delete again").isEqualTo(1);
        int lost = count(() -> storage.saveIfAbsent(key, "b", sample("C")));
        // PostgreSQL and H2 return the stored row from the writing statement itself; MariaDB and
        // SQLite read it with a second statement (the README says why).
        assertThat(lost).as("saveIfAbsent that finds an entry").isEqualTo(foundStatements());
        System.out.printf(
            "[statement counts] %s: save=1 load=1 delete=1 saveIfAbsent(wrote)=1"
                + " saveIfAbsent(found)=%d loadAll(101 keys)=1%n",
            database().dialect(), lost);
      }
    }

    @Test
    @DisplayName("a saveIfAbsent that replaces an expired entry runs one statement")
    void replacingAnExpiredEntryIsOneStatement() {
      try (JdbcPersistentStorage storage = storage(Duration.ofMinutes(1))) {
        storage.save(key, "a", sample("old"));
        clock.advance(Duration.ofMinutes(2));
        int replaced =
            count(() -> assertThat(storage.saveIfAbsent(key, "a", sample("new"))).isEmpty());
        // MariaDB inserts, reads the expired row, then replaces it with a compare-and-set UPDATE.
        assertThat(replaced)
            .as("saveIfAbsent over an expired entry")
            .isEqualTo(database().dialect() == Dialect.MARIADB ? 3 : 1);
        assertThat(storage.load(key).get("a")).contains(sample("new"));
        int kept =
            count(
                () ->
                    assertThat(storage.saveIfAbsent(key, "a", sample("late")))
                        .contains(sample("new")));
        System.out.printf(
            "[statement counts] %s: saveIfAbsent(replaced expired)=%d saveIfAbsent(found live,"
                + " with a TTL)=%d%n",
            database().dialect(), replaced, kept);
        assertThat(kept)
            .as("saveIfAbsent that finds a live entry, with a TTL")
            .isEqualTo(foundStatements());
      }
    }
  }

  @Nested
  @DisplayName("saveIfAbsent over an expired entry, with a TTL")
  class SaveIfAbsentOverExpired {
    @Test
    @DisplayName("of 16 concurrent calls exactly one replaces it, and the others return its entry")
    void raceOverAnExpiredEntry() throws Exception {
      Duration ttl = Duration.ofMinutes(1);
      List<JdbcPersistentStorage> instances = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (int i = 0; i < 4; i++) {
          instances.add(builder().expireAfter(ttl).build());
        }
        for (int round = 0; round < 10; round++) {
          String key = "expired-race-" + UUID.randomUUID();
          instances.get(0).save(key, "c", sample("expired " + round));
          clock.advance(ttl.multipliedBy(2));
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Optional<StickyValues>>> futures = new ArrayList<>();
          List<StickyValues> candidates = new ArrayList<>();
          for (int thread = 0; thread < 16; thread++) {
            StickyValues mine = sample("round " + round + " thread " + thread);
            JdbcPersistentStorage instance = instances.get(thread % instances.size());
            candidates.add(mine);
            futures.add(
                pool.submit(
                    () -> {
                      start.await();
                      return instance.saveIfAbsent(key, "c", mine);
                    }));
          }
          start.countDown();
          List<Integer> writers = new ArrayList<>();
          List<Optional<StickyValues>> results = new ArrayList<>();
          for (int i = 0; i < futures.size(); i++) {
            results.add(futures.get(i).get(30, TimeUnit.SECONDS));
            if (results.get(i).isEmpty()) {
              writers.add(i);
            }
          }
          assertThat(writers).as("round %d: calls that reported writing", round).hasSize(1);
          StickyValues winner = candidates.get(writers.get(0));
          for (int i = 0; i < results.size(); i++) {
            if (i != writers.get(0)) {
              assertThat(results.get(i))
                  .as("round %d: call %d was told", round, i)
                  .contains(winner);
            }
          }
          assertThat(instances.get(1).load(key).get("c"))
              .as("round %d: stored", round)
              .contains(winner);
        }
      } finally {
        pool.shutdownNow();
        instances.forEach(JdbcPersistentStorage::close);
      }
    }
  }

  @Nested
  @DisplayName("Keys, config names and values written as SQL")
  class SqlInjection {
    @Test
    @DisplayName("are stored and read back literally, and touch nothing else in the database")
    void storedLiterally() {
      new SqlInjectionAttempts(database(), builder(), () -> clock.advance(Duration.ofHours(2)))
          .run();
    }
  }

  @Nested
  @DisplayName("purgeExpired()")
  class Purging {
    @Test
    @DisplayName("deletes expired rows in batches, and only those")
    void purgesExpiredRowsOnly() {
      String key = "purge-" + UUID.randomUUID();
      try (JdbcPersistentStorage expiring = builder().expireAfter(Duration.ofMinutes(1)).build();
          JdbcPersistentStorage forever = builder().build()) {
        forever.purgeExpired(); // rows other tests left expired
        int rows = JdbcPersistentStorage.PURGE_BATCH_SIZE + 150;
        for (int i = 0; i < rows; i++) {
          expiring.save(key + "-" + i, "config", sample("A"));
        }
        forever.save(key, "kept", sample("K"));
        assertThat(expiring.purgeExpired()).as("nothing has expired yet").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(expiring.purgeExpired()).as("purged rows").isEqualTo(rows);
        assertThat(expiring.purgeExpired()).as("purged again").isZero();
        assertThat(forever.load(key).get("kept")).contains(sample("K"));
      }
    }
  }

  @Nested
  @DisplayName("The table")
  class Table {
    @Test
    @DisplayName("a missing table fails build() with a StorageException naming the DDL resource")
    void missingTable() {
      String resource = database().dialect().schemaResource();
      assertThatThrownBy(
              () ->
                  JdbcPersistentStorage.builder(database().dataSource())
                      .table("pa_missing_" + UUID.randomUUID().toString().substring(0, 8))
                      .build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("does not exist")
          .hasMessageContaining(resource)
          .hasMessageContaining("createSchemaIfMissing(true)");
    }

    @Test
    @DisplayName("a table dropped under a running storage fails operations naming the DDL resource")
    void tableDroppedLater() {
      String table = "pa_dropped_" + UUID.randomUUID().toString().substring(0, 8);
      try (JdbcPersistentStorage storage =
          JdbcPersistentStorage.builder(database().dataSource())
              .table(table)
              .createSchemaIfMissing(true)
              .build()) {
        storage.save("alice:userID", "exp", sample("A"));
        database().execute("DROP TABLE " + table);
        assertThatThrownBy(() -> storage.load("alice:userID"))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("load failed for key 'alice:userID'")
            .hasMessageContaining(database().dialect().schemaResource());
      }
    }

    @Test
    @DisplayName("createSchemaIfMissing is idempotent and the dialect is detected")
    void createTwice() {
      try (JdbcPersistentStorage storage = builder().createSchemaIfMissing(true).build()) {
        assertThat(storage.dialect()).isEqualTo(database().dialect());
        assertThat(storage.table()).isEqualTo(database().table());
      }
    }

    @Test
    @DisplayName("a schema-qualified table and its expiry index are created in that schema")
    void schemaQualified() {
      String schema = "pa_schema_" + UUID.randomUUID().toString().substring(0, 8);
      Dialect dialect = database().dialect();
      if (dialect == Dialect.SQLITE) {
        schema = "main"; // SQLite's schemas are attached database files; main always exists
      } else {
        database()
            .execute((dialect == Dialect.MARIADB ? "CREATE DATABASE " : "CREATE SCHEMA ") + schema);
      }
      String table = schema + ".pa_" + UUID.randomUUID().toString().substring(0, 8);
      try (JdbcPersistentStorage storage =
          builder()
              .table(table)
              .createSchemaIfMissing(true)
              .expireAfter(Duration.ofHours(1))
              .build()) {
        storage.save("alice:userID", "exp", sample("A"));
        assertThat(storage.load("alice:userID").get("exp")).contains(sample("A"));
        assertThat(storage.purgeExpired()).isZero();
        assertThat(storage.table()).isEqualTo(table);
      } finally {
        switch (dialect) {
          case SQLITE -> database().execute("DROP TABLE " + table);
          case MARIADB -> database().execute("DROP DATABASE " + schema);
          default -> database().execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }

    @Test
    @DisplayName("closing the storage leaves the caller's DataSource open")
    void callerDataSourceStaysOpen() {
      builder().build().close();
      assertThat(database().dataSource().isClosed()).isFalse();
    }
  }
}
