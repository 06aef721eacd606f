package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A storage that can list everything it holds: the optional capability that tools such as a
 * migration between stores need. The shipped adapters implement it; an adapter whose backend cannot
 * enumerate its keys need not.
 *
 * <p>Enumeration is not a snapshot: entries written or deleted while it runs may or may not be
 * visited, but an entry stored before it started and untouched until it ends is visited at least
 * once (Redis's {@code SCAN} may return a key twice; a consumer that writes with {@link
 * #saveIfAbsent} does not mind). Expired entries are not visited; an entry that cannot be decoded
 * is skipped and logged, as {@link #load} does.
 *
 * @since 0.1.0
 */
public interface EnumerableStorage extends PersistentStorage {

  /**
   * Visits every live entry, in no particular order. The adapter reads in batches and holds no
   * connection while the action runs, so the action may use this or another storage.
   *
   * @param action called once per entry; an exception it throws stops the enumeration and
   *     propagates
   * @throws StorageException if the backend failed; entries already visited stay visited
   * @throws IllegalArgumentException if the action is null
   * @throws IllegalStateException if the storage is closed
   */
  void forEachEntry(Consumer<? super StoredEntry> action);

  /**
   * Removes one config's entries for every key: what is left of a stopped experiment. Shipped
   * adapters do it efficiently (one indexed {@code DELETE} in SQL, {@code SCAN} with pipelined
   * {@code HDEL} on Redis, a scan with batched deletes on DynamoDB); this default enumerates and
   * deletes one by one.
   *
   * <p>Entries saved for the config while the purge runs may survive it; run it after the
   * experiment has stopped serving.
   *
   * @param configName the experiment or layer name
   * @return how many entries were removed
   * @throws StorageException if the backend failed; entries already removed stay removed
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if the storage is closed
   */
  default long purge(String configName) {
    requireNonBlank(configName, "configName");
    List<String> keys = new ArrayList<>();
    forEachEntry(
        entry -> {
          if (entry.configName().equals(configName)) {
            keys.add(entry.key());
          }
        });
    for (String key : keys) {
      delete(key, configName);
    }
    return keys.size();
  }
}
