package io.github.persistentassignment.storage.memory;

import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.spi.AbstractEnumerableStorage;
import io.github.persistentassignment.spi.RawEntry;
import io.github.persistentassignment.storage.memory.InMemoryStore.Entry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Stores assignments in this process's memory: the reference implementation of {@link
 * PersistentStorage}, for tests, demos and single-process services whose assignments may be lost on
 * restart.
 *
 * <pre>{@code
 * PersistentStorage storage = InMemoryPersistentStorage.builder()
 *     .expireAfter(Duration.ofDays(30))
 *     .build();
 * }</pre>
 *
 * <p>Core's {@link AbstractEnumerableStorage} keeps the contract's rules (arguments, the closed
 * state, encoding, {@code maxValueBytes}, the corrupt-entry rule); this class only keeps encoded
 * entries in an {@link InMemoryStore}, as a server would. Thread-safe; {@link #saveIfAbsent} is
 * atomic. An optional time to live ({@link Builder#expireAfter}) hides an entry once that long has
 * passed since its last save, measured with the builder's {@link Clock}. Several instances can
 * share one {@link InMemoryStore}; closing an instance leaves the store's data in place.
 *
 * <p>Every operation is a few map operations, so none has a deadline: {@code purge} and {@code
 * forEachEntry} walk every key once, in time proportional to the number of keys.
 */
public final class InMemoryPersistentStorage extends AbstractEnumerableStorage {
  private final InMemoryStore store;

  private InMemoryPersistentStorage(
      InMemoryStore store, Clock clock, @Nullable Duration expireAfter, int maxValueBytes) {
    super("InMemoryPersistentStorage", clock, expireAfter, maxValueBytes);
    this.store = store;
  }

  /**
   * Starts a builder: a new unbounded store, no time to live, the system clock, no size limit.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An instance over a new unbounded store, with no time to live.
   *
   * @return a new storage
   */
  public static InMemoryPersistentStorage create() {
    return builder().build();
  }

  /**
   * The store this instance reads and writes.
   *
   * @return the store
   */
  public InMemoryStore store() {
    return store;
  }

  @Override
  protected Map<String, String> loadEncoded(String key) {
    Instant now = now();
    Map<String, Entry> entries = store.liveEntries(key, now);
    if (entries.isEmpty()) {
      return Map.of();
    }
    Map<String, String> encoded = new LinkedHashMap<>();
    // The view is live: a write since it was filtered (a copy whose expiry has passed) shows in it.
    entries.forEach(
        (configName, entry) -> {
          if (entry.isLiveAt(now)) {
            encoded.put(configName, entry.json());
          }
        });
    return encoded;
  }

  @Override
  protected void saveEncoded(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    store.put(key, configName, new Entry(json, expiresAt), now());
  }

  @Override
  protected Optional<String> saveEncodedIfAbsent(
      String key, String configName, String json, @Nullable Instant expiresAt) {
    Entry existing = store.putIfAbsent(key, configName, new Entry(json, expiresAt), now());
    return existing == null ? Optional.empty() : Optional.of(existing.json());
  }

  @Override
  protected boolean replaceEncoded(
      String key,
      String configName,
      String expectedJson,
      String json,
      @Nullable Instant expiresAt) {
    return store.replace(key, configName, expectedJson, new Entry(json, expiresAt), now());
  }

  @Override
  protected void deleteEncoded(String key, String configName) {
    store.remove(key, configName);
  }

  @Override
  protected void deleteAllEncoded(String key) {
    store.removeKey(key);
  }

  @Override
  protected void forEachEncoded(Consumer<RawEntry> action) {
    for (String key : store.keys()) {
      Instant now = now();
      store
          .liveEntries(key, now)
          .forEach(
              (configName, entry) -> {
                if (entry.isLiveAt(now)) {
                  action.accept(new RawEntry(key, configName, entry.json(), entry.expiresAt()));
                }
              });
    }
  }

  @Override
  protected long purgeEncoded(String configName) {
    return store.removeConfig(configName, now());
  }

  private Instant now() {
    return clock().instant();
  }

  /**
   * Builds an {@link InMemoryPersistentStorage}. Mutable: each setter returns this builder; {@link
   * #build()} checks every setting and builds an immutable storage.
   */
  public static final class Builder {
    private @Nullable InMemoryStore store;
    private @Nullable Integer maximumEntries;
    private @Nullable Duration expireAfter;
    private Clock clock = Clock.systemUTC();
    private int maxValueBytes = Integer.MAX_VALUE;

    private Builder() {}

    /**
     * Uses an existing store, shared with other instances. Default: a new store of its own. Not
     * together with {@link #maximumEntries}: bound a shared store with {@link
     * InMemoryStore#bounded(int)}.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(InMemoryStore store) {
      this.store = requireNonNullArgument(store, "store");
      return this;
    }

    /**
     * Bounds the new store this storage gets: at most this many entries, after which a new entry is
     * refused (a stored one is never evicted). Default: unbounded. Not together with {@link
     * #store}.
     *
     * @param maximumEntries the bound, at least 1 (checked at {@link #build()})
     * @return this builder
     */
    public Builder maximumEntries(int maximumEntries) {
      this.maximumEntries = maximumEntries;
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save. Default: never; {@code null}
     * restores that.
     *
     * @param expireAfter from 1 ms to 36 500 days (checked at {@link #build()}), or {@code null}
     * @return this builder
     */
    public Builder expireAfter(@Nullable Duration expireAfter) {
      this.expireAfter = expireAfter;
      return this;
    }

    /**
     * The clock that dates each entry's expiry. Default: the system UTC clock; tests pass a clock
     * they control.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * The largest encoded entry, in UTF-8 bytes, a save accepts; a larger one is an {@link
     * IllegalArgumentException} and nothing is written. Default: no limit ({@link
     * Integer#MAX_VALUE}).
     *
     * @param maxValueBytes at least 1 (checked at {@link #build()})
     * @return this builder
     */
    public Builder maxValueBytes(int maxValueBytes) {
      this.maxValueBytes = maxValueBytes;
      return this;
    }

    /**
     * Checks every setting and builds the storage.
     *
     * @return a new instance
     * @throws IllegalArgumentException naming the setting that is out of range ({@code
     *     expireAfter}, {@code maximumEntries}, {@code maxValueBytes}), or {@code store} and {@code
     *     maximumEntries} both set
     */
    public InMemoryPersistentStorage build() {
      if (store != null && maximumEntries != null) {
        throw new IllegalArgumentException(
            "store and maximumEntries are both set: maximumEntries bounds a new store; bound a"
                + " shared store with InMemoryStore.bounded(maximumEntries)");
      }
      InMemoryStore target = store;
      if (target == null) {
        target =
            maximumEntries == null
                ? InMemoryStore.unbounded()
                : InMemoryStore.bounded(maximumEntries);
      }
      return new InMemoryPersistentStorage(target, clock, expireAfter, maxValueBytes);
    }
  }
}
