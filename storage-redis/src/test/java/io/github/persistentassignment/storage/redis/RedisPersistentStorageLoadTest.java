package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;

/**
 * The kit's sustained load run against real Redis, standalone and a three-master cluster; only with
 * {@code -Pload}. Each writes under its own random prefix and deletes its keys afterwards.
 */
@DisplayName("RedisPersistentStorage under sustained load")
class RedisPersistentStorageLoadTest {

  @Nested
  @DisplayName("on standalone Redis")
  class Standalone extends PersistentStorageLoadTest {
    private final String prefix = RedisKitVariant.uniquePrefix("load-standalone");
    private RedisClient client;

    @BeforeEach
    void connect() {
      client = RedisClient.create(URI.create(TestBackends.redisUrl()));
    }

    @AfterEach
    void deleteKeys() {
      if (client != null) {
        RedisKeys.deleteByPrefix(client, prefix);
        client.close();
      }
    }

    @Override
    protected PersistentStorage createStorage() {
      return RedisPersistentStorage.builder(client).keyPrefix(prefix).build();
    }

    @Override
    protected String backendName() {
      return "redis-standalone";
    }
  }

  @Nested
  @DisplayName("on a three-master Redis Cluster")
  class Cluster extends PersistentStorageLoadTest {
    private final String prefix = RedisKitVariant.uniquePrefix("load-cluster");
    private ClusterFixture cluster;
    private RedisClusterClient client;

    @BeforeEach
    void startCluster() {
      cluster = ClusterFixture.start();
      client = RedisClusterClient.create(cluster.hostAndPorts());
    }

    @AfterEach
    void deleteKeysAndStop() {
      try {
        if (client != null) {
          RedisKeys.deleteByPrefix(client, prefix);
          client.close();
        }
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
    }

    @Override
    protected PersistentStorage createStorage() {
      return RedisPersistentStorage.builder(client).keyPrefix(prefix).build();
    }

    @Override
    protected String backendName() {
      return "redis-cluster";
    }
  }
}
