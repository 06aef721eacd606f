package io.github.persistentassignment.spring.sample;

import com.zaxxer.hikari.HikariDataSource;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.spring.autoconfigure.Backends;
import io.github.persistentassignment.storage.jdbc.JdbcPersistentStorage;
import java.io.IOException;
import java.net.URI;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application on real PostgreSQL, through its own HikariCP pool and a fault proxy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresSampleApplicationTest {
  static final String TABLE = Backends.unique("pa_spring_sample_");
  static final FaultProxy PROXY = startProxy();

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  static FaultProxy startProxy() {
    URI server = Backends.postgresServer();
    try {
      return FaultProxy.start(server.getHost(), server.getPort());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void table(DynamicPropertyRegistry registry) {
    registry.add("persistent-assignment.store.options.tableName", () -> TABLE);
    registry.add("persistent-assignment.store.options.createTableIfMissing", () -> "true");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Database {
    @Bean
    DataSource dataSource() {
      HikariDataSource pool = Backends.postgres(PROXY.host() + ":" + PROXY.port());
      return pool;
    }
  }

  @AfterAll
  static void cleanUp() {
    PROXY.close();
    Backends.dropTable(TABLE);
  }

  @Test
  void servesStickyAssignmentsCountsThemAndReportsHealth() {
    SampleApplicationChecks checks = new SampleApplicationChecks(context, port);
    checks.beans(JdbcPersistentStorage.class, "JdbcPersistentStorage (application DataSource)");
    checks.stickyAssignmentAndMeters("alice");
    checks.healthFollowsTheStoreWhileTheApplicationServes(PROXY, "bob");
  }
}
