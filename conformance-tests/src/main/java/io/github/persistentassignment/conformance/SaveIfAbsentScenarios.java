package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** First write wins, atomically. */
abstract class SaveIfAbsentScenarios extends ContractScenarios {

  SaveIfAbsentScenarios(Kit kit) {
    super(kit);
  }

  @Test
  @DisplayName("writes and returns empty when nothing is stored")
  void writesWhenAbsent() {
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.everyField())).isEmpty();
    assertEntries(
        storage().load(key("alice")), Map.of(CONFIG, Samples.everyField()), "after saveIfAbsent");
  }

  @Test
  @DisplayName("returns the stored entry and writes nothing when one is stored")
  void keepsExisting() {
    storage().save(key("alice"), CONFIG, Samples.simple("first"));
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("second")))
        .contains(Samples.simple("first"));
    assertEntries(
        storage().load(key("alice")),
        Map.of(CONFIG, Samples.simple("first")),
        "after saveIfAbsent");
  }

  @Test
  @DisplayName("leaves the key's other entries alone")
  void leavesOtherEntries() {
    storage().save(key("alice"), "other", Samples.simple("other"));
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("mine"))).isEmpty();
    assertEntries(
        storage().load(key("alice")),
        Map.of("other", Samples.simple("other"), CONFIG, Samples.simple("mine")),
        "after saveIfAbsent");
  }

  @Test
  @DisplayName(
      "of 16 concurrent calls exactly one writes, and every other call returns what it wrote")
  void raceHasOneWinner() throws Exception {
    List<PersistentStorage> instances = new ArrayList<>();
    instances.add(storage());
    while (instances.size() < STORAGE_INSTANCES_IN_RACES) {
      instances.add(newStorage());
    }
    for (int round = 0; round < RACE_ROUNDS; round++) {
      String config = "race-" + round;
      List<StickyValues> candidates = new ArrayList<>();
      List<Callable<Optional<StickyValues>>> calls = new ArrayList<>();
      for (int thread = 0; thread < RACE_THREADS; thread++) {
        StickyValues mine = Samples.simple("round " + round + " thread " + thread);
        PersistentStorage instance = instances.get(thread % instances.size());
        candidates.add(mine);
        calls.add(() -> instance.saveIfAbsent(key("racer"), config, mine));
      }
      List<Optional<StickyValues>> results = Race.runTogether(RACE_THREADS, calls);

      List<Integer> writers = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).isEmpty()) {
          writers.add(i);
        }
      }
      assertThat(writers)
          .as("round %d: calls that reported writing (returned empty)", round)
          .hasSize(1);
      StickyValues winner = candidates.get(writers.get(0));
      for (int i = 0; i < results.size(); i++) {
        if (i != writers.get(0)) {
          assertThat(results.get(i))
              .as("round %d: what call %d was told is stored", round, i)
              .contains(winner);
        }
      }
      assertThat(storage().load(key("racer")).get(config))
          .as("round %d: the stored entry", round)
          .contains(winner);
    }
  }
}
