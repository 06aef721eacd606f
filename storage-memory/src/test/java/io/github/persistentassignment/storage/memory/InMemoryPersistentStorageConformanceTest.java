package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole conformance kit against the in-memory adapter. The foreign-item tests are skipped: the
 * store holds nothing but entries.
 */
@DisplayName("InMemoryPersistentStorage keeps the storage contract")
class InMemoryPersistentStorageConformanceTest extends PersistentStorageConformanceTest {
  // One store per test class instance: every storage the kit creates sees the same data.
  private final InMemoryStore store = InMemoryStore.unbounded();
  private final MutableClock clock = new MutableClock();

  @Override
  protected PersistentStorage createStorage() {
    return InMemoryPersistentStorage.builder().store(store).clock(clock).build();
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return InMemoryPersistentStorage.builder().store(store).clock(clock).expireAfter(ttl).build();
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration); // no sleeping: the adapter measures TTL with this clock
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    store.put(key, configName, new InMemoryStore.Entry(raw, null), clock.instant());
  }
}
