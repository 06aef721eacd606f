package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.spi.StorageLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The data behind one or more {@link InMemoryPersistentStorage} instances: what a server is to the
 * other adapters. Instances built over the same store see each other's writes; closing an instance
 * leaves the store as it is.
 *
 * <p>Entries are kept as the encoded JSON core hands over, with their expiry, exactly as a server
 * would keep them; core decodes them when a request needs them.
 *
 * <p>Optionally bounded: a store with a maximum refuses new entries once full (after dropping
 * expired ones); the storage call then fails with a {@link
 * io.github.persistentassignment.StorageException}. It never evicts a live entry, because evicting
 * a stored assignment would silently reassign that user.
 */
public final class InMemoryStore {
  /** An entry as stored: the encoded values and when they expire ({@code null}: never). */
  record Entry(String json, @Nullable Instant expiresAt) {
    boolean isLiveAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
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
   * @throws IllegalArgumentException if the bound is below 1, naming {@code maximumEntries}
   */
  public static InMemoryStore bounded(int maximumEntries) {
    StorageLimits.checkCount(maximumEntries, "maximumEntries", Integer.MAX_VALUE);
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

  /**
   * The live entries of a key: a weakly consistent view, which later writes may change; drops
   * expired ones, and the key once it has none left.
   */
  Map<String, Entry> liveEntries(String key, Instant now) {
    ConcurrentMap<String, Entry> configs = entries.get(key);
    if (configs == null) {
      return Map.of();
    }
    dropExpired(configs, now);
    if (configs.isEmpty()) {
      entries.computeIfPresent(key, (k, current) -> current.isEmpty() ? null : current);
    }
    return configs;
  }

  private void dropExpired(ConcurrentMap<String, Entry> configs, Instant now) {
    configs.forEach(
        (configName, entry) -> {
          if (!entry.isLiveAt(now) && configs.remove(configName, entry)) {
            size.decrementAndGet();
          }
        });
  }

  /** Writes the entry, replacing whatever the key and config name held. */
  void put(String key, String configName, Entry entry, Instant now) {
    write(key, configName, now, current -> entry);
  }

  /**
   * Writes the entry unless a live one is stored, atomically for the key.
   *
   * @return the live entry already stored, or null when this call wrote
   */
  @Nullable Entry putIfAbsent(String key, String configName, Entry entry, Instant now) {
    Entry[] kept = new Entry[1];
    write(
        key,
        configName,
        now,
        current -> {
          if (current != null && current.isLiveAt(now)) {
            kept[0] = current;
            return current;
          }
          return entry;
        });
    return kept[0];
  }

  /**
   * Replaces the entry only if its stored JSON is still {@code expectedJson}, atomically for the
   * key.
   *
   * @return whether it was replaced
   */
  boolean replace(String key, String configName, String expectedJson, Entry entry, Instant now) {
    boolean[] replaced = new boolean[1];
    write(
        key,
        configName,
        now,
        current -> {
          replaced[0] = current != null && current.json().equals(expectedJson);
          return replaced[0] ? entry : current;
        });
    return replaced[0];
  }

  /**
   * One write under the key's lock ({@code compute}), so writes to one key are serialized.
   *
   * @param decide the entry to keep, given the current one ({@code null} if none); returning the
   *     current one writes nothing
   */
  private void write(
      String key, String configName, Instant now, UnaryOperator<@Nullable Entry> decide) {
    entries.compute(
        key,
        (k, configs) -> {
          ConcurrentMap<String, Entry> target =
              configs == null ? new ConcurrentHashMap<>() : configs;
          Entry current = target.get(configName);
          Entry next = decide.apply(current);
          if (next == null || next == current) {
            return target.isEmpty() ? null : target;
          }
          boolean reserved = current == null;
          if (reserved) {
            reserveSlot(now);
          }
          Entry replaced = target.put(configName, next);
          // A reader may have dropped the expired entry we saw between the get and the put.
          if (!reserved && replaced == null) {
            size.incrementAndGet();
          }
          return target;
        });
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

  /** Removes every entry of a key. */
  void removeKey(String key) {
    entries.computeIfPresent(
        key,
        (k, configs) -> {
          size.addAndGet(-configs.size());
          return null;
        });
  }

  /**
   * Removes one config's entries under every key.
   *
   * @return how many live entries were removed
   */
  long removeConfig(String configName, Instant now) {
    long[] removed = new long[1];
    for (String key : keys()) {
      entries.computeIfPresent(
          key,
          (k, configs) -> {
            Entry entry = configs.remove(configName);
            if (entry != null) {
              size.decrementAndGet();
              if (entry.isLiveAt(now)) {
                removed[0]++;
              }
            }
            return configs.isEmpty() ? null : configs;
          });
    }
    return removed[0];
  }

  /**
   * Counts a new entry, first dropping expired entries everywhere when the store is full. Runs
   * inside the writing key's {@code compute}, so it touches only the inner maps, never the outer
   * one.
   */
  private void reserveSlot(Instant now) {
    if (size.incrementAndGet() <= maximumEntries) {
      return;
    }
    size.decrementAndGet();
    entries.values().forEach(configs -> dropExpired(configs, now));
    if (size.incrementAndGet() > maximumEntries) {
      size.decrementAndGet();
      throw new StoreFullException(maximumEntries);
    }
  }

  /** A new entry that does not fit; core reports it as a failed call naming the key. */
  static final class StoreFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFullException(int maximumEntries) {
      super("the in-memory store is full (" + maximumEntries + " entries)", null, false, false);
    }
  }
}
