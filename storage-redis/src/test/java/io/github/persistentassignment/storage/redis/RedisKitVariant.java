package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.time.Duration;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;

/**
 * What every Redis variant of the kit shares: storages from a builder, expiry through {@link
 * RedisPersistentStorage.Builder#expireAfter(Duration)}, and corrupt entries written straight into
 * the hash with a raw client. Each variant supplies the builder and the raw client.
 */
abstract class RedisKitVariant extends PersistentStorageConformanceTest {

  /** A key prefix no other test run uses, so cleanup touches only this run's keys. */
  static String uniquePrefix(String name) {
    return "pa-test-" + name + "-" + UUID.randomUUID() + ":";
  }

  /** A builder over the variant's server, with the variant's key prefix. */
  abstract RedisPersistentStorage.Builder builder();

  /** A client that bypasses the adapter. */
  abstract UnifiedJedis rawClient();

  /** The variant's key prefix. */
  abstract String prefix();

  @Override
  protected PersistentStorage createStorage() {
    return builder().build();
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return builder().expireAfter(ttl).build();
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    rawClient().hset(prefix() + key, configName, raw);
  }

  /** A Redis string where the adapter keeps hashes, as a lock another application sets. */
  @Override
  protected void writeForeignItem(String key) {
    rawClient().set(prefix() + key, "1");
  }
}
