package io.github.persistentassignment.storage.jdbc;

import io.github.persistentassignment.conformance.TestBackends;
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
    String url = TestBackends.mariadbUrl();
    // Connector/J insists on TLS by default; the loopback test server has none.
    return url.contains("sslMode")
        ? url
        : url + (url.contains("?") ? "&" : "?") + "sslMode=disable";
  }
}
