package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The whole conformance kit against real Redis servers, once per variant: standalone, a
 * three-master cluster, and a custom key prefix over a client the storage creates from a URL. (A
 * variant whose every write had a TTL is gone: the kit now checks that a storage without one
 * reports no expiry. Writes with a TTL run in the kit's expiry groups, and in the round-trip,
 * hostile-name and least-privilege tests.) Each variant writes under its own random prefix and
 * deletes its keys afterwards.
 */
@DisplayName("RedisPersistentStorage keeps the storage contract")
class RedisPersistentStorageConformanceTest {

  @Nested
  @DisplayName("on standalone Redis, over a RedisClient the caller owns")
  class Standalone extends RedisKitVariant {
    static final String PREFIX = uniquePrefix("standalone");
    static RedisClient client;

    @BeforeAll
    static void connect() {
      client = RedisClient.create(URI.create(TestBackends.redisUrl()));
    }

    @AfterAll
    static void cleanUp() {
      if (client != null) {
        RedisKeys.deleteByPrefix(client, PREFIX);
        client.close();
      }
    }

    @Override
    RedisPersistentStorage.Builder builder() {
      return RedisPersistentStorage.builder(client).keyPrefix(PREFIX);
    }

    @Override
    UnifiedJedis rawClient() {
      return client;
    }

    @Override
    String prefix() {
      return PREFIX;
    }
  }

  @Nested
  @DisplayName("on a three-master Redis Cluster, over a RedisClusterClient the caller owns")
  class Cluster extends RedisKitVariant {
    static final String PREFIX = uniquePrefix("cluster");
    static ClusterFixture cluster;
    static RedisClusterClient client;

    @BeforeAll
    static void startCluster() {
      cluster = ClusterFixture.start();
      client = RedisClusterClient.create(cluster.hostAndPorts());
    }

    @AfterAll
    static void stopCluster() {
      try {
        if (client != null) {
          RedisKeys.deleteByPrefix(client, PREFIX);
          client.close();
        }
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
    }

    @Override
    RedisPersistentStorage.Builder builder() {
      return RedisPersistentStorage.builder(client).keyPrefix(PREFIX);
    }

    @Override
    UnifiedJedis rawClient() {
      return client;
    }

    @Override
    String prefix() {
      return PREFIX;
    }
  }

  @Nested
  @DisplayName("on standalone Redis, with a custom prefix and a client the storage creates")
  class CustomPrefixOwnedClient extends RedisKitVariant {
    static final String PREFIX = "my-app:{sticky}:" + uniquePrefix("custom");
    static String url;
    static RedisClient client;

    @BeforeAll
    static void connect() {
      url = TestBackends.redisUrl();
      client = RedisClient.create(URI.create(url));
    }

    @AfterAll
    static void cleanUp() {
      if (client != null) {
        RedisKeys.deleteByPrefix(client, PREFIX);
        client.close();
      }
    }

    @Override
    RedisPersistentStorage.Builder builder() {
      return RedisPersistentStorage.builder(url).keyPrefix(PREFIX);
    }

    @Override
    UnifiedJedis rawClient() {
      return client;
    }

    @Override
    String prefix() {
      return PREFIX;
    }
  }
}
