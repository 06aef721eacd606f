package io.github.persistentassignment.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The driver timeouts of a pool built from a URL")
class DriverTimeoutsTest {
  private static final Duration ONE_AND_A_HALF = Duration.ofMillis(1_500);

  @Test
  @DisplayName("are spelled per driver, in whole seconds (rounded up) for pgjdbc")
  void propertiesPerDriver() {
    assertThat(DriverTimeouts.forUrl("jdbc:postgresql://db/app", ONE_AND_A_HALF, ONE_AND_A_HALF))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "connectTimeout", "2",
                "loginTimeout", "1.5",
                "cancelSignalTimeout", "2",
                "socketTimeout", "2"));
    Map<String, String> milliseconds = Map.of("connectTimeout", "1500", "socketTimeout", "3000");
    assertThat(
            DriverTimeouts.forUrl("jdbc:mariadb://db/app", ONE_AND_A_HALF, Duration.ofSeconds(3)))
        .isEqualTo(milliseconds);
    assertThat(DriverTimeouts.forUrl("JDBC:MySQL://db/app", ONE_AND_A_HALF, Duration.ofSeconds(3)))
        .isEqualTo(milliseconds);
    assertThat(DriverTimeouts.forUrl("jdbc:h2:mem:x", ONE_AND_A_HALF, ONE_AND_A_HALF)).isEmpty();
    assertThat(DriverTimeouts.forUrl("jdbc:sqlite:x.db", ONE_AND_A_HALF, Duration.ofSeconds(3)))
        .isEqualTo(Map.of("busy_timeout", "3000", "journal_mode", "WAL", "synchronous", "NORMAL"));
  }

  @Test
  @DisplayName("round up to whole seconds, never down")
  void wholeSeconds() {
    assertThat(DriverTimeouts.wholeSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(DriverTimeouts.wholeSeconds(Duration.ofSeconds(2))).isEqualTo(2);
    assertThat(DriverTimeouts.wholeSeconds(Duration.ofMillis(2_001))).isEqualTo(3);
  }

  /** The real drivers, against the real servers: the property names are the ones they read. */
  @Nested
  @DisplayName("on the real drivers")
  class RealDrivers {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    @DisplayName("a connection's network timeout is the socket timeout, unless the URL sets one")
    void socketTimeout(String database) throws SQLException {
      String url = url(database);
      try (Connection connection = connect(url)) {
        assertThat(connection.getNetworkTimeout())
            .isEqualTo(database.equals("postgresql") ? 2_000 : 1_500);
      }
      String urlSetting = database.equals("postgresql") ? "socketTimeout=7" : "socketTimeout=7000";
      try (Connection connection = connect(JdbcUrls.withParameter(url, urlSetting))) {
        assertThat(connection.getNetworkTimeout()).as("the URL's own setting").isEqualTo(7_000);
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    @DisplayName("opening a connection along a path that holds every byte gives up in time")
    void connectTimeout(String database) throws Exception {
      String url = url(database);
      InetSocketAddress server = JdbcUrls.server(url);
      try (FaultProxy proxy = FaultProxy.start(server.getHostString(), server.getPort())) {
        proxy.blackHole();
        String through = JdbcUrls.through(url, proxy);
        long started = System.nanoTime();
        assertThatThrownBy(() -> connect(through).close()).isInstanceOf(SQLException.class);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).as("%s login", database).isLessThan(Duration.ofMillis(2_500));
      }
    }

    private Connection connect(String url) throws SQLException {
      Properties properties = new Properties();
      properties.putAll(DriverTimeouts.forUrl(url, ONE_AND_A_HALF, ONE_AND_A_HALF));
      return DriverManager.getConnection(url, properties);
    }

    private String url(String database) {
      return database.equals("postgresql") ? TestBackends.postgresUrl() : JdbcUrls.mariadb();
    }
  }
}
