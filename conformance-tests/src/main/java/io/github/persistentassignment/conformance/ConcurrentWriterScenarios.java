package io.github.persistentassignment.conformance;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Many writers, one key. */
abstract class ConcurrentWriterScenarios extends ContractScenarios {

  ConcurrentWriterScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("concurrent saves of distinct configs to one key lose nothing")
  void concurrentSavesLoseNothing() throws Exception {
    List<PersistentStorage> instances = new ArrayList<>();
    instances.add(storage());
    while (instances.size() < STORAGE_INSTANCES_IN_RACES) {
      instances.add(newStorage());
    }
    Map<String, StickyValues> expected = new LinkedHashMap<>();
    List<Callable<Void>> writers = new ArrayList<>();
    for (int thread = 0; thread < RACE_THREADS; thread++) {
      Map<String, StickyValues> mine = new LinkedHashMap<>();
      for (int i = 0; i < CONFIGS_PER_THREAD; i++) {
        mine.put("thread-" + thread + "-config-" + i, Samples.simple(thread + "/" + i));
      }
      expected.putAll(mine);
      PersistentStorage instance = instances.get(thread % instances.size());
      writers.add(
          () -> {
            mine.forEach((config, values) -> instance.save(key("shared"), config, values));
            return null;
          });
    }
    Race.runTogether(RACE_THREADS, writers);
    assertEntries(
        storage().load(key("shared")),
        expected,
        RACE_THREADS + " threads x " + CONFIGS_PER_THREAD + " configs");
  }
}
