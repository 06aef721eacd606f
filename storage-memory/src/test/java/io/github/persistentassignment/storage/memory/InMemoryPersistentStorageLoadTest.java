package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import org.junit.jupiter.api.DisplayName;

/** The kit's sustained load run against the in-memory adapter; only with {@code -Pload}. */
@DisplayName("InMemoryPersistentStorage under sustained load")
// tag::load-kit[]
class InMemoryPersistentStorageLoadTest extends PersistentStorageLoadTest {
  // One store for the test: the run's second instance reads back what the first one wrote.
  private final InMemoryStore store = InMemoryStore.unbounded();

  @Override
  protected PersistentStorage createStorage() {
    return InMemoryPersistentStorage.builder().store(store).build();
  }

  @Override
  protected String backendName() {
    return "memory";
  }
}
// end::load-kit[]
