package io.github.persistentassignment.cache.caffeine;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.cache.caffeine.CachedKeys.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A near cache in front of any {@link PersistentStorage}: a user's entries, once loaded, are served
 * from this process's memory for a short time instead of asking the store on every request.
 *
 * <pre>{@code
 * PersistentStorage storage =
 *     CachingPersistentStorage.builder(redisStorage)
 *         .maximumUsers(50_000)
 *         .freshFor(Duration.ofSeconds(5))
 *         .serveStaleOnFailure(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * <h2>What is cached, and for how long</h2>
 *
 * <p>Whole keys: everything {@link #load} or {@link #loadAll} returned for a key (a user and an id
 * type), including "nothing stored". A key is fresh for {@link CachingStorageBuilder#freshFor} from
 * the moment its load started; a fresh key is served from memory, a key past its freshness is
 * loaded again. At most {@link CachingStorageBuilder#maximumUsers} keys are held; Caffeine evicts
 * the least useful first. {@code loadAll} serves the fresh keys it holds and loads only the others,
 * in one call to the store.
 *
 * <h2>Writes</h2>
 *
 * <p>Every write goes to the store first ({@code saveIfAbsent} always asks the store, since only
 * the store knows whether another writer was first), and only when it succeeded is the cached key
 * updated: the saved entry, or the entry that won {@code saveIfAbsent}, replaces the cached one;
 * {@code delete} and {@code deleteAll} remove it; {@code copyIfAbsent} drops the key (the store
 * decides whether the copy, with its own expiry, is kept). A write does not make the key fresh
 * again. A write that fails leaves the cache as it was, and the exception propagates: the cache
 * never pretends a write happened. A load in flight while this instance writes the same key does
 * not cache its possibly older result.
 *
 * <h2>Staleness</h2>
 *
 * <p>Writes by <em>other</em> instances (other processes, or another cache over the same store) are
 * seen once the key's freshness has passed: for up to {@code freshFor}, this instance may serve an
 * entry another instance has since overwritten or deleted, or miss one it saved, and an entry that
 * expired in the store. This is what the cache trades for not asking the store; first assignments
 * are unaffected, because {@code saveIfAbsent} always asks the store and returns the stored winner.
 *
 * <h2>When the store fails</h2>
 *
 * <p>By default a failed load throws, as the store did, so {@code PersistentAssignment} serves
 * {@code STORAGE_UNAVAILABLE}. With {@link CachingStorageBuilder#serveStaleOnFailure(Duration)}, a
 * load that fails with a {@link StorageException} is answered from the cache instead, for every key
 * loaded less than {@code maxStale} ago: a returning user keeps the stored group through an outage.
 * A {@code loadAll} is answered that way only when every key it had to load can be. Writes still
 * fail. The first stale answer of an outage is logged as a warning; {@link #staleKeysServed()}
 * counts them.
 *
 * <h2>Lifecycle and threads</h2>
 *
 * <p>Thread-safe. Arguments are checked as the storage contract says. {@link #close()} drops the
 * cache and closes this instance only: the store it wraps belongs to the caller, who closes it
 * (after this one). When the store is an {@link EnumerableStorage}, {@link
 * CachingStorageBuilder#build()} returns a {@link CachingEnumerableStorage}.
 */
public sealed class CachingPersistentStorage implements PersistentStorage
    permits CachingEnumerableStorage {
  /** The default of {@link CachingStorageBuilder#maximumUsers}: 10 000 keys. */
  public static final long DEFAULT_MAXIMUM_USERS = 10_000;

  /** The default of {@link CachingStorageBuilder#freshFor}: 5 seconds. */
  public static final Duration DEFAULT_FRESH_FOR = Duration.ofSeconds(5);

  /** The longest {@code freshFor} and {@code maxStale}: 30 days. */
  public static final Duration MAX_DURATION = Duration.ofDays(30);

  private final PersistentStorage delegate;
  private final CachedKeys cached;
  private final @Nullable Duration maxStale;
  private final @Nullable StaleServingLog staleLog;
  private final AtomicBoolean closed = new AtomicBoolean();

  CachingPersistentStorage(CachingStorageBuilder<?> builder) {
    this.delegate = builder.delegate();
    this.maxStale = builder.maxStale();
    this.staleLog = maxStale == null ? null : new StaleServingLog(maxStale);
    long freshNanos = builder.freshFor().toNanos();
    long retainNanos = maxStale == null ? freshNanos : Math.max(freshNanos, maxStale.toNanos());
    this.cached = new CachedKeys(builder.maximumUsers(), freshNanos, retainNanos, builder.ticker());
  }

  /**
   * Starts a builder over any storage. {@link CachingStorageBuilder#build()} returns a {@link
   * CachingEnumerableStorage} when {@code delegate} is an {@link EnumerableStorage}; use {@link
   * #builder(EnumerableStorage)} to have that in the type.
   *
   * @param delegate the store to cache; not closed by the cache
   * @return a new builder with the defaults
   * @throws IllegalArgumentException if {@code delegate} is null
   */
  public static CachingStorageBuilder<CachingPersistentStorage> builder(
      PersistentStorage delegate) {
    return new CachingStorageBuilder<>(
        requireNonNullArgument(delegate, "delegate"), CachingPersistentStorage.class);
  }

  /**
   * Starts a builder over a storage that can enumerate its entries; the cache can too.
   *
   * @param delegate the store to cache; not closed by the cache
   * @return a new builder with the defaults
   * @throws IllegalArgumentException if {@code delegate} is null
   */
  public static CachingStorageBuilder<CachingEnumerableStorage> builder(
      EnumerableStorage delegate) {
    return new CachingStorageBuilder<>(
        requireNonNullArgument(delegate, "delegate"), CachingEnumerableStorage.class);
  }

  /**
   * How many keys were answered from the cache because their load failed ({@link
   * CachingStorageBuilder#serveStaleOnFailure}); 0 when stale serving is off.
   *
   * @return the count since this instance was built
   */
  public long staleKeysServed() {
    return staleLog == null ? 0 : staleLog.keysServed();
  }

  @Override
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    long now = cached.now();
    Slot slot = cached.get(key);
    if (slot != null && cached.isFresh(slot, now)) {
      return slot.values();
    }
    long writeMark = cached.writeMark();
    UserPersistedValues values;
    try {
      values = delegate.load(key);
    } catch (StorageException e) {
      if (!servableStale(slot, now)) {
        throw e;
      }
      staleLog.served("load", 1, e);
      return slot.values();
    }
    loaded(key, values, now, writeMark);
    return values;
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    ensureOpen();
    long now = cached.now();
    Set<String> requested = new LinkedHashSet<>(keys);
    Map<String, UserPersistedValues> answered = new LinkedHashMap<>();
    Map<String, @Nullable Slot> missing = new LinkedHashMap<>();
    for (String key : requested) {
      Slot slot = cached.get(key);
      if (slot != null && cached.isFresh(slot, now)) {
        answered.put(key, slot.values());
      } else {
        missing.put(key, slot);
      }
    }
    if (!missing.isEmpty()) {
      long writeMark = cached.writeMark();
      List<String> toLoad = new ArrayList<>(missing.keySet());
      try {
        delegate
            .loadAll(toLoad)
            .forEach(
                (key, values) -> {
                  if (missing.containsKey(key)) {
                    loaded(key, values, now, writeMark);
                    answered.put(key, values);
                  }
                });
      } catch (StorageException e) {
        if (!missing.values().stream().allMatch(slot -> servableStale(slot, now))) {
          throw e;
        }
        staleLog.served("loadAll", missing.size(), e);
        missing.forEach((key, slot) -> answered.put(key, slot.values()));
      }
    }
    // In the order asked, as the store would answer.
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    for (String key : requested) {
      UserPersistedValues values = answered.get(key);
      if (values != null) {
        result.put(key, values);
      }
    }
    return result;
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    requireEntry(key, configName, values);
    ensureOpen();
    delegate.save(key, configName, values);
    cached.written(key, stored -> with(stored, configName, values));
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    requireEntry(key, configName, values);
    ensureOpen();
    Optional<StickyValues> winner = delegate.saveIfAbsent(key, configName, values);
    StickyValues stored = winner.orElse(values);
    cached.written(key, entries -> with(entries, configName, stored));
    return winner;
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    ensureOpen();
    delegate.delete(key, configName);
    cached.written(key, stored -> without(stored, configName));
  }

  @Override
  public void deleteAll(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    delegate.deleteAll(key);
    cached.written(key, stored -> UserPersistedValues.empty());
  }

  @Override
  public Optional<StickyValues> copyIfAbsent(StoredEntry entry) {
    requireNonNullArgument(entry, "entry");
    ensureOpen();
    Optional<StickyValues> stored = delegate.copyIfAbsent(entry);
    cached.written(entry.key(), entries -> null);
    return stored;
  }

  /**
   * Drops the cached keys and closes this instance: every later call throws {@link
   * IllegalStateException}. The wrapped store stays open; its owner closes it. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cached.invalidateAll();
    }
  }

  /** Drops every cached key, as after a purge. */
  void invalidateAll() {
    cached.invalidateAll();
  }

  /** How many keys are cached; for tests. */
  long cachedKeys() {
    return cached.size();
  }

  final void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("CachingPersistentStorage is closed");
    }
  }

  private void loaded(String key, UserPersistedValues values, long loadedAt, long writeMark) {
    if (staleLog != null) {
      staleLog.recovered();
    }
    // The contract forbids a load returning "unavailable"; caching one would make it last.
    if (values.isAvailable()) {
      cached.loaded(key, values, loadedAt, writeMark);
    }
  }

  /** Whether a failed load of this key may be answered with its cached entries. */
  private boolean servableStale(@Nullable Slot slot, long now) {
    return maxStale != null && slot != null && now - slot.loadedAt() < maxStale.toNanos();
  }

  // Core's own copy-with-one-entry-changed is not public; asMap() decodes each entry once per
  // loaded value (the result is kept), and only when this instance writes to a cached key.
  private static UserPersistedValues with(
      UserPersistedValues stored, String configName, StickyValues values) {
    Map<String, StickyValues> entries = new LinkedHashMap<>(stored.asMap());
    entries.put(configName, values);
    return UserPersistedValues.of(entries);
  }

  private static UserPersistedValues without(UserPersistedValues stored, String configName) {
    if (stored.get(configName).isEmpty()) {
      return stored;
    }
    Map<String, StickyValues> entries = new LinkedHashMap<>(stored.asMap());
    entries.remove(configName);
    return UserPersistedValues.of(entries);
  }

  private static void requireEntry(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
  }
}
