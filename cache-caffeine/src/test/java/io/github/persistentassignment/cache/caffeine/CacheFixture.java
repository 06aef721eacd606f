package io.github.persistentassignment.cache.caffeine;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.conformance.Samples;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryStore;

/**
 * What the cache's own tests share: one in-memory store; the cache's view of it ({@link
 * ObservedStore}, which records each call and can be taken down); another instance writing to the
 * same store, as another process would; and the fake time of both.
 */
abstract class CacheFixture {
  static final String ALICE = "alice:userID";
  static final String BOB = "bob:userID";
  static final String CAROL = "carol:userID";
  static final String EXPERIMENT = "checkout_button";

  final FakeTime time = new FakeTime();
  private final InMemoryStore shared = InMemoryStore.unbounded();
  final ObservedStore store =
      new ObservedStore(InMemoryPersistentStorage.builder().store(shared).build());
  final PersistentStorage otherInstance = InMemoryPersistentStorage.builder().store(shared).build();

  /** A cache over {@link #store} on the fake ticker, with the default settings otherwise. */
  CachingStorageBuilder<CachingEnumerableStorage> cache() {
    return CachingPersistentStorage.builder(store).ticker(time);
  }

  static StickyValues group(String name) {
    return Samples.simple(name);
  }
}
