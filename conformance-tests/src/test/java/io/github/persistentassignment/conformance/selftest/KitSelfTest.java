package io.github.persistentassignment.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.CaseInsensitiveKeyPropertyKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.CorruptEntryBlocksKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.ExpiryDroppingCopyKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.ForeignItemFailingKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.LoosePurgeKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.LossyReadModifyWriteKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.MinimalKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.NonAtomicSaveIfAbsentKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.PartialDeleteAllKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.ReferenceKeyPropertyKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.SparseLoadAllKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.StaleCacheKitRun;
import io.github.persistentassignment.conformance.selftest.BrokenAdapterKitRuns.WholeKeyDeleteKitRun;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The kit tests itself: the reference adapter passes every test, and each deliberately broken
 * adapter fails the test written to catch it.
 */
class KitSelfTest {
  private static final String UNKNOWN_KEY = "an unknown key loads as empty, and available";
  private static final String ROUND_TRIP_OVERWRITE =
      "saving a config again replaces its entry and no other";
  private static final String FOR_USER =
      "Persistent assignment over this storage, through forUser(user)";
  private static final String TWO_STEP =
      "Persistent assignment over this storage, through the two-step API"
          + " (getUserPersistedValues, then getExperiment or getLayer with ExperimentOptions)";

  private static EngineExecutionResults run(Class<?> kitSubclass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(kitSubclass)).execute();
  }

  private static List<String> names(Events events) {
    return events.stream().map(KitSelfTest::name).collect(Collectors.toList());
  }

  private static String name(Event event) {
    return event.getTestDescriptor().getDisplayName();
  }

  @Nested
  @DisplayName("A correct adapter")
  class CorrectAdapter {
    @Test
    @DisplayName("the reference adapter passes every test, none skipped")
    void referencePassesEverything() {
      Events tests = run(ReferenceStorageConformanceTest.class).testEvents();
      assertThat(names(tests.failed())).as("failed").isEmpty();
      assertThat(names(tests.aborted())).as("skipped").isEmpty();
      assertThat(names(tests.skipped())).as("disabled").isEmpty();
      assertThat(tests.succeeded().count()).isGreaterThan(80);
    }

    @Test
    @DisplayName(
        "an adapter that overrides only createStorage() skips the capability tests, naming the"
            + " hook to override, and passes the rest")
    void capabilitiesSkipWithInstructions() {
      Events tests = run(MinimalKitRun.class).testEvents();
      assertThat(names(tests.failed())).as("failed").isEmpty();
      assertThat(names(tests.aborted()))
          .as("skipped")
          .contains(
              "an entry is returned before its time to live and not after",
              "saving again restarts the time to live from that save",
              "an expired entry counts as absent for saveIfAbsent",
              "a corrupt entry can be replaced by a good one",
              "raw entry: {not json",
              "over raw entry: {not json",
              "forEachEntry skips a foreign item and visits every real entry",
              "copyIfAbsent keeps the copied entry's expiry: present before it, absent after, and"
                  + " reported by forEachEntry");
      List<String> messages =
          tests.aborted().stream()
              .map(
                  event ->
                      event
                          .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                          .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                          .map(Throwable::getMessage)
                          .orElse(""))
              .collect(Collectors.toList());
      assertThat(messages)
          .allSatisfy(
              message ->
                  assertThat(message)
                      .containsAnyOf(
                          "override supportsTtl()",
                          "override writeRawEntry",
                          "override writeForeignItem"));
      // TTL: 3 expiry + 4 listed/copied expiry; raw entries: 6 + 8 of the corrupt-entry rule;
      // foreign items: 2.
      assertThat(tests.aborted().count()).isEqualTo(7 + 14 + 2);
    }
  }

  @Nested
  @DisplayName("The assignment scenarios")
  class AssignmentScenarios {
    private Map<String, Set<String>> byContainer(Events tests) {
      return tests.stream()
          .collect(
              Collectors.groupingBy(
                  event ->
                      event
                          .getTestDescriptor()
                          .getParent()
                          .map(TestDescriptor::getDisplayName)
                          .orElse(""),
                  Collectors.mapping(KitSelfTest::name, Collectors.toSet())));
    }

    @Test
    @DisplayName(
        "run through forUser and through the two-step API, every shared scenario in both, and"
            + " each API's own scenarios only in its class")
    void runThroughBothApis() {
      Map<String, Set<String>> passed =
          byContainer(run(ReferenceStorageConformanceTest.class).testEvents().succeeded());
      List<String> shared =
          List.of(
              "a first assignment to an experiment group is saved as it was served",
              "after the allocation and weights change the user keeps the stored group, and a"
                  + " new user follows the new split",
              "an experiment that stopped deletes the stored entry and serves the live result",
              "opting out deletes the stored entry and serves the live result",
              "a live result outside the experiment's groups is served and not saved",
              "enforcing targeting, a user who now fails targeting gets the live result, and the"
                  + " stored entry is kept",
              "a layer is stored under the layer's name with its experiment as configDelegate,"
                  + " and keeps it when the layer reallocates",
              "a user without a unit ID for the experiment causes no storage I/O",
              "while storage fails the user gets the live result without an exception and keeps"
                  + " the stored entry; once storage is back the stored group is served again",
              "when another writer saved after the request loaded, the request serves the"
                  + " winner's group, and so do its later evaluations");
      assertThat(passed.get(FOR_USER)).as("passed through forUser").containsAll(shared);
      assertThat(passed.get(TWO_STEP)).as("passed through the two-step API").containsAll(shared);

      String crossUser =
          "values loaded for user A and passed with user B give A's group; saves and deletes"
              + " use B's key";
      String oneLoad =
          "forUser(user) causes no I/O, and several experiments and a layer of one id type"
              + " through it load the user's entries exactly once";
      assertThat(passed.get(TWO_STEP)).contains(crossUser).doesNotContain(oneLoad);
      assertThat(passed.get(FOR_USER)).contains(oneLoad).doesNotContain(crossUser);
    }
  }

  @Nested
  @DisplayName("The storage key property (jqwik)")
  class KeyProperty {
    private Events run(Class<?> kitRun) {
      return EngineTestKit.engine("jqwik")
          .configurationParameter("jqwik.database", "target/jqwik-database")
          .configurationParameter("jqwik.reporting.onlyfailures", "true")
          .selectors(selectClass(kitRun))
          .execute()
          .testEvents();
    }

    @Test
    @DisplayName("holds for the reference adapter")
    void holdsForReference() {
      Events tests = run(ReferenceKeyPropertyKitRun.class);
      assertThat(names(tests.failed())).as("failed").isEmpty();
      assertThat(names(tests.succeeded()))
          .containsExactly("any keys, however alike, each load back exactly their own entries");
    }

    @Test
    @DisplayName("fails for an adapter that compares keys ignoring case")
    void failsForCaseInsensitiveKeys() {
      Events tests = run(CaseInsensitiveKeyPropertyKitRun.class);
      assertThat(names(tests.failed()))
          .containsExactly("any keys, however alike, each load back exactly their own entries");
    }
  }

  @Nested
  @DisplayName("A broken adapter fails the test meant to catch it")
  class BrokenAdapters {
    private void assertCaught(Class<?> kitRun, String... expectedFailures) {
      Events tests = run(kitRun).testEvents();
      assertThat(names(tests.failed())).as("failed tests").contains(expectedFailures);
      assertThat(names(tests.succeeded()))
          .as("the adapter still works otherwise")
          .contains(UNKNOWN_KEY, ROUND_TRIP_OVERWRITE);
    }

    @Test
    @DisplayName("a read-modify-write store of the whole user map loses concurrent saves")
    void lossyReadModifyWrite() {
      assertCaught(
          LossyReadModifyWriteKitRun.class,
          "concurrent saves of distinct configs to one key lose nothing");
    }

    @Test
    @DisplayName("a saveIfAbsent made of a load and a save lets two writers win")
    void nonAtomicSaveIfAbsent() {
      assertCaught(
          NonAtomicSaveIfAbsentKitRun.class,
          "of 16 concurrent calls exactly one writes, and every other call returns what it wrote",
          "when 8 servers, each with its own live answer, assign a new user at once, every one"
              + " serves the one group that was stored");
    }

    @Test
    @DisplayName("a delete that drops the whole key removes other entries")
    void wholeKeyDelete() {
      assertCaught(
          WholeKeyDeleteKitRun.class,
          "delete removes that entry only",
          "optOut deletes the experiment's entry and only that entry");
    }

    @Test
    @DisplayName(
        "a loadAll that leaves out keys without entries makes a preloaded request load again")
    void sparseLoadAll() {
      assertCaught(
          SparseLoadAllKitRun.class,
          "returns every requested key with its own entries, and empty ones for missing keys",
          "preload of two id types loads both in one loadAll, and the evaluations that follow"
              + " need no load");
    }

    @Test
    @DisplayName("a deleteAll that removes one entry leaves the user's other entries")
    void partialDeleteAll() {
      assertCaught(
          PartialDeleteAllKitRun.class,
          "deleteAll removes every entry of the key and nothing of other keys, look-alike keys"
              + " included");
    }

    @Test
    @DisplayName("a saveIfAbsent that throws over a corrupt entry makes the user an outage")
    void corruptEntryBlocks() {
      assertCaught(
          CorruptEntryBlocksKitRun.class,
          "over raw entry: {not json",
          "of 16 concurrent saveIfAbsent calls over a corrupt entry exactly one writes, and every"
              + " other call returns what it wrote");
    }

    @Test
    @DisplayName("a purge that matches config names by prefix removes other experiments' entries")
    void loosePurge() {
      assertCaught(
          LoosePurgeKitRun.class,
          "purge removes the config's entries for every key, returns how many, and leaves every"
              + " other config alone, look-alike names included");
    }

    @Test
    @DisplayName("an enumeration that loads every key it finds fails on a foreign item")
    void foreignItemFails() {
      assertCaught(
          ForeignItemFailingKitRun.class,
          "forEachEntry skips a foreign item and visits every real entry",
          "purge goes past a foreign item and removes the config's real entries");
    }

    @Test
    @DisplayName("a copyIfAbsent that drops the expiry makes a copied entry live for ever")
    void expiryDroppingCopy() {
      assertCaught(
          ExpiryDroppingCopyKitRun.class,
          "copyIfAbsent keeps the copied entry's expiry: present before it, absent after, and"
              + " reported by forEachEntry");
    }

    @Test
    @DisplayName("a per-instance cache serves stale data after another instance writes")
    void staleCache() {
      assertCaught(
          StaleCacheKitRun.class,
          "sees saves, overwrites and deletes made after it had already loaded the key");
    }
  }
}
