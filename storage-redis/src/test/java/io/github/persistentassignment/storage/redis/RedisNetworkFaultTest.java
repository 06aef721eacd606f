package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.faults.FaultProxy;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import redis.clients.jedis.RedisClient;

/** The kit's network-fault tests against the real standalone Redis, through a fault proxy. */
@DisplayName("RedisPersistentStorage on standalone Redis through a failing network")
class RedisNetworkFaultTest extends RedisNetworkFaultVariant {
  private static final String PREFIX = "pa-fault-" + UUID.randomUUID() + ":";

  @AfterAll
  static void deleteKeys() {
    try (RedisClient client = RedisClient.create(URI.create(TestBackends.redisUrl()))) {
      RedisKeys.deleteByPrefix(client, PREFIX);
    }
  }

  @Override
  protected List<InetSocketAddress> serverAddresses() {
    URI server = URI.create(TestBackends.redisUrl());
    return List.of(new InetSocketAddress(server.getHost(), server.getPort()));
  }

  @Override
  RedisPersistentStorage.Builder builderThrough(List<FaultProxy> proxies) {
    FaultProxy proxy = proxies.get(0);
    return RedisPersistentStorage.builder("redis://" + proxy.host() + ":" + proxy.port())
        .keyPrefix(PREFIX);
  }

  @Override
  protected PersistentStorage createDirectStorage() {
    return RedisPersistentStorage.builder(TestBackends.redisUrl()).keyPrefix(PREFIX).build();
  }
}
