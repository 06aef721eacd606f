package io.github.persistentassignment.spring.sample;

import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.spring.autoconfigure.Backends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.io.IOException;
import java.net.URI;
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
import redis.clients.jedis.RedisClient;

/** The sample application on real Redis, through its own client and a fault proxy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisSampleApplicationTest {
  static final String PREFIX = Backends.unique("pa-spring-sample-") + ":";
  static final FaultProxy PROXY = startProxy();

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  static FaultProxy startProxy() {
    URI server = Backends.redisServer();
    try {
      return FaultProxy.start(server.getHost(), server.getPort());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void keyPrefix(DynamicPropertyRegistry registry) {
    registry.add("persistent-assignment.store.options.keyPrefix", () -> PREFIX);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Redis {
    @Bean
    RedisClient redisClient() {
      return Backends.redis(PROXY.host() + ":" + PROXY.port());
    }
  }

  @AfterAll
  static void cleanUp() {
    PROXY.close();
    Backends.deleteKeys(PREFIX);
  }

  @Test
  void servesStickyAssignmentsCountsThemAndReportsHealth() {
    SampleApplicationChecks checks = new SampleApplicationChecks(context, port);
    checks.beans(RedisPersistentStorage.class, "RedisPersistentStorage (application RedisClient)");
    checks.stickyAssignmentAndMeters("alice");
    checks.healthFollowsTheStoreWhileTheApplicationServes(PROXY, "bob");
  }
}
