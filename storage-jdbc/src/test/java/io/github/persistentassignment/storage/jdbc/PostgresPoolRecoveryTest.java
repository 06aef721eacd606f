package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.TestBackends;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The database path drops and comes back: the same storage instance (with its own HikariCP pool)
 * fails with {@link StorageException} while it is down and works again once it is back, without a
 * restart. The path is cut with a TCP forwarder in front of the real PostgreSQL.
 */
@DisplayName("JdbcPersistentStorage on PostgreSQL recovers when the database path comes back")
class PostgresPoolRecoveryTest {
  private static final Pattern HOST_PORT = Pattern.compile("//([^/:?]+):(\\d+)");

  @Test
  @DisplayName("operations fail with StorageException while the path is down, then succeed")
  void recovers() throws Exception {
    String url = TestBackends.postgresUrl();
    Matcher matcher = HOST_PORT.matcher(url);
    assertThat(matcher.find()).as("host and port in %s", url).isTrue();
    String table = "pa_recovery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    StickyValues values = StickyValues.builder().value(true).groupName("Test").time(1L).build();
    String key = "alice:userID";

    try (TcpForwarder forwarder =
        new TcpForwarder(matcher.group(1), Integer.parseInt(matcher.group(2)))) {
      forwarder.start();
      String forwarded = matcher.replaceFirst("//127.0.0.1:" + forwarder.port());
      try (JdbcPersistentStorage storage =
          JdbcPersistentStorage.builder(forwarded)
              .table(table)
              .createSchemaIfMissing(true)
              .maximumPoolSize(4)
              .connectionTimeout(Duration.ofMillis(500))
              .queryTimeout(Duration.ofSeconds(2))
              .build()) {
        try {
          storage.save(key, "exp", values);
          assertThat(storage.load(key).get("exp")).contains(values);

          forwarder.stop();
          assertThatThrownBy(() -> storage.load(key))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("load failed for key '" + key + "'");
          assertThatThrownBy(() -> storage.save(key, "exp2", values))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("save failed for key '" + key + "'");
          assertThatThrownBy(() -> storage.saveIfAbsent(key, "exp3", values))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("saveIfAbsent failed for key '" + key + "'");
          assertThatThrownBy(() -> storage.loadAll(List.of(key, "bob:userID")))
              .isInstanceOf(StorageException.class)
              .hasMessageStartingWith("loadAll failed for key '" + key + "'");

          forwarder.start();
          // The pool drops the broken connections it still holds and opens new ones; its
          // connection adder backs off while the database is away, so allow it a few seconds.
          long start = System.nanoTime();
          Duration recovery = null;
          int failuresAfterRestart = 0;
          while (recovery == null) {
            try {
              assertThat(storage.load(key).get("exp")).contains(values);
              recovery = Duration.ofNanos(System.nanoTime() - start);
            } catch (StorageException e) {
              failuresAfterRestart++;
              assertThat(Duration.ofNanos(System.nanoTime() - start))
                  .as("time to recover")
                  .isLessThan(Duration.ofSeconds(20));
            }
          }
          System.out.printf(
              "[pool recovery] first successful load %d ms after the path came back,"
                  + " after %d failed attempts%n",
              recovery.toMillis(), failuresAfterRestart);
          storage.save(key, "exp2", values);
          assertThat(storage.saveIfAbsent(key, "exp3", values)).isEmpty();
          assertThat(storage.load(key).asMap()).containsOnlyKeys("exp", "exp2", "exp3");
        } finally {
          dropTable(url, table);
        }
      }
    }
  }

  private static void dropTable(String url, String table) {
    try (var connection = java.sql.DriverManager.getConnection(url);
        var statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
