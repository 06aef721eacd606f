package io.github.persistentassignment;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where stored assignments live: the service-provider interface a storage adapter implements.
 *
 * <p>The assignment logic ({@link PersistentAssignment}) decides when to load, save and delete; an
 * adapter only stores and fetches. Every adapter can prove it keeps this contract by extending the
 * conformance kit ({@code PersistentStorageConformanceTest}).
 *
 * <h2>Layout</h2>
 *
 * <p>One entry per (storage key, config name). A save of one config never rewrites another config's
 * entry of the same key, so concurrent saves for the same user lose nothing: an adapter must not
 * read the user's whole map and write it back.
 *
 * <h2>Absent versus failure</h2>
 *
 * <p>"Not found" is not an error: {@link #load} returns {@link UserPersistedValues#empty()} for a
 * key with no entries. Every failure of the backend (unreachable, timed out, refused) is a {@link
 * StorageException} naming the operation and the key, never an empty result: the caller must be
 * able to tell "this user has no assignment" from "we do not know", because treating the second as
 * the first would reassign the user. An entry that cannot be decoded (corrupt or foreign data) is
 * skipped and logged while the key's other entries are returned.
 *
 * <h2>Atomicity</h2>
 *
 * <p>{@link #saveIfAbsent} is atomic on every shipped adapter: of many concurrent calls for the
 * same (key, config name), exactly one writes, and every other call returns what that one wrote.
 * The default implementation here is <em>not</em> atomic (a load followed by a save); adapters
 * override it with the backend's native conditional write.
 *
 * <h2>Arguments and lifecycle</h2>
 *
 * <p>A null or blank key or config name, or null values, is an {@link IllegalArgumentException}
 * naming the argument, and nothing is written. After {@link #close()}, every operation throws
 * {@link IllegalStateException}; {@code close()} itself is idempotent. An adapter closes the
 * clients it created and never a client the caller handed it.
 *
 * <h2>Threads and caching</h2>
 *
 * <p>Implementations are safe for concurrent use by any number of threads and do no hidden caching:
 * a value saved by another instance over the same backend is visible to the next load. A caching
 * decorator may be layered on top, knowingly.
 */
public interface PersistentStorage extends AutoCloseable {

  /**
   * Loads every entry stored under a key.
   *
   * @param key the storage key, {@code "<unitID>:<idType>"}
   * @return config name → values; {@link UserPersistedValues#empty()} when nothing is stored; never
   *     null and never {@link UserPersistedValues#unavailable()}
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if the key is null or blank
   * @throws IllegalStateException if the storage is closed
   */
  UserPersistedValues load(String key);

  /**
   * Stores one entry, replacing any entry of the same key and config name and no other.
   *
   * @param key the storage key
   * @param configName the experiment or layer name
   * @param values the values to store
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if an argument is null or blank; nothing is written
   * @throws IllegalStateException if the storage is closed
   */
  void save(String key, String configName, StickyValues values);

  /**
   * Removes one entry. Removing an entry that does not exist is not an error.
   *
   * @param key the storage key
   * @param configName the experiment or layer name
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if an argument is null or blank
   * @throws IllegalStateException if the storage is closed
   */
  void delete(String key, String configName);

  /**
   * Stores an entry only if none is stored for this key and config name: first write wins.
   *
   * <p>Shipped adapters do this atomically in one round trip. This default is a load followed by a
   * save, which is not atomic: a third-party adapter that keeps it fails the conformance kit's race
   * test.
   *
   * <p>An adapter that repeats a call whose answer was lost on the network cannot tell its own
   * first attempt's write from someone else's. The shipped adapters therefore may report an already
   * stored entry that equals {@code values} as this call's write (empty): the caller serves the
   * same entry either way.
   *
   * @param key the storage key
   * @param configName the experiment or layer name
   * @param values the values to store if none are stored
   * @return empty when this call wrote; otherwise the entry already stored, and nothing was written
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if an argument is null or blank; nothing is written
   * @throws IllegalStateException if the storage is closed
   */
  default Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    Optional<StickyValues> existing = load(key).get(configName);
    if (existing.isPresent()) {
      return existing;
    }
    save(key, configName, values);
    return Optional.empty();
  }

  /**
   * Loads the entries of many keys. Shipped adapters do this in one round trip (or one per cluster
   * node or partition); this default calls {@link #load} once per key.
   *
   * @param keys the storage keys; duplicates are loaded once
   * @return key → values for every requested key, with {@link UserPersistedValues#empty()} for keys
   *     with no entries
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if the collection or any key is null or blank
   * @throws IllegalStateException if the storage is closed
   */
  default Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    for (String key : keys) {
      if (!result.containsKey(key)) {
        result.put(key, load(key));
      }
    }
    return result;
  }

  /**
   * Removes every entry of a key: erases what is stored for one user and id type. Removing a key
   * with no entries is not an error. Shipped adapters do this in one round trip; this default loads
   * the key and deletes its entries one by one.
   *
   * @param key the storage key
   * @throws StorageException if the backend failed; some entries may already be gone
   * @throws IllegalArgumentException if the key is null or blank
   * @throws IllegalStateException if the storage is closed
   */
  default void deleteAll(String key) {
    requireNonBlank(key, "key");
    for (String configName : load(key).asMap().keySet()) {
      delete(key, configName);
    }
  }

  /**
   * Stores an entry read from another storage only if none is stored for its key and config name,
   * keeping its expiry: what a migration between stores writes. An entry without an expiry gets
   * this storage's own time to live, if it has one. An adapter without expiry support (as this
   * default) stores the values with its own rules, as {@link #saveIfAbsent} does; the shipped
   * adapters keep the expiry.
   *
   * @param entry the entry to copy
   * @return empty when this call wrote; otherwise the entry already stored, and nothing was written
   * @throws StorageException if the backend failed
   * @throws IllegalArgumentException if the entry is null
   * @throws IllegalStateException if the storage is closed
   */
  default Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    requireNonNullArgument(entry, "entry");
    return saveIfAbsent(entry.key(), entry.configName(), entry.values());
  }

  /**
   * Releases what the adapter created (connections, pools, clients it built itself). Clients the
   * caller handed in stay open. Idempotent.
   */
  @Override
  void close();
}
