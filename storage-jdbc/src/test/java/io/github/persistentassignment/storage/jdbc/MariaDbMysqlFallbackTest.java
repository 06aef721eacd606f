package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.storage.jdbc.DialectSql.Write;
import java.sql.Connection;
import java.sql.SQLException;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The saveIfAbsent MySQL gets (it has no {@code INSERT … RETURNING}), run on MariaDB: the same
 * statements, told apart from the one-statement form only by the server's product and version.
 */
@DisplayName("saveIfAbsent without RETURNING (MySQL's), on MariaDB")
class MariaDbMysqlFallbackTest {
  @RegisterExtension
  static final DatabaseFixture DATABASE = new DatabaseFixture(TestDatabase::mariadb);

  private static final Duration BUDGET = Duration.ofSeconds(10);

  /** Made per test, after the fixture opened the database. */
  private final MariaDbSql mysql =
      new MariaDbSql(TableName.parse(DATABASE.get().tableName()), false);

  private Optional<String> saveIfAbsent(CountingDataSource source, Write row) throws SQLException {
    try (Connection connection = source.dataSource().getConnection()) {
      Call call = new Call(connection, System.nanoTime() + BUDGET.toNanos(), BUDGET, false);
      for (int attempt = 0; attempt < Connections.MAX_ATTEMPTS; attempt++) {
        Optional<String> outcome = mysql.saveIfAbsent(call, row);
        if (outcome != null) {
          return outcome;
        }
      }
      throw new IllegalStateException("kept changing");
    }
  }

  @Test
  @DisplayName("writes (1 statement), finds a live entry (2), replaces an expired one (3)")
  void statements() throws SQLException {
    CountingDataSource counting = new CountingDataSource(DATABASE.get().dataSource());
    String key = "mysql-" + UUID.randomUUID();
    assertThat(mysql.returning()).isFalse();
    assertThat(saveIfAbsent(counting, new Write(key, "c", "{\"first\":1}", 1_000, 2_000L)))
        .isEmpty();
    assertThat(counting.executions()).as("writes").isEqualTo(1);
    counting.reset();
    assertThat(saveIfAbsent(counting, new Write(key, "c", "{\"late\":1}", 1_500, 2_500L)))
        .contains("{\"first\":1}");
    assertThat(counting.executions()).as("finds a live entry").isEqualTo(2);
    counting.reset();
    assertThat(saveIfAbsent(counting, new Write(key, "c", "{\"new\":1}", 3_000, 4_000L))).isEmpty();
    assertThat(counting.executions()).as("replaces an expired entry").isEqualTo(3);
    counting.reset();
    assertThat(saveIfAbsent(counting, new Write(key, "c", "{\"later\":1}", 3_500, null)))
        .contains("{\"new\":1}");
  }

  @Test
  @DisplayName("of 16 concurrent calls over an expired entry exactly one replaces it")
  void raceOverExpired() throws Exception {
    CountingDataSource counting = new CountingDataSource(DATABASE.get().dataSource());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int round = 0; round < 5; round++) {
        String key = "mysql-race-" + UUID.randomUUID();
        saveIfAbsent(counting, new Write(key, "c", "{\"old\":1}", 1_000, 2_000L));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<String>>> futures = new ArrayList<>();
        for (int thread = 0; thread < 16; thread++) {
          Write mine = new Write(key, "c", "{\"thread\":" + thread + "}", 5_000, 9_000L);
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return saveIfAbsent(counting, mine);
                  }));
        }
        start.countDown();
        List<Integer> writers = new ArrayList<>();
        List<Optional<String>> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
          results.add(futures.get(i).get(30, TimeUnit.SECONDS));
          if (results.get(i).isEmpty()) {
            writers.add(i);
          }
        }
        assertThat(writers).as("round %d: writers", round).hasSize(1);
        String winner = "{\"thread\":" + writers.get(0) + "}";
        for (Optional<String> result : results) {
          if (result.isPresent()) {
            assertThat(result).contains(winner);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
