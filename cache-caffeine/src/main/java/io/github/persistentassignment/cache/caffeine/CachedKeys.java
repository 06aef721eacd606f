package io.github.persistentassignment.cache.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.persistentassignment.UserPersistedValues;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Caffeine cache of loaded keys, with the two rules that make it safe to cache in front of a
 * store that this process also writes to:
 *
 * <ul>
 *   <li>A key is kept from the moment its load <em>started</em>: fresh for {@code freshNanos}, and
 *       retained (for serving stale on failure) for {@code retainNanos}. Write-through updates keep
 *       that moment, so writing to a key never makes the rest of its entries look newer than they
 *       are.
 *   <li>A load whose result may predate a write this process made to the same key while the load
 *       was in flight is not cached. Every write takes a number from one sequence and records it in
 *       its key's stripe; a load notes the sequence before asking the store and caches its result
 *       only if no write of its stripe (or {@link #invalidateAll}) took a later number. Stripes
 *       rather than per-key marks keep the bookkeeping fixed-size (a write to a key that is not
 *       cached leaves nothing in the cache); two keys sharing a stripe only cost a skipped caching,
 *       never a wrong answer.
 * </ul>
 */
final class CachedKeys {
  private static final int STRIPES = 1024;

  /** One loaded key: its entries, and the ticker reading when the load that got them started. */
  record Slot(UserPersistedValues values, long loadedAt) {}

  private final Cache<String, Slot> cache;
  private final Ticker ticker;
  private final long freshNanos;
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLongArray lastWriteOfStripe = new AtomicLongArray(STRIPES);
  private final AtomicLong lastInvalidateAll = new AtomicLong();

  CachedKeys(long maximumKeys, long freshNanos, long retainNanos, Ticker ticker) {
    this.ticker = ticker;
    this.freshNanos = freshNanos;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumKeys)
            .ticker(ticker)
            .expireAfter(new KeptFromLoad(retainNanos))
            .build();
  }

  /** The ticker's reading now. */
  long now() {
    return ticker.read();
  }

  /** The key's slot, fresh or not, while it is retained. */
  @Nullable Slot get(String key) {
    return cache.getIfPresent(key);
  }

  boolean isFresh(Slot slot, long now) {
    return now - slot.loadedAt() < freshNanos;
  }

  /** To pass to {@link #loaded} once the load that starts now has its result. */
  long writeMark() {
    return writes.get();
  }

  /**
   * Caches a load's result, unless a write of this process may have overtaken it, or a load that
   * started later has already cached a newer result.
   */
  void loaded(String key, UserPersistedValues values, long loadedAt, long writeMark) {
    cache
        .asMap()
        .compute(
            key,
            (k, current) -> {
              if (lastWriteOfStripe.get(stripe(k)) > writeMark
                  || lastInvalidateAll.get() > writeMark
                  || (current != null && current.loadedAt() - loadedAt > 0)) {
                return current;
              }
              return new Slot(values, loadedAt);
            });
  }

  /**
   * Records a successful write of this process to the key, and applies it to the cached entries;
   * {@code change} returning null drops the key instead.
   */
  void written(String key, Function<UserPersistedValues, @Nullable UserPersistedValues> change) {
    long write = writes.incrementAndGet();
    lastWriteOfStripe.accumulateAndGet(stripe(key), write, Math::max);
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, slot) -> {
              UserPersistedValues changed = change.apply(slot.values());
              return changed == null ? null : new Slot(changed, slot.loadedAt());
            });
  }

  /** Drops every key, and keeps loads already in flight from caching what they read before. */
  void invalidateAll() {
    lastInvalidateAll.set(writes.incrementAndGet());
    cache.invalidateAll();
  }

  /** How many keys are held, after pending maintenance; for tests. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static int stripe(String key) {
    int hash = key.hashCode();
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  /** Keeps each key {@code retainNanos} from the start of its load, whatever writes follow. */
  private static final class KeptFromLoad implements Expiry<String, Slot> {
    private final long retainNanos;

    KeptFromLoad(long retainNanos) {
      this.retainNanos = retainNanos;
    }

    @Override
    public long expireAfterCreate(String key, Slot slot, long currentTime) {
      return remaining(slot, currentTime);
    }

    @Override
    public long expireAfterUpdate(String key, Slot slot, long currentTime, long currentDuration) {
      return remaining(slot, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Slot slot, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remaining(Slot slot, long now) {
      return Math.max(0, retainNanos - (now - slot.loadedAt()));
    }
  }
}
