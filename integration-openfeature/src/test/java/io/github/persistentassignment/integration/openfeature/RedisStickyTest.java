package io.github.persistentassignment.integration.openfeature;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.servers.TestBackends;
import io.github.persistentassignment.storage.redis.RedisPersistentStorage;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

@DisplayName("Sticky OpenFeature flags over Redis")
class RedisStickyTest extends StickyScenarios {
  private String url;
  private String prefix;

  @Override
  PersistentStorage createStorage() {
    url = TestBackends.redisUrl();
    prefix = "pa-openfeature-test-" + UUID.randomUUID() + ":";
    return RedisPersistentStorage.builder(url).keyPrefix(prefix).build();
  }

  /** Deletes this test's keys only, found by their prefix; the server is never flushed. */
  @Override
  void cleanUp() {
    try (UnifiedJedis redis = RedisClient.create(URI.create(url))) {
      ScanParams match = new ScanParams().match(prefix + "*").count(100);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, match);
        List<String> keys = page.getResult();
        if (!keys.isEmpty()) {
          redis.del(keys.toArray(new String[0]));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }
}
