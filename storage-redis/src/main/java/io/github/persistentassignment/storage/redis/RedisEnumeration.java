package io.github.persistentassignment.storage.redis;

import io.github.persistentassignment.spi.RawEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * Walks the keys under the prefix with {@code SCAN … MATCH <prefix>*} ({@link
 * NodePipelines#BATCH_SIZE} keys per step, on every primary node of a cluster) and handles each
 * step's keys as one pipelined batch: the entries and expiry of each hash for {@link #forEach}, an
 * {@code HDEL} per hash for {@link #purge}. A key under the prefix that is not a hash (a lock, a
 * counter: Redis answers {@code WRONGTYPE}) is not an entry: enumeration skips it and goes on,
 * purge leaves it alone. {@code SCAN} may return a key twice; its entries are then visited twice.
 */
final class RedisEnumeration {
  private final RedisConnector connector;
  private final NodePipelines pipelines;
  private final String keyPrefix;

  RedisEnumeration(RedisConnector connector, NodePipelines pipelines, String keyPrefix) {
    this.connector = connector;
    this.pipelines = pipelines;
    this.keyPrefix = keyPrefix;
  }

  /** Hands every entry to {@code action}, and every key that holds none to {@code skipForeign}. */
  void forEach(Consumer<RawEntry> action, BiConsumer<String, String> skipForeign) {
    forEachBatch(
        redisKeys -> {
          Map<String, Hash> hashes =
              connector.call(
                  client -> pipelines.run(client, redisKeys, this::readPipelined, this::read));
          // The action runs here, holding no connection: it may write to this storage.
          hashes.forEach((redisKey, hash) -> visit(redisKey, hash, action, skipForeign));
        });
  }

  /** Removes one config's field from every hash under the prefix; returns how many there were. */
  long purge(String configName) {
    long[] removed = {0};
    forEachBatch(
        redisKeys -> {
          Map<String, Long> counts =
              connector.call(
                  client ->
                      pipelines.run(
                          client,
                          redisKeys,
                          (pipeline, key) -> countOf(pipeline.hdel(key, configName)::get),
                          (direct, key) -> countOf(() -> direct.hdel(key, configName)).get()));
          counts.values().forEach(count -> removed[0] += count);
        });
    return removed[0];
  }

  private void forEachBatch(Consumer<List<String>> batch) {
    ScanIteration scan =
        connector.call(client -> client.scanIteration(NodePipelines.BATCH_SIZE, glob(keyPrefix)));
    while (!connector.call(client -> scan.isIterationCompleted())) {
      List<String> redisKeys = new ArrayList<>();
      for (String redisKey : connector.call(client -> scan.nextBatchList())) {
        if (redisKey.startsWith(keyPrefix) && !redisKey.equals(keyPrefix)) {
          redisKeys.add(redisKey);
        }
      }
      if (!redisKeys.isEmpty()) {
        batch.accept(redisKeys);
      }
    }
  }

  private void visit(
      String redisKey, Hash hash, Consumer<RawEntry> action, BiConsumer<String, String> foreign) {
    String key = redisKey.substring(keyPrefix.length());
    if (hash.entries == null || key.isBlank()) {
      foreign.accept(redisKey, "a Redis key under the prefix that is not a hash of entries");
      return;
    }
    hash.entries.forEach(
        (configName, json) -> {
          if (configName.isBlank()) {
            foreign.accept(redisKey, "a hash field with a blank name");
          } else {
            action.accept(new RawEntry(key, configName, json, hash.expiresAt));
          }
        });
  }

  private Supplier<Hash> readPipelined(AbstractPipeline pipeline, String key) {
    Response<Map<String, String>> entries = pipeline.hgetAll(key);
    Response<Long> expiry = pipeline.pexpireTime(key);
    return () -> hash(entries::get, expiry::get);
  }

  private Hash read(UnifiedJedis client, String key) {
    return hash(() -> client.hgetAll(key), () -> client.pexpireTime(key));
  }

  private static Hash hash(Supplier<Map<String, String>> entries, Supplier<Long> expiry) {
    Map<String, String> fields;
    try {
      fields = entries.get();
    } catch (JedisRedirectionException moved) {
      throw moved;
    } catch (JedisDataException wrongType) {
      return new Hash(null, null);
    }
    long millis = expiry.get();
    return new Hash(fields, millis >= 0 ? Instant.ofEpochMilli(millis) : null);
  }

  private static Supplier<Long> countOf(Supplier<Long> removed) {
    return () -> {
      try {
        return removed.get();
      } catch (JedisRedirectionException moved) {
        throw moved;
      } catch (JedisDataException wrongType) {
        return 0L; // not a hash: not ours to touch
      }
    };
  }

  /**
   * The prefix as a literal {@code SCAN MATCH} pattern, glob characters escaped, then {@code *}.
   */
  static String glob(String prefix) {
    StringBuilder pattern = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        pattern.append('\\');
      }
      pattern.append(c);
    }
    return pattern.append('*').toString();
  }

  /** A hash's entries and expiry, or no entries when the key is not a hash. */
  private record Hash(@Nullable Map<String, String> entries, @Nullable Instant expiresAt) {}
}
