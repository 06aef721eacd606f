package io.github.persistentassignment.storage.redis;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Removes the keys a test wrote, by their prefix: SCAN with MATCH, then DEL. Never a FLUSHALL or
 * FLUSHDB: the servers may be shared.
 */
final class RedisKeys {
  private RedisKeys() {}

  /** Deletes every key starting with {@code prefix} on a standalone server. */
  static void deleteByPrefix(UnifiedJedis client, String prefix) {
    for (String key : scan(client::scan, prefix)) {
      client.del(key);
    }
  }

  /** Deletes every key starting with {@code prefix} on every node of a cluster. */
  static void deleteByPrefix(RedisClusterClient client, String prefix) {
    for (String node : client.getClusterNodes().keySet()) {
      List<String> keys;
      try (Jedis jedis = new Jedis(HostAndPort.from(node), LocalRedis.clientConfig())) {
        keys = scan(jedis::scan, prefix);
      }
      keys.forEach(client::del); // through the cluster client, which routes each key to its slot
    }
  }

  private static List<String> scan(Scanner scanner, String prefix) {
    ScanParams params = new ScanParams().match(prefix + "*").count(1_000);
    List<String> keys = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = scanner.scan(cursor, params);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  private interface Scanner {
    ScanResult<String> scan(String cursor, ScanParams params);
  }
}
