package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Why docs/security.md asks for {@code logServerErrorDetail=false} on PostgreSQL: the driver copies
 * the server's DETAIL into its exception messages, and a constraint's DETAIL quotes the whole
 * failing row, stored value included; the adapter's StorageException message carries the driver's.
 * A CHECK constraint the test adds makes a save fail.
 */
@DisplayName("PostgreSQL error messages and logServerErrorDetail")
class PostgresErrorDetailTest {
  private static final String SECRET = "parameter-value-5be1c0";
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.postgres();
    database.execute(
        "ALTER TABLE "
            + database.tableName()
            + " ADD CONSTRAINT short_entries CHECK (length(sticky_values) < 60)");
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest(name = "logServerErrorDetail={0}: the message quotes the value: {1}")
  @CsvSource({"true, true", "false, false"})
  @DisplayName("quote the failing row, stored value included, unless the driver is told not to")
  void detail(boolean logServerErrorDetail, boolean quotesValue) {
    String url = TestBackends.postgresUrl() + "&logServerErrorDetail=" + logServerErrorDetail;
    StickyValues values =
        StickyValues.builder().groupName("Test").jsonValue(Map.of("p", SECRET)).build();
    try (JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(url)
            .tableName(database.tableName())
            .maxConnections(1)
            .build()) {
      var thrown =
          assertThatThrownBy(() -> storage.save("detail:userID", "exp", values))
              .isInstanceOf(StorageException.class)
              .hasMessageContaining("save failed for key 'detail:userID'")
              .hasMessageContaining("short_entries");
      // The StorageException's message is cut at 200 characters (core); the driver's exception,
      // its root cause, is what a log of the stack trace shows in full.
      if (quotesValue) {
        thrown.rootCause().hasMessageContaining(SECRET);
      } else {
        thrown.hasMessageNotContaining(SECRET).rootCause().hasMessageNotContaining(SECRET);
      }
    }
  }
}
