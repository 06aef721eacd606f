package io.github.persistentassignment.integration.statsig;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import org.junit.jupiter.api.DisplayName;

@DisplayName("Statsig's SDK over the in-memory storage")
class InMemoryStatsigTest extends StatsigScenarios {
  @Override
  PersistentStorage createStorage() {
    return InMemoryPersistentStorage.create();
  }
}
