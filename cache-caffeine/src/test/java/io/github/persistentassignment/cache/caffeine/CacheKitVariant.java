package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryStore;
import java.time.Duration;

/**
 * The whole conformance kit over caches of in-memory storages that share one store, each cache an
 * instance of its own (as two processes would have), all on one {@link FakeTime}. A subclass
 * chooses the cache's settings.
 *
 * <p>The kit's second-instance tests expect a write through one instance to be seen by another that
 * had already loaded the key: with a cache, that holds once the key's freshness has passed, so
 * {@link #beforeReadingAnotherInstancesWrite()} lets that time pass on the fake ticker.
 */
abstract class CacheKitVariant extends PersistentStorageConformanceTest {
  /**
   * Shorter than the kit's expiry steps (1 s and more), so that an entry the store has expired is
   * not served from a key still fresh in the cache; with the default 5 s it would be, which is the
   * staleness the cache documents.
   */
  static final Duration FRESH_FOR = Duration.ofMillis(500);

  // One store per test class instance: every storage the kit creates sees the same data.
  private final InMemoryStore store = InMemoryStore.unbounded();
  final FakeTime time = new FakeTime();

  /** The cache over one new store instance; the cache does not close it (an in-memory one). */
  abstract PersistentStorage cache(PersistentStorage delegate);

  @Override
  protected PersistentStorage createStorage() {
    return cache(InMemoryPersistentStorage.builder().store(store).clock(time.clock()).build());
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return cache(
        InMemoryPersistentStorage.builder()
            .store(store)
            .clock(time.clock())
            .expireAfter(ttl)
            .build());
  }

  @Override
  protected void advanceTime(Duration duration) {
    time.advance(duration);
  }

  /** Plants the text in the shared store, below the caches, as another writer would. */
  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    store.putText(key, configName, raw);
    time.advance(FRESH_FOR); // a cache sees another writer's entry once its key is no longer fresh
  }

  @Override
  protected void beforeReadingAnotherInstancesWrite() {
    time.advance(FRESH_FOR);
  }
}
