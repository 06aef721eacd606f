package io.github.persistentassignment.benchmarks.naive;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * The anti-pattern on Redis, for comparison only: a user's whole map is one string at {@code
 * <prefix><key>}; load is {@code GET}, save and delete are {@code GET} then {@code SET} of the
 * changed map. Two round trips per save, and two concurrent saves for one user keep only one of the
 * two entries.
 */
public final class NaiveRedisStorage implements PersistentStorage {
  private final UnifiedJedis client;
  private final String keyPrefix;

  /**
   * Stores through a client the caller owns and closes.
   *
   * @param client the client
   * @param keyPrefix the prefix of every key written
   */
  public NaiveRedisStorage(UnifiedJedis client, String keyPrefix) {
    this.client = requireNonNullArgument(client, "client");
    this.keyPrefix = requireNonNullArgument(keyPrefix, "keyPrefix");
  }

  @Override
  public UserPersistedValues load(String key) {
    String stored = client.get(keyPrefix + requireNonBlank(key, "key"));
    return stored == null
        ? UserPersistedValues.empty()
        : UserPersistedValues.ofEncoded(key, UserMapJson.split(stored));
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    requireNonBlank(configName, "configName");
    String json = StickyValuesCodec.encode(requireNonNullArgument(values, "values"));
    Map<String, String> entries = read(key);
    entries.put(configName, json);
    client.set(keyPrefix + key, UserMapJson.join(entries));
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(configName, "configName");
    Map<String, String> entries = read(key);
    if (entries.remove(configName) != null) {
      client.set(keyPrefix + key, UserMapJson.join(entries));
    }
  }

  /** Nothing to close: the client is the caller's. */
  @Override
  public void close() {}

  private Map<String, String> read(String key) {
    String stored = client.get(keyPrefix + requireNonBlank(key, "key"));
    return stored == null ? new LinkedHashMap<>() : UserMapJson.split(stored);
  }
}
