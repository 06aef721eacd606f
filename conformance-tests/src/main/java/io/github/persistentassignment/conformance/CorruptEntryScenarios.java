package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The corrupt-entry rule (normative): a stored entry that cannot be decoded counts as absent
 * everywhere. {@code load} and {@code forEachEntry} skip it while the key's other entries come
 * back; {@code saveIfAbsent} and {@code copyIfAbsent} replace it and report that they wrote; {@code
 * save} overwrites it. One corrupt entry must never turn a user into a permanent storage outage.
 * Every test plants the entry through {@code writeRawEntry}, and is skipped without it.
 */
abstract class CorruptEntryScenarios extends ContractScenarios {

  CorruptEntryScenarios(Kit kit) {
    super(kit);
  }

  private static final Map<String, StickyValues> GOOD =
      Map.of("good", Samples.everyField(), "also-good", Samples.simple("also good"));

  /** Alice's good entries around a corrupt one. */
  private void plant(String raw) {
    storage().save(key("alice"), "good", Samples.everyField());
    kit.writeRawEntry(key("alice"), CONFIG, raw);
    storage().save(key("alice"), "also-good", Samples.simple("also good"));
  }

  private Map<String, StickyValues> goodAnd(StickyValues values) {
    Map<String, StickyValues> expected = new java.util.HashMap<>(GOOD);
    expected.put(CONFIG, values);
    return expected;
  }

  @ParameterizedTest(name = "raw entry: {0}")
  @ValueSource(
      strings = {
        "{not json",
        "",
        "[1,2,3]",
        "\"just a string\"",
        "{\"value\": true, \"time\": \"not a number\", \"group_name\": [\"a\", \"list\"]}",
      })
  @DisplayName("a corrupt entry is skipped while the key's other entries load")
  void corruptEntryIsSkipped(String raw) {
    plant(raw);
    assertEntries(storage().load(key("alice")), GOOD, "load");
    assertEntries(storage().loadAll(List.of(key("alice"))).get(key("alice")), GOOD, "loadAll");
  }

  @Test
  @DisplayName("a corrupt entry can be replaced by a good one")
  void corruptEntryCanBeOverwritten() {
    kit.writeRawEntry(key("alice"), CONFIG, "{not json");
    storage().save(key("alice"), CONFIG, Samples.simple("repaired"));
    assertEntries(storage().load(key("alice")), Map.of(CONFIG, Samples.simple("repaired")), "load");
  }

  @ParameterizedTest(name = "over raw entry: {0}")
  @ValueSource(
      strings = {
        "{not json",
        "",
        "{\"value\": true, \"time\": \"not a number\", \"group_name\": [\"a\", \"list\"]}",
      })
  @DisplayName(
      "saveIfAbsent over a corrupt entry writes and returns empty, and load then returns the new"
          + " values")
  void saveIfAbsentReplacesCorruptEntry(String raw) {
    plant(raw);
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("repaired")))
        .as("saveIfAbsent over a corrupt entry (it counts as absent)")
        .isEmpty();
    assertEntries(storage().load(key("alice")), goodAnd(Samples.simple("repaired")), "load");
    assertEntries(
        newStorage().load(key("alice")), goodAnd(Samples.simple("repaired")), "second instance");
    assertThat(storage().saveIfAbsent(key("alice"), CONFIG, Samples.simple("later")))
        .as("saveIfAbsent once the entry was repaired")
        .contains(Samples.simple("repaired"));
  }

  @Test
  @DisplayName("copyIfAbsent over a corrupt entry writes and returns empty")
  void copyIfAbsentReplacesCorruptEntry() {
    plant("{not json");
    StoredEntry copy = new StoredEntry(key("alice"), CONFIG, Samples.simple("copied"));
    assertThat(storage().copyIfAbsent(copy))
        .as("copyIfAbsent over a corrupt entry (it counts as absent)")
        .isEmpty();
    assertEntries(storage().load(key("alice")), goodAnd(Samples.simple("copied")), "load");
  }

  @Test
  @DisplayName("save over a corrupt entry overwrites it and leaves the key's other entries alone")
  void saveOverwritesCorruptEntry() {
    plant("[1,2,3]");
    storage().save(key("alice"), CONFIG, Samples.simple("saved"));
    assertEntries(storage().load(key("alice")), goodAnd(Samples.simple("saved")), "load");
  }

  @Test
  @DisplayName(
      "of 16 concurrent saveIfAbsent calls over a corrupt entry exactly one writes, and every"
          + " other call returns what it wrote")
  void raceOverCorruptEntry() throws Exception {
    plant("{not json");
    List<PersistentStorage> instances = List.of(storage(), newStorage(), newStorage());
    List<StickyValues> candidates = new ArrayList<>();
    List<Callable<Optional<StickyValues>>> calls = new ArrayList<>();
    for (int thread = 0; thread < RACE_THREADS; thread++) {
      StickyValues mine = Samples.simple("thread " + thread);
      PersistentStorage instance = instances.get(thread % instances.size());
      candidates.add(mine);
      calls.add(() -> instance.saveIfAbsent(key("alice"), CONFIG, mine));
    }
    List<Optional<StickyValues>> results = Race.runTogether(RACE_THREADS, calls);
    List<Integer> writers = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).isEmpty()) {
        writers.add(i);
      }
    }
    assertThat(writers).as("calls that reported writing (returned empty)").hasSize(1);
    StickyValues winner = candidates.get(writers.get(0));
    for (int i = 0; i < results.size(); i++) {
      if (i != writers.get(0)) {
        assertThat(results.get(i)).as("what call %d was told is stored", i).contains(winner);
      }
    }
    assertEntries(storage().load(key("alice")), goodAnd(winner), "after the race");
  }

  @ParameterizedTest(name = "raw entry: {0}")
  @ValueSource(strings = {"{not json", "[1,2,3]"})
  @DisplayName("forEachEntry skips a corrupt entry and visits the key's good entries")
  void forEachEntrySkipsCorruptEntry(String raw) {
    EnumerableStorage storage = enumerable();
    plant(raw);
    storage.save(key("bob"), CONFIG, Samples.simple("bob"));
    assertThat(listedValues(storage))
        .isEqualTo(
            Map.of(
                key("alice"),
                new java.util.TreeMap<>(GOOD),
                key("bob"),
                Map.of(CONFIG, Samples.simple("bob"))));
  }
}
