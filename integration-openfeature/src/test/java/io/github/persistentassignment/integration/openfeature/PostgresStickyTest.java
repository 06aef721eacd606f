package io.github.persistentassignment.integration.openfeature;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Sticky OpenFeature flags over PostgreSQL")
class PostgresStickyTest extends StickyScenarios {
  private String url;
  private String table;

  @Override
  PersistentStorage createStorage() {
    url = TestBackends.postgresUrl();
    table = "pa_openfeature_" + UUID.randomUUID().toString().replace("-", "");
    return JdbcPersistentStorage.builder(url)
        .tableName(table)
        .createTableIfMissing(true)
        .maxConnections(2)
        .build();
  }

  /** Drops this test's own table. */
  @Override
  void cleanUp() {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop test table " + table, e);
    }
  }
}
