package io.github.persistentassignment.benchmarks.backends;

import io.github.persistentassignment.UserPersistedValues;
import java.util.List;
import java.util.Map;

/**
 * The raw client's side of each adapter operation: the same single command the adapter sends, on
 * the same data, with the reply read but not decoded. The JSON it writes is encoded beforehand, so
 * what the adapter spends encoding and decoding counts as its overhead.
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
   * The same read, decoded with the adapter's codec ({@code StickyValuesCodec}) and the least glue
   * a hand-written client would need: the adapter against this shows what it costs beyond the codec
   * it cannot do without.
   *
   * @param key the storage key
   * @return the decoded entries
   */
  UserPersistedValues loadDecoded(String key);

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
   * The same bulk read, each user's entries decoded with the adapter's codec.
   *
   * @param keys the storage keys
   * @return the decoded entries, by key
   */
  Map<String, UserPersistedValues> loadAllDecoded(List<String> keys);
}
