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
        .tableName(database().tableName())
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

  /** A row that is no entry: a blank config name, which no save can write. */
  @Override
  protected void writeForeignItem(String key) {
    database().writeRaw(key, "", "{}");
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
              .tableName(database().tableName())
              .clock(clock);
      if (ttl != null) {
        builder.expireAfter(ttl);
      }
      JdbcPersistentStorage storage = builder.build();
      storage.load("warm-up:userID"); // the first call checks the table once
      counting.reset();
      return storage;
    }

    private int count(Runnable operation) {
      counting.reset();
      operation.run();
      return counting.executions();
    }

    @Test
    @DisplayName("build() sends nothing; the first call checks the table with one statement more")
    void firstCall() {
      counting.reset();
      try (JdbcPersistentStorage storage =
          JdbcPersistentStorage.builder(counting.dataSource())
              .tableName(database().tableName())
              .clock(clock)
              .build()) {
        assertThat(counting.executions()).as("build()").isZero();
        int first = count(() -> storage.load(key));
        assertThat(first).as("the first load: the table check, then the load").isEqualTo(2);
        assertThat(count(() -> storage.load(key))).as("the second load").isEqualTo(1);
        System.out.printf(
            "[statement counts] %s: build=0 first load=%d second load=1%n",
            database().dialect(), first);
      }
    }

    @Test
    @DisplayName(
        "load, save, delete, deleteAll, saveIfAbsent (writing or finding) and loadAll of 100 keys"
            + " each run one statement")
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
        int found = count(() -> storage.saveIfAbsent(key, "b", sample("C")));
        assertThat(found).as("saveIfAbsent that finds an entry").isEqualTo(1);
        storage.save(key, "c", sample("C"));
        assertThat(count(() -> storage.deleteAll(key))).as("deleteAll of 2 entries").isEqualTo(1);
        assertThat(storage.load(key).asMap()).isEmpty();
        System.out.printf(
            "[statement counts] %s: save=1 load=1 delete=1 deleteAll=1 saveIfAbsent(wrote)=1"
                + " saveIfAbsent(found)=%d loadAll(101 keys)=1%n",
            database().dialect(), found);
      }
    }

    @Test
    @DisplayName("a saveIfAbsent over a corrupt entry runs two: the write that finds it, the CAS")
    void saveIfAbsentOverCorrupt() {
      try (JdbcPersistentStorage storage = storage()) {
        database().writeRaw(key, "broken", "{not json");
        int statements =
            count(() -> assertThat(storage.saveIfAbsent(key, "broken", sample("A"))).isEmpty());
        assertThat(statements).as("saveIfAbsent over a corrupt entry").isEqualTo(2);
        assertThat(storage.load(key).get("broken")).contains(sample("A"));
        System.out.printf(
            "[statement counts] %s: saveIfAbsent(over corrupt)=%d%n",
            database().dialect(), statements);
        storage.deleteAll(key);
      }
    }

    @Test
    @DisplayName("purge deletes in batches of 1 000: one statement per batch, and one to end")
    void purgeBatches() {
      String config = "purge-count-" + UUID.randomUUID();
      try (JdbcPersistentStorage storage = storage()) {
        int entries = JdbcOperations.PURGE_BATCH_SIZE + 10;
        for (int i = 0; i < entries; i++) {
          storage.save(key + "-" + i, config, sample("A"));
        }
        storage.save(key, "other", sample("B"));
        long[] removed = new long[1];
        int statements = count(() -> removed[0] = storage.purge(config));
        assertThat(removed[0]).isEqualTo(entries);
        assertThat(statements).as("purge of %d entries", entries).isEqualTo(2);
        assertThat(count(() -> storage.purge(config))).as("purge of none").isEqualTo(1);
        assertThat(storage.load(key).get("other")).contains(sample("B"));
        System.out.printf(
            "[statement counts] %s: purge(%d entries)=%d purge(0 entries)=1%n",
            database().dialect(), entries, statements);
        storage.deleteAll(key);
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
        assertThat(replaced).as("saveIfAbsent over an expired entry").isEqualTo(1);
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
        assertThat(kept).as("saveIfAbsent that finds a live entry, with a TTL").isEqualTo(1);
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
        int rows = JdbcOperations.PURGE_BATCH_SIZE + 150;
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
    @DisplayName(
        "a missing table fails every call, not build(), with a StorageException naming the DDL"
            + " resource, until it exists")
    void missingTable() {
      String resource = database().dialect().schemaResource();
      String table = "pa_missing_" + UUID.randomUUID().toString().substring(0, 8);
      try (JdbcPersistentStorage storage =
          JdbcPersistentStorage.builder(database().dataSource()).tableName(table).build()) {
        for (int call = 0; call < 2; call++) {
          assertThatThrownBy(() -> storage.load("alice:userID"))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("load failed for key 'alice:userID': table " + table)
              .hasMessageContaining("does not exist and createTableIfMissing is false")
              .hasMessageContaining(resource)
              .hasMessageContaining("createTableIfMissing(true)");
        }
        try (JdbcPersistentStorage creating =
            JdbcPersistentStorage.builder(database().dataSource())
                .tableName(table)
                .createTableIfMissing(true)
                .build()) {
          creating.save("alice:userID", "exp", sample("A"));
        }
        assertThat(storage.load("alice:userID").get("exp"))
            .as("the same storage, once the table exists")
            .contains(sample("A"));
      } finally {
        database().execute("DROP TABLE IF EXISTS " + table);
      }
    }

    @Test
    @DisplayName("a table dropped under a running storage fails operations naming the DDL resource")
    void tableDroppedLater() {
      String table = "pa_dropped_" + UUID.randomUUID().toString().substring(0, 8);
      try (JdbcPersistentStorage storage =
          JdbcPersistentStorage.builder(database().dataSource())
              .tableName(table)
              .createTableIfMissing(true)
              .build()) {
        storage.save("alice:userID", "exp", sample("A"));
        database().execute("DROP TABLE " + table);
        assertThatThrownBy(() -> storage.load("alice:userID"))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("load failed for key 'alice:userID'")
            .hasMessageContaining("does not exist");
        // createTableIfMissing: the next call creates it again.
        storage.save("alice:userID", "exp", sample("B"));
        assertThat(storage.load("alice:userID").get("exp")).contains(sample("B"));
      }
    }

    @Test
    @DisplayName("createTableIfMissing leaves an existing table alone and the dialect is detected")
    void createTwice() {
      try (JdbcPersistentStorage storage = builder().createTableIfMissing(true).build()) {
        assertThat(storage.dialect()).isEqualTo(database().dialect());
        assertThat(storage.tableName()).isEqualTo(database().tableName());
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
              .tableName(table)
              .createTableIfMissing(true)
              .expireAfter(Duration.ofHours(1))
              .build()) {
        storage.save("alice:userID", "exp", sample("A"));
        assertThat(storage.load("alice:userID").get("exp")).contains(sample("A"));
        assertThat(storage.purgeExpired()).isZero();
        assertThat(storage.tableName()).isEqualTo(table);
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
