package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/jdbc.md's JDBC examples. The regions between the tags are copied onto docs/jdbc.md, and
 * {@code DocsSnippetsTest} fails when they differ. They run here on embedded H2, so the build needs
 * no server; the same code runs on PostgreSQL, MariaDB/MySQL or SQLite.
 */
@DisplayName("docs/jdbc.md JDBC examples")
class JdbcExample {
  private static final ExperimentCatalog CATALOG =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  static Assignment dataSourceForm(DataSource dataSource, ExperimentCatalog catalog) {
    // tag::jdbc-datasource[]
    // Your application's pool: the storage borrows connections from it and never closes it.
    try (PersistentStorage storage =
        JdbcPersistentStorage.builder(dataSource)
            .tableName("persistent_assignments")
            .createTableIfMissing(true) // or apply schema-postgresql.sql (below) yourself
            .build()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
      UserAssignments user = assignment.forUser(User.of("test-123")); // once per request
      return user.getExperiment("checkout_button");
    }
    // end::jdbc-datasource[]
  }

  static long urlForm(String jdbcUrl, String user, String password) {
    // tag::jdbc-url[]
    // No pool at hand: the storage builds a HikariCP pool for the URL, owns it and closes it.
    try (JdbcPersistentStorage storage =
        JdbcPersistentStorage.builder(jdbcUrl, user, password)
            .maxConnections(10)
            .expireAfter(Duration.ofDays(90)) // an entry not saved again for 90 days is gone
            .createTableIfMissing(true)
            .build()) {
      // ... use it as the PersistentStorage of PersistentAssignment ...

      // Expired rows are never returned; a periodic job reclaims their space.
      return storage.purgeExpired();
    }
    // end::jdbc-url[]
  }

  @Test
  @DisplayName("the caller's DataSource form saves the first assignment, then serves it")
  void dataSourceForm() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:example_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Assignment first = dataSourceForm(dataSource, CATALOG);
    Assignment again = dataSourceForm(dataSource, CATALOG);
    assertThat(first.reason()).isEqualTo(Assignment.Reason.EVALUATED);
    assertThat(again.reason()).isEqualTo(Assignment.Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo(first.groupName());
  }

  @Test
  @DisplayName("the URL form builds, purges and closes its own pool")
  void urlForm() {
    String url = "jdbc:h2:mem:example_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    assertThat(urlForm(url, "sa", "")).isZero();
  }
}
