package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.FaultProxy;
import io.github.persistentassignment.conformance.NetworkFaultConformanceTest;
import io.github.persistentassignment.conformance.TestBackends;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

/** The kit's network-fault tests against the real standalone Redis, through a fault proxy. */
@DisplayName("RedisPersistentStorage on standalone Redis through a failing network")
class RedisNetworkFaultTest extends NetworkFaultConformanceTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final String prefix = "pa-fault-" + UUID.randomUUID() + ":";

  @Override
  protected List<InetSocketAddress> serverAddresses() {
    URI server = URI.create(TestBackends.redisUrl());
    return List.of(new InetSocketAddress(server.getHost(), server.getPort()));
  }

  @Override
  protected PersistentStorage createStorageThrough(List<FaultProxy> proxies) {
    FaultProxy proxy = proxies.get(0);
    return RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port())
        .keyPrefix(prefix)
        .connectTimeout(TIMEOUT)
        .socketTimeout(TIMEOUT)
        .build();
  }

  @Override
  protected PersistentStorage createDirectStorage() {
    return RedisPersistentStorage.builder(TestBackends.redisUrl()).keyPrefix(prefix).build();
  }

  @Override
  protected Duration failureTimeout() {
    return TIMEOUT;
  }
}
