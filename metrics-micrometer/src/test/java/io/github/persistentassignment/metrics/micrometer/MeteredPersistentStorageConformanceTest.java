package io.github.persistentassignment.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.MutableClock;
import io.github.persistentassignment.conformance.PersistentStorageConformanceTest;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryStore;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;

/**
 * The whole conformance kit against the in-memory adapter behind {@link MeteredPersistentStorage}:
 * the decorator changes nothing the contract promises, and none of the kit's calls (bad arguments
 * and calls after close included) is recorded as a backend failure.
 */
@DisplayName("MeteredPersistentStorage over the in-memory adapter keeps the storage contract")
class MeteredPersistentStorageConformanceTest extends PersistentStorageConformanceTest {
  // One store per test class instance: every storage the kit creates sees the same data.
  private final InMemoryStore store = InMemoryStore.unbounded();
  private final MutableClock clock = new MutableClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Override
  protected PersistentStorage createStorage() {
    return metered(InMemoryPersistentStorage.builder().store(store).clock(clock).build());
  }

  @Override
  protected boolean supportsTtl() {
    return true;
  }

  @Override
  protected PersistentStorage createStorageWithTtl(Duration ttl) {
    return metered(
        InMemoryPersistentStorage.builder().store(store).clock(clock).expireAfter(ttl).build());
  }

  @Override
  protected void advanceTime(Duration duration) {
    clock.advance(duration); // no sleeping: the adapter measures TTL with this clock
  }

  @Override
  protected void writeRawEntry(String key, String configName, String raw) {
    store.putText(key, configName, raw);
  }

  /**
   * The in-memory backend never fails: whatever the kit did (bad arguments, calls after close), no
   * call may have been recorded as a backend failure.
   */
  @AfterEach
  void noCallRecordedAsFailure() {
    long failures =
        registry.find(MeteredPersistentStorage.TIMER).tag("outcome", "failure").timers().stream()
            .mapToLong(Timer::count)
            .sum();
    assertThat(failures).as("calls timed with outcome=failure").isZero();
  }

  private PersistentStorage metered(InMemoryPersistentStorage storage) {
    return MeteredPersistentStorage.builder(storage, registry).tag("store", "memory").build();
  }
}
