package io.github.persistentassignment.integration.openfeature;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Sticky OpenFeature flags over the in-memory storage")
class InMemoryStickyTest extends StickyScenarios {
  @Override
  PersistentStorage createStorage() {
    return InMemoryPersistentStorage.create();
  }

  @Override
  void cleanUp() {}
}
