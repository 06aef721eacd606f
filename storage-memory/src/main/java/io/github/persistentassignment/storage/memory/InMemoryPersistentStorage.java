package io.github.persistentassignment.storage.memory;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;
import static io.github.persistentassignment.internal.Arguments.requirePositive;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.storage.memory.InMemoryStore.Entry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Thread-safe; {@link #saveIfAbsent} is atomic. Values are kept as immutable objects, never
 * serialized. An optional TTL ({@link Builder#expireAfter}) hides an entry once that long has
 * passed since its last save, measured with the builder's {@link Clock}. Several instances can
 * share one {@link InMemoryStore}; closing an instance leaves the store's data in place.
 */
public final class InMemoryPersistentStorage implements EnumerableStorage {
  private final InMemoryStore store;
  private final Clock clock;
  private final @Nullable Duration expireAfter;
  private final AtomicBoolean closed = new AtomicBoolean();

  private InMemoryPersistentStorage(Builder builder) {
    this.store = builder.store != null ? builder.store : InMemoryStore.unbounded();
    this.clock = builder.clock;
    this.expireAfter = builder.expireAfter;
  }

  /**
   * Starts a builder: a new unbounded store, no TTL, the system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An instance over a new unbounded store, with no TTL.
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
  public UserPersistedValues load(String key) {
    requireNonBlank(key, "key");
    ensureOpen();
    Map<String, Entry> entries = store.liveEntries(key, clock.millis());
    if (entries.isEmpty()) {
      return UserPersistedValues.empty();
    }
    Map<String, StickyValues> values = new LinkedHashMap<>();
    entries.forEach((configName, entry) -> values.put(configName, entry.values()));
    return UserPersistedValues.of(values);
  }

  @Override
  public void save(String key, String configName, StickyValues values) {
    checkEntry(key, configName, values);
    long now = clock.millis();
    store.put(key, configName, new Entry(values, expiresAt(now)), now);
  }

  @Override
  public void delete(String key, String configName) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    ensureOpen();
    store.remove(key, configName);
  }

  @Override
  public Optional<StickyValues> saveIfAbsent(String key, String configName, StickyValues values) {
    checkEntry(key, configName, values);
    long now = clock.millis();
    Entry existing = store.putIfAbsent(key, configName, new Entry(values, expiresAt(now)), now);
    return existing == null ? Optional.empty() : Optional.of(existing.values());
  }

  @Override
  public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
    requireNonNullArgument(keys, "keys");
    keys.forEach(key -> requireNonBlank(key, "key"));
    ensureOpen();
    Map<String, UserPersistedValues> result = new LinkedHashMap<>();
    for (String key : keys) {
      result.computeIfAbsent(key, this::load);
    }
    return result;
  }

  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    for (String key : store.keys()) {
      load(key)
          .asMap()
          .forEach((name, values) -> action.accept(new StoredEntry(key, name, values)));
    }
  }

  /** Marks this instance closed; the store keeps its data for other instances. */
  @Override
  public void close() {
    closed.set(true);
  }

  private void checkEntry(String key, String configName, StickyValues values) {
    requireNonBlank(key, "key");
    requireNonBlank(configName, "configName");
    requireNonNullArgument(values, "values");
    ensureOpen();
  }

  private long expiresAt(long nowMillis) {
    if (expireAfter == null) {
      return Long.MAX_VALUE;
    }
    long ttl = expireAfter.toMillis();
    return nowMillis > Long.MAX_VALUE - ttl ? Long.MAX_VALUE : nowMillis + ttl;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("InMemoryPersistentStorage is closed");
    }
  }

  /** Builds an {@link InMemoryPersistentStorage}. */
  public static final class Builder {
    private @Nullable InMemoryStore store;
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration expireAfter;

    private Builder() {}

    /**
     * Uses an existing store, shared with other instances. Default: a new unbounded store.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(InMemoryStore store) {
      this.store = requireNonNullArgument(store, "store");
      return this;
    }

    /**
     * Uses a new store holding at most this many entries. Shorthand for {@code
     * store(InMemoryStore.bounded(maximumEntries))}.
     *
     * @param maximumEntries the bound, at least 1
     * @return this builder
     */
    public Builder maximumEntries(int maximumEntries) {
      this.store = InMemoryStore.bounded(maximumEntries);
      return this;
    }

    /**
     * Hides each entry once this long has passed since its last save. Default: never.
     *
     * @param ttl a positive duration
     * @return this builder
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public Builder expireAfter(Duration ttl) {
      this.expireAfter = requirePositive(ttl, "ttl");
      return this;
    }

    /**
     * The clock that measures the TTL. Default: the system UTC clock; tests pass a clock they
     * control.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNullArgument(clock, "clock");
      return this;
    }

    /**
     * Builds the storage.
     *
     * @return a new instance
     */
    public InMemoryPersistentStorage build() {
      return new InMemoryPersistentStorage(this);
    }
  }
}
