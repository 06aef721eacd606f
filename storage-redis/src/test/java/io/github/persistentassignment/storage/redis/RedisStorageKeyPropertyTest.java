package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import io.github.persistentassignment.conformance.servers.TestBackends;
import java.net.URI;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import redis.clients.jedis.RedisClient;

/**
 * The kit's storage key property against standalone Redis (a Redis key is the prefix and the
 * storage key, byte for byte, on a cluster too, which the kit's conformance run covers).
 */
@Label("RedisPersistentStorage keeps any keys apart")
class RedisStorageKeyPropertyTest extends StorageKeyProperties {
  private static final String PREFIX = RedisKitVariant.uniquePrefix("keys");
  private static RedisClient client;

  @BeforeContainer
  static void connect() {
    client = RedisClient.create(URI.create(TestBackends.redisUrl()));
  }

  @AfterContainer
  static void cleanUp() {
    if (client != null) {
      RedisKeys.deleteByPrefix(client, PREFIX);
      client.close();
    }
  }

  @Override
  protected PersistentStorage createStorage() {
    return RedisPersistentStorage.builder(client).keyPrefix(PREFIX).build();
  }
}
