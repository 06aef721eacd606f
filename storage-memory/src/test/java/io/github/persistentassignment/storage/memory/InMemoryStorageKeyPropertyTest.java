package io.github.persistentassignment.storage.memory;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.conformance.StorageKeyProperties;
import net.jqwik.api.Label;

/** The kit's storage key property against the in-memory adapter. */
@Label("InMemoryPersistentStorage keeps any keys apart")
class InMemoryStorageKeyPropertyTest extends StorageKeyProperties {
  private final InMemoryStore store = InMemoryStore.unbounded();

  @Override
  protected PersistentStorage createStorage() {
    return InMemoryPersistentStorage.builder().store(store).build();
  }
}
