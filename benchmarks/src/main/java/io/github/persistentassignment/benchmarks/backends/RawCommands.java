package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.codec.StickyValuesCodec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw client's side of each adapter operation: the same single command the adapter sends, on
 * the same data. Writes send JSON encoded beforehand, so what the adapter spends encoding counts as
 * its overhead. Reads come in two forms: the reply read but not decoded ({@link #load}, {@link
 * #loadAll}), and the reply with the entries a request uses decoded with the adapter's codec
 * ({@link #loadDecoding}, {@link #loadAllDecoding}) — what any client of the stored format must do
 * before it can use an entry, and what the adapter's lazily decoded {@code UserPersistedValues}
 * does when those entries are asked for.
 */
public interface RawCommands {
  /**
   * Reads a user's entries ({@code HGETALL}, the adapter's {@code SELECT}, its {@code Query}).
   *
   * @param key the storage key
   * @return the reply, undecoded
   */
  Object load(String key);

  /**
   * The same read, then the named configs' entries decoded with {@link StickyValuesCodec#decode},
   * one by one, with the least glue a hand-written client would need; the other entries are left as
   * they came. Lazy decoding makes an entry a request does not use free, so this, not the whole
   * reply decoded, is the raw counterpart of the adapter's load followed by {@code get} of those
   * entries.
   *
   * @param key the storage key
   * @param configs the configs whose entries are decoded
   * @return config → decoded entry, for the named configs that are stored
   */
  Map<String, StickyValues> loadDecoding(String key, Collection<String> configs);

  /**
   * Writes one entry ({@code HSET}, the dialect's upsert, {@code PutItem}).
   *
   * @param key the storage key
   * @param configName the config
   * @param json the entry's JSON
   * @return the reply
   */
  Object save(String key, String configName, String json);

  /**
   * The adapter's insert-if-absent command (a Lua script, the dialect's insert-if-absent statement,
   * a conditional {@code PutItem}); on MariaDB and SQLite only its first statement, the one a
   * single statement would have to do.
   *
   * @param key the storage key
   * @param configName the config
   * @param json the entry's JSON
   * @return whether it wrote
   */
  boolean saveIfAbsent(String key, String configName, String json);

  /**
   * Deletes one entry ({@code HDEL}, {@code DELETE}, {@code DeleteItem}).
   *
   * @param key the storage key
   * @param configName the config
   * @return the reply
   */
  Object delete(String key, String configName);

  /**
   * Reads many users' entries the way the adapter does (one pipeline, one {@code IN} or {@code =
   * ANY} query, or a {@code Query} per key with as many in flight as the adapter allows).
   *
   * @param keys the storage keys
   * @return the replies, undecoded
   */
  Object loadAll(List<String> keys);

  /**
   * The same bulk read, each user's entries for the named configs decoded as {@link #loadDecoding}
   * does.
   *
   * @param keys the storage keys
   * @param configs the configs whose entries are decoded, for every user
   * @return key → config → decoded entry
   */
  Map<String, Map<String, StickyValues>> loadAllDecoding(
      List<String> keys, Collection<String> configs);

  /**
   * Writes the given configs' entries for every key, in as few round trips as the client allows (a
   * pipeline, one batch in one transaction, {@code BatchWriteItem}s): how the bulk benchmarks fill
   * the store before each call, outside the timed region.
   *
   * @param keys the storage keys
   * @param configs the configs each key gets
   * @param json the entry's JSON
   */
  default void seed(List<String> keys, List<String> configs, String json) {
    throw new UnsupportedOperationException("no bulk seeding on this backend");
  }

  /**
   * Deletes every entry of one user in the command the adapter sends ({@code DEL}, {@code DELETE …
   * WHERE storage_key = ?}, {@code Query} + {@code BatchWriteItem}).
   *
   * @param key the storage key
   * @return how many entries (Redis: keys) it removed
   */
  default long deleteAll(String key) {
    throw new UnsupportedOperationException("no raw deleteAll on this backend");
  }

  /**
   * Removes one config's entries for every key, written the plain way for the backend: {@code SCAN}
   * of every node with pipelined {@code HDEL}s, one {@code DELETE … WHERE config_name = ?}, a
   * filtered {@code Scan} with {@code BatchWriteItem} deletes.
   *
   * @param configName the config
   * @return how many entries it removed
   */
  default long purge(String configName) {
    throw new UnsupportedOperationException("no raw purge on this backend");
  }

  /**
   * Decodes the named configs' entries of one user's reply, as the raw sides above do.
   *
   * @param entries config → stored JSON, as the client returned them
   * @param configs the configs to decode
   * @return config → decoded entry, for the named configs present
   */
  static Map<String, StickyValues> decode(Map<String, String> entries, Collection<String> configs) {
    Map<String, StickyValues> decoded = new LinkedHashMap<>();
    for (String config : configs) {
      String json = entries.get(config);
      if (json != null) {
        decoded.put(config, StickyValuesCodec.decode(json));
      }
    }
    return decoded;
  }
}
