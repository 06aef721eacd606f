package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.conformance.servers.TestBackends;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("JdbcPersistentStorage on PostgreSQL through a failing network")
class PostgresNetworkFaultTest extends JdbcNetworkFaultTest {
  @RegisterExtension
  static final DatabaseFixture DATABASE = new DatabaseFixture(TestDatabase::postgres);

  @Override
  TestDatabase database() {
    return DATABASE.get();
  }

  @Override
  String serverUrl() {
    return TestBackends.postgresUrl();
  }
}
