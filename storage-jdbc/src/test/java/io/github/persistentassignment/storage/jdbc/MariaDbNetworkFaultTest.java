package io.github.persistentassignment.storage.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("JdbcPersistentStorage on MariaDB through a failing network")
class MariaDbNetworkFaultTest extends JdbcNetworkFaultTest {
  @RegisterExtension
  static final DatabaseFixture DATABASE = new DatabaseFixture(TestDatabase::mariadb);

  @Override
  TestDatabase database() {
    return DATABASE.get();
  }

  @Override
  String serverUrl() {
    return JdbcUrls.mariadb();
  }
}
