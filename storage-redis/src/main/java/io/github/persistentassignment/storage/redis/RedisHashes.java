package io.github.persistentassignment.storage.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The commands on one user's hash ({@code <keyPrefix><key>}), and the pipelined reads of many: the
 * raw operations of {@link RedisPersistentStorage}. An expiry is the whole hash's, set with {@code
 * PEXPIREAT} in the same script as the write.
 */
final class RedisHashes {
  private final RedisConnector connector;
  private final NodePipelines pipelines;
  private final String keyPrefix;
  private final Clock clock;

  RedisHashes(RedisConnector connector, NodePipelines pipelines, String keyPrefix, Clock clock) {
    this.connector = connector;
    this.pipelines = pipelines;
    this.keyPrefix = keyPrefix;
    this.clock = clock;
  }

  Map<String, String> load(String key) {
    return connector.call(client -> client.hgetAll(keyPrefix + key));
  }

  Map<String, Map<String, String>> loadAll(List<String> keys) {
    Map<String, Map<String, String>> result = new LinkedHashMap<>();
    for (int from = 0; from < keys.size(); from += NodePipelines.BATCH_SIZE) {
      List<String> batch =
          keys.subList(from, Math.min(keys.size(), from + NodePipelines.BATCH_SIZE)).stream()
              .map(key -> keyPrefix + key)
              .toList();
      Map<String, Map<String, String>> read =
          connector.call(
              client ->
                  pipelines.run(
                      client,
                      batch,
                      (pipeline, redisKey) -> pipeline.hgetAll(redisKey)::get,
                      (direct, redisKey) -> direct.hgetAll(redisKey)));
      read.forEach(
          (redisKey, entries) -> result.put(redisKey.substring(keyPrefix.length()), entries));
    }
    return result;
  }

  void save(String key, String configName, String json, @Nullable Instant expiresAt) {
    String redisKey = keyPrefix + key;
    if (expiresAt == null) {
      connector.call(client -> client.hset(redisKey, configName, json));
    } else if (hasPassed(expiresAt)) {
      // An entry copied with an expiry already past is written and gone at once: only its field
      // goes, since an expiry on the hash would take the key's other entries with it.
      connector.call(client -> client.hdel(redisKey, configName));
    } else {
      List<String> args = List.of(configName, json, millis(expiresAt));
      connector.call(client -> RedisScripts.SAVE_EXPIRING.run(client, redisKey, args));
    }
  }

  Optional<String> saveIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    String redisKey = keyPrefix + key;
    if (expiresAt != null && hasPassed(expiresAt)) {
      // Written and expired at once, unless an entry is there (see saveEncoded).
      return Optional.ofNullable(connector.call(client -> client.hget(redisKey, configName)));
    }
    List<String> args = List.of(configName, json, expiresAt == null ? "" : millis(expiresAt));
    Object stored =
        connector.call(client -> RedisScripts.SAVE_IF_ABSENT.run(client, redisKey, args));
    return Optional.ofNullable(stored).map(RedisHashes::text);
  }

  boolean replace(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    String redisKey = keyPrefix + key;
    String expiry = expiresAt == null || hasPassed(expiresAt) ? "" : millis(expiresAt);
    List<String> args = List.of(configName, expectedJson, json, expiry);
    Object replaced = connector.call(client -> RedisScripts.REPLACE.run(client, redisKey, args));
    return replaced instanceof Long count && count == 1L;
  }

  void delete(String key, String configName) {
    connector.call(client -> client.hdel(keyPrefix + key, configName));
  }

  void deleteAll(String key) {
    connector.call(client -> client.del(keyPrefix + key));
  }

  private boolean hasPassed(Instant expiresAt) {
    return !expiresAt.isAfter(clock.instant());
  }

  private static String millis(Instant expiresAt) {
    return Long.toString(expiresAt.toEpochMilli());
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : reply.toString();
  }
}
