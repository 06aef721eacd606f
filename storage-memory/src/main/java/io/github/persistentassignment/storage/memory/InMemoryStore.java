package io.github.persistentassignment.storage.memory;

import static io.github.persistentassignment.internal.Arguments.requireAtLeastOne;

import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The data behind one or more {@link InMemoryPersistentStorage} instances: what a server is to the
 * other adapters. Instances built over the same store see each other's writes; closing an instance
 * leaves the store as it is.
 *
 * <p>Optionally bounded: a store with a maximum refuses new entries once full (after dropping
 * expired ones) with a {@link StorageException}. It never evicts a live entry, because evicting a
 * stored assignment would silently reassign that user.
 */
public final class InMemoryStore {
  /** An entry and the epoch millisecond it stops being returned ({@link Long#MAX_VALUE}: never). */
  record Entry(StickyValues values, long expiresAtMillis) {
    boolean isLive(long nowMillis) {
      return nowMillis < expiresAtMillis;
    }
  }

  private final ConcurrentMap<String, ConcurrentMap<String, Entry>> entries =
      new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int maximumEntries;

  private InMemoryStore(int maximumEntries) {
    this.maximumEntries = maximumEntries;
  }

  /**
   * A store with no bound on its number of entries.
   *
   * @return a new, empty store
   */
  public static InMemoryStore unbounded() {
    return new InMemoryStore(Integer.MAX_VALUE);
  }

  /**
   * A store holding at most {@code maximumEntries} entries (one per key and config name).
   *
   * @param maximumEntries the bound, at least 1
   * @return a new, empty store
   * @throws IllegalArgumentException if the bound is below 1
   */
  public static InMemoryStore bounded(int maximumEntries) {
    requireAtLeastOne(maximumEntries, "maximumEntries");
    return new InMemoryStore(maximumEntries);
  }

  /**
   * How many entries are held, expired ones included until they are dropped.
   *
   * @return the number of entries
   */
  public int size() {
    return size.get();
  }

  /**
   * The most entries this store holds.
   *
   * @return the bound, {@link Integer#MAX_VALUE} when unbounded
   */
  public int maximumEntries() {
    return maximumEntries;
  }

  /** A copy of the keys that hold entries, live or not. */
  List<String> keys() {
    return new ArrayList<>(entries.keySet());
  }

  /** The live entries of a key; drops expired ones, and the key once it has none left. */
  Map<String, Entry> liveEntries(String key, long nowMillis) {
    ConcurrentMap<String, Entry> configs = entries.get(key);
    if (configs == null) {
      return Map.of();
    }
    dropExpired(configs, nowMillis);
    if (configs.isEmpty()) {
      entries.computeIfPresent(key, (k, current) -> current.isEmpty() ? null : current);
    }
    return configs;
  }

  private void dropExpired(ConcurrentMap<String, Entry> configs, long nowMillis) {
    configs.forEach(
        (configName, entry) -> {
          if (!entry.isLive(nowMillis) && configs.remove(configName, entry)) {
            size.decrementAndGet();
          }
        });
  }

  void put(String key, String configName, Entry entry, long nowMillis) {
    write(key, configName, entry, nowMillis, false);
  }

  /**
   * Writes the entry unless a live one is stored, atomically for the key.
   *
   * @return the live entry already stored, or null when this call wrote
   */
  @Nullable Entry putIfAbsent(String key, String configName, Entry entry, long nowMillis) {
    return write(key, configName, entry, nowMillis, true);
  }

  /**
   * One write under the key's lock ({@code compute}), so writes to one key are serialized.
   *
   * @return with {@code onlyIfAbsent}, the live entry that stopped the write; otherwise null
   */
  private @Nullable Entry write(
      String key, String configName, Entry entry, long nowMillis, boolean onlyIfAbsent) {
    List<Entry> kept = new ArrayList<>(1);
    entries.compute(
        key,
        (k, configs) -> {
          ConcurrentMap<String, Entry> target =
              configs == null ? new ConcurrentHashMap<>() : configs;
          Entry current = target.get(configName);
          if (onlyIfAbsent && current != null && current.isLive(nowMillis)) {
            kept.add(current);
            return target;
          }
          boolean reserved = current == null;
          if (reserved) {
            reserveSlot(key, nowMillis);
          }
          Entry replaced = target.put(configName, entry);
          // A reader may have dropped the expired entry we saw between the get and the put.
          if (!reserved && replaced == null) {
            size.incrementAndGet();
          }
          return target;
        });
    return kept.isEmpty() ? null : kept.get(0);
  }

  void remove(String key, String configName) {
    entries.computeIfPresent(
        key,
        (k, configs) -> {
          if (configs.remove(configName) != null) {
            size.decrementAndGet();
          }
          return configs.isEmpty() ? null : configs;
        });
  }

  /**
   * Counts a new entry, first dropping expired entries everywhere when the store is full. Runs
   * inside the writing key's {@code compute}, so it touches only the inner maps, never the outer
   * one.
   */
  private void reserveSlot(String writingKey, long nowMillis) {
    if (size.incrementAndGet() <= maximumEntries) {
      return;
    }
    size.decrementAndGet();
    entries.values().forEach(configs -> dropExpired(configs, nowMillis));
    if (size.incrementAndGet() > maximumEntries) {
      size.decrementAndGet();
      throw new StorageException(
          "save failed for key '"
              + writingKey
              + "': the in-memory store is full ("
              + maximumEntries
              + " entries)");
    }
  }
}
