package io.github.persistentassignment.cache.caffeine;

import static io.github.persistentassignment.cache.caffeine.CachingPersistentStorage.DEFAULT_FRESH_FOR;
import static io.github.persistentassignment.cache.caffeine.CachingPersistentStorage.DEFAULT_MAXIMUM_USERS;
import static io.github.persistentassignment.cache.caffeine.CachingPersistentStorage.MAX_DURATION;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CachingPersistentStorage}: start with {@link
 * CachingPersistentStorage#builder(PersistentStorage)}. Mutable; every setter returns this builder
 * and is checked by {@link #build()}, which does no I/O.
 *
 * <pre>{@code
 * CachingPersistentStorage cache =
 *     CachingPersistentStorage.builder(store).freshFor(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param <S> what {@link #build()} returns: {@link CachingEnumerableStorage} when the builder was
 *     started with an {@link EnumerableStorage}
 */
public final class CachingStorageBuilder<S extends CachingPersistentStorage> {
  private final PersistentStorage delegate;
  private final Class<S> type;
  private long maximumUsers = DEFAULT_MAXIMUM_USERS;
  private @Nullable Duration freshFor = DEFAULT_FRESH_FOR;
  private @Nullable Duration maxStale;
  private boolean serveStale;
  private @Nullable Ticker ticker = Ticker.systemTicker();

  CachingStorageBuilder(PersistentStorage delegate, Class<S> type) {
    this.delegate = delegate;
    this.type = type;
  }

  /**
   * How many keys (a user and an id type: one {@code load}) the cache holds at most; beyond it,
   * Caffeine evicts the keys least likely to be asked for again. Default {@value
   * CachingPersistentStorage#DEFAULT_MAXIMUM_USERS}.
   *
   * @param maximumUsers at least 1
   * @return this builder
   */
  public CachingStorageBuilder<S> maximumUsers(long maximumUsers) {
    this.maximumUsers = maximumUsers;
    return this;
  }

  /**
   * How long a loaded key is served from the cache before it is loaded again, measured from the
   * start of its load: the longest time another instance's write may go unseen here. Default 5
   * seconds. Zero caches nothing for reading: every load asks the store, and with {@link
   * #serveStaleOnFailure} the cache is only a fallback for when the store fails.
   *
   * @param freshFor zero or positive, at most 30 days
   * @return this builder
   */
  public CachingStorageBuilder<S> freshFor(Duration freshFor) {
    this.freshFor = freshFor;
    return this;
  }

  /**
   * When a load fails with a {@code StorageException}, answers it with the cached entries of every
   * key loaded less than {@code maxStale} ago instead of throwing. Keys are then kept that long.
   * Off by default: a failed load throws. Writes always throw when the store fails.
   *
   * @param maxStale longer than {@link #freshFor}, at most 30 days
   * @return this builder
   */
  public CachingStorageBuilder<S> serveStaleOnFailure(Duration maxStale) {
    this.maxStale = maxStale;
    this.serveStale = true;
    return this;
  }

  /**
   * The time source of freshness and staleness, in nanoseconds. Default Caffeine's {@link
   * Ticker#systemTicker()}; tests pass one they move by hand.
   *
   * @param ticker the ticker
   * @return this builder
   */
  public CachingStorageBuilder<S> ticker(Ticker ticker) {
    this.ticker = ticker;
    return this;
  }

  /**
   * Checks the settings and builds the cache. No I/O: the store is first asked on the first load.
   *
   * @return a new cache over the store; a {@link CachingEnumerableStorage} when the store is an
   *     {@link EnumerableStorage}
   * @throws IllegalArgumentException naming the setting and its allowed range, if one is out of it
   */
  public S build() {
    if (maximumUsers < 1) {
      throw new IllegalArgumentException("maximumUsers must be at least 1, was " + maximumUsers);
    }
    Duration fresh = freshFor;
    if (fresh == null || fresh.isNegative() || fresh.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(
          "freshFor must be zero or positive and at most " + MAX_DURATION + ", was " + fresh);
    }
    if (serveStale
        && (maxStale == null
            || maxStale.compareTo(fresh) <= 0
            || maxStale.compareTo(MAX_DURATION) > 0)) {
      throw new IllegalArgumentException(
          "serveStaleOnFailure(maxStale) must be longer than freshFor ("
              + fresh
              + ") and at most "
              + MAX_DURATION
              + ", was "
              + maxStale);
    }
    if (ticker == null) {
      throw new IllegalArgumentException("ticker must not be null");
    }
    CachingPersistentStorage built =
        delegate instanceof EnumerableStorage
            ? new CachingEnumerableStorage(this, (EnumerableStorage) delegate)
            : new CachingPersistentStorage(this);
    return type.cast(built);
  }

  PersistentStorage delegate() {
    return delegate;
  }

  long maximumUsers() {
    return maximumUsers;
  }

  Duration freshFor() {
    return requireSet(freshFor);
  }

  @Nullable Duration maxStale() {
    return maxStale;
  }

  Ticker ticker() {
    return requireSet(ticker);
  }

  /** For the settings {@link #build()} has checked. */
  private static <T> T requireSet(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("build() checks the settings first");
    }
    return value;
  }
}
