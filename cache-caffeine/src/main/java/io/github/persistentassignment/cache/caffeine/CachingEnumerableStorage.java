package io.github.persistentassignment.cache.caffeine;

import static io.github.persistentassignment.internal.Arguments.requireNonBlank;
import static io.github.persistentassignment.internal.Arguments.requireNonNullArgument;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.StoredEntry;
import java.util.function.Consumer;

/**
 * A {@link CachingPersistentStorage} over a store that can enumerate its entries, and so can
 * itself: what {@link CachingStorageBuilder#build()} returns when the store is an {@link
 * EnumerableStorage}, so that tools such as a migration or a purge work through the cache.
 *
 * <pre>{@code
 * CachingEnumerableStorage cache = CachingPersistentStorage.builder(redisStorage).build();
 * long removed = cache.purge("retired_experiment"); // the cache forgets every key
 * }</pre>
 *
 * <p>{@link #forEachEntry} reads the store, never the cache, and caches nothing. {@link #purge}
 * purges the store and then drops every cached key, since any of them may hold the purged config.
 */
public final class CachingEnumerableStorage extends CachingPersistentStorage
    implements EnumerableStorage {
  private final EnumerableStorage enumerable;

  CachingEnumerableStorage(CachingStorageBuilder<?> builder, EnumerableStorage delegate) {
    super(builder);
    this.enumerable = delegate;
  }

  @Override
  public void forEachEntry(Consumer<? super StoredEntry> action) {
    requireNonNullArgument(action, "action");
    ensureOpen();
    enumerable.forEachEntry(action);
  }

  /**
   * Removes one config's entries from the store, then drops every cached key (even when the purge
   * failed part-way: some entries may be gone).
   *
   * @param configName the experiment or layer name
   * @return how many entries the store removed
   */
  @Override
  public long purge(String configName) {
    requireNonBlank(configName, "configName");
    ensureOpen();
    try {
      return enumerable.purge(configName);
    } finally {
      invalidateAll();
    }
  }
}
