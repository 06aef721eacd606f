package io.github.persistentassignment.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StorageException;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.conformance.load.LoadOperation;
import io.github.persistentassignment.conformance.load.LoadReport;
import io.github.persistentassignment.conformance.load.PersistentStorageLoadTest;
import io.github.persistentassignment.conformance.load.SustainedLoad;
import io.github.persistentassignment.conformance.selftest.LoadTestRuns.BlackHoleLoadRun;
import io.github.persistentassignment.conformance.selftest.LoadTestRuns.ReferenceLoadRun;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The load run tests itself: over the reference adapter it passes, and over each deliberately
 * broken adapter it fails and counts the kind of damage that adapter does.
 */
@DisplayName("The sustained load run")
class SustainedLoadSelfTest {
  private static final long MEBIBYTE = 1024 * 1024;

  private final ReferenceBackend backend = new ReferenceBackend();

  /** A short run over few keys, so that one second covers every key many times. */
  private static SustainedLoad.Builder shortRun(Supplier<PersistentStorage> storages) {
    return SustainedLoad.builder(storages)
        .name("selftest")
        .duration(Duration.ofSeconds(1))
        .warmUp(Duration.ofMillis(200))
        .keys(20)
        .contendedEntries(200)
        .keyPrefix("selftest-")
        .seed(20_260_101L);
  }

  private PersistentStorage reference() {
    return backend.storage();
  }

  @Nested
  @DisplayName("over a correct adapter")
  class CorrectAdapter {
    @Test
    @DisplayName("passes, having called every operation and read back every entry intact")
    void referencePasses() {
      LoadReport report = shortRun(SustainedLoadSelfTest.this::reference).build().run();

      report.assertPassed();
      assertThat(report.failures()).isEmpty();
      assertThat(report.problems()).isEmpty();
      report
          .operations()
          .forEach(
              (operation, stats) -> {
                assertThat(stats.calls()).as("calls of %s", operation).isPositive();
                assertThat(stats.errors()).as("errors of %s", operation).isZero();
                assertThat(stats.p50()).as("p50 of %s", operation).isLessThanOrEqualTo(stats.p99());
                assertThat(stats.p99()).as("p99 of %s", operation).isLessThanOrEqualTo(stats.max());
              });
      assertThat(report.totalCalls())
          .isEqualTo(report.operations().values().stream().mapToLong(s -> s.calls()).sum());
      assertThat(report.callsPerSecond()).isPositive();
      assertThat(report.readBack().keys()).isEqualTo(20);
      assertThat(report.readBack().expectedEntries())
          .isPositive()
          .isEqualTo(report.readBack().intactEntries());
      assertThat(report.contendedEntries()).isPositive();
      assertThat(report.contendedAnswers()).as("calls told of a winner").isPositive();
      assertThat(report.heap().isStable()).isTrue();
      assertThat(report.summaryLine()).startsWith("[load] selftest: PASSED");
      assertThat(report.toMarkdown())
          .startsWith("# Sustained load: selftest\n\n**PASSED**")
          .contains("| saveIfAbsent (contended) | ")
          .contains("lost 0, unexpected 0, corrupt 0");
    }

    @Test
    @DisplayName("leaves stored exactly the entries it reports as expected")
    void storedEntriesMatchTheReport() {
      LoadReport report = shortRun(SustainedLoadSelfTest.this::reference).build().run();

      long stored = 0;
      try (PersistentStorage storage = reference()) {
        for (int i = 0; i < report.keys(); i++) {
          stored += storage.load("selftest-user" + i + ":userID").asMap().size();
        }
      }
      assertThat(stored).isEqualTo(report.readBack().expectedEntries());
    }
  }

  @Nested
  @DisplayName("fails, counting the damage, over an adapter that")
  class BrokenAdapters {
    private final Map<String, Map<String, StickyValues>> lossyUsers =
        LossyReadModifyWriteStorage.newBackend();

    @Test
    @DisplayName("silently drops the writes to some keys: entries are lost")
    void droppedWritesAreLost() {
      LoadReport report = shortRun(() -> new BlackHoleKeysStorage(reference())).build().run();

      assertThat(report.passed()).isFalse();
      assertThat(report.readBack().lostEntries()).isPositive();
      assertThat(report.readBack().corruptEntries()).isZero();
      assertThat(report.readBack().unexpectedEntries()).isZero();
      assertThat(report.inconsistentReads()).isPositive();
      assertThat(report.disagreements())
          .as("saveIfAbsent calls that all claim to win")
          .isPositive();
      assertThat(report.summaryLine()).startsWith("[load] selftest: FAILED");
      assertThatThrownBy(report::assertPassed)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(report.readBack().lostEntries() + " entries were lost")
          .hasMessageContaining("read back: lost: key 'selftest-user");
    }

    @Test
    @DisplayName("saves by rewriting the whole user map: concurrent saves lose entries")
    void readModifyWriteLosesEntries() {
      LoadReport report =
          shortRun(() -> new LossyReadModifyWriteStorage(lossyUsers)).keys(4).build().run();

      assertThat(report.passed()).isFalse();
      assertThat(report.readBack().lostEntries()).isPositive();
      assertThat(report.readBack().corruptEntries())
          .as("entries set back to older values")
          .isPositive();
      assertThat(report.inconsistentReads()).isPositive();
      assertThat(report.failures()).anyMatch(failure -> failure.endsWith("entries were lost"));
    }

    @Test
    @DisplayName("does not store a field: entries are corrupt, naming the field")
    void droppedFieldIsCorrupt() {
      LoadReport report = shortRun(() -> new FieldDroppingStorage(reference())).build().run();

      assertThat(report.passed()).isFalse();
      assertThat(report.readBack().corruptEntries()).isPositive();
      assertThat(report.readBack().lostEntries()).isZero();
      assertThat(report.problems())
          .anyMatch(problem -> problem.contains("differing in [secondaryExposures]"));
    }

    @Test
    @DisplayName("lets two racing saveIfAbsent calls both write: callers disagree on the winner")
    void nonAtomicSaveIfAbsentDisagrees() {
      LoadReport report =
          shortRun(() -> new NonAtomicSaveIfAbsentStorage(reference()))
              .weight(LoadOperation.CONTENDED_SAVE_IF_ABSENT, 50)
              .build()
              .run();

      assertThat(report.disagreements()).isPositive();
      assertThat(report.failures()).anyMatch(failure -> failure.contains("more than one winner"));
    }

    @Test
    @DisplayName("throws: every error is counted, and the first is the failure's cause")
    void errorsAreCounted() {
      LoadReport report =
          shortRun(
                  () ->
                      new ForwardingStorage(reference()) {
                        @Override
                        public Map<String, UserPersistedValues> loadAll(Collection<String> keys) {
                          throw StorageException.of(
                              "loadAll", String.join(",", keys), new IOException("injected"));
                        }
                      })
              .build()
              .run();

      assertThat(report.operations().get(LoadOperation.LOAD_ALL).errors())
          .isPositive()
          .isEqualTo(report.operations().get(LoadOperation.LOAD_ALL).calls())
          .isEqualTo(report.errors());
      assertThat(report.operations().get(LoadOperation.LOAD).errors()).isZero();
      assertThat(report.readBack().isClean()).as("nothing else went wrong").isTrue();
      assertThatThrownBy(report::assertPassed)
          .hasMessageContaining(report.errors() + " storage calls threw")
          .hasCauseInstanceOf(StorageException.class);
    }

    @Test
    @DisplayName("keeps memory it never frees: the heap grows beyond the bound")
    void leakFailsTheHeapBound() {
      Queue<byte[]> leak = LeakingStorage.newLeak();
      LoadReport report =
          shortRun(() -> new LeakingStorage(reference(), leak))
              .allowedHeapGrowthBytes(8 * MEBIBYTE)
              .build()
              .run();

      assertThat(report.heap().growthBytes()).isGreaterThan(8 * MEBIBYTE);
      assertThat(report.heap().isStable()).isFalse();
      assertThat(report.readBack().isClean()).isTrue();
      assertThat(report.failures())
          .singleElement()
          .asString()
          .startsWith("the heap grew by")
          .endsWith("more than the 8.0 MiB allowed");
      assertThat(leak).isNotEmpty();
    }
  }

  @Nested
  @DisplayName("as a JUnit test (PersistentStorageLoadTest)")
  class AsJUnitTest {
    private Events run(Class<?> loadRun) {
      String previous = System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, "PT1S");
      try {
        return EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(loadRun))
            .execute()
            .testEvents();
      } finally {
        if (previous == null) {
          System.clearProperty(PersistentStorageLoadTest.DURATION_PROPERTY);
        } else {
          System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, previous);
        }
      }
    }

    @Test
    @DisplayName("is tagged 'load', passes over a correct adapter and writes its report")
    void passesAndWritesTheReport() throws IOException {
      Events tests = run(ReferenceLoadRun.class);

      assertThat(tests.succeeded().count()).isEqualTo(1);
      Event finished = tests.finished().list().get(0);
      assertThat(finished.getTestDescriptor().getTags()).contains(TestTag.create("load"));
      String report = Files.readString(LoadTestRuns.REPORT_FOLDER.resolve("reference.md"));
      assertThat(report).startsWith("# Sustained load: reference\n\n**PASSED**");
      assertThat(report).contains("8 threads for 1.");
    }

    @Test
    @DisplayName("fails over an adapter that loses entries, saying how many")
    void failsOverALossyAdapter() {
      Events tests = run(BlackHoleLoadRun.class);

      assertThat(tests.failed().count()).isEqualTo(1);
      Throwable failure =
          tests
              .failed()
              .list()
              .get(0)
              .getPayload(TestExecutionResult.class)
              .flatMap(TestExecutionResult::getThrowable)
              .orElseThrow();
      assertThat(failure)
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("black-hole failed the sustained load run: ")
          .hasMessageContaining("entries were lost");
    }

    @Test
    @DisplayName("takes its duration from pa.load.duration, and rejects a malformed one by name")
    void durationProperty() {
      String previous = System.getProperty(PersistentStorageLoadTest.DURATION_PROPERTY);
      try {
        System.clearProperty(PersistentStorageLoadTest.DURATION_PROPERTY);
        assertThat(PersistentStorageLoadTest.configuredDuration())
            .isEqualTo(Duration.ofSeconds(10));
        System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, " PT15S ");
        assertThat(PersistentStorageLoadTest.configuredDuration())
            .isEqualTo(Duration.ofSeconds(15));
        System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, "15s");
        assertThatThrownBy(PersistentStorageLoadTest::configuredDuration)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("pa.load.duration must be an ISO-8601 duration such as PT15S, was '15s'");
        System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, "PT0S");
        assertThatThrownBy(PersistentStorageLoadTest::configuredDuration)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("pa.load.duration must be positive, was PT0S");
      } finally {
        if (previous == null) {
          System.clearProperty(PersistentStorageLoadTest.DURATION_PROPERTY);
        } else {
          System.setProperty(PersistentStorageLoadTest.DURATION_PROPERTY, previous);
        }
      }
    }
  }

  @Nested
  @DisplayName("rejects bad settings, naming them")
  class BadSettings {
    private SustainedLoad.Builder builder() {
      return SustainedLoad.builder(SustainedLoadSelfTest.this::reference);
    }

    @Test
    @DisplayName("counts below one, negative sizes and a null factory")
    void counts() {
      assertThatThrownBy(() -> SustainedLoad.builder(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("storages must not be null");
      assertThatThrownBy(() -> builder().threads(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("threads must be at least 1, was 0");
      assertThatThrownBy(() -> builder().keys(0)).hasMessage("keys must be at least 1, was 0");
      assertThatThrownBy(() -> builder().configsPerThread(-1))
          .hasMessage("configsPerThread must be at least 1, was -1");
      assertThatThrownBy(() -> builder().contendedEntries(0))
          .hasMessage("contendedEntries must be at least 1, was 0");
      assertThatThrownBy(() -> builder().loadAllBatch(0))
          .hasMessage("loadAllBatch must be at least 1, was 0");
      assertThatThrownBy(() -> builder().largestValuePadding(-1))
          .hasMessage("largestValuePadding must not be negative, was -1");
      assertThatThrownBy(() -> builder().allowedHeapGrowthBytes(-1))
          .hasMessage("allowedHeapGrowthBytes must not be negative, was -1");
      assertThatThrownBy(() -> builder().name(" ")).hasMessage("name must not be blank");
      assertThatThrownBy(() -> builder().keyPrefix(null)).hasMessage("keyPrefix must not be null");
    }

    @Test
    @DisplayName("durations that are not positive, or a warm-up as long as the run")
    void durations() {
      assertThatThrownBy(() -> builder().duration(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("duration must be positive, was PT0S");
      assertThatThrownBy(() -> builder().warmUp(Duration.ofSeconds(-1)))
          .hasMessage("warmUp must not be negative, was PT-1S");
      assertThatThrownBy(
              () -> builder().duration(Duration.ofSeconds(2)).warmUp(Duration.ofSeconds(2)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("warmUp must be shorter than duration, was PT2S for a duration of PT2S");
    }

    @Test
    @DisplayName("a negative weight, or a mix with no operation in it")
    void weights() {
      assertThatThrownBy(() -> builder().weight(LoadOperation.SAVE, -1))
          .hasMessage("the weight of SAVE must not be negative, was -1");
      assertThatThrownBy(() -> builder().weight(null, 1)).hasMessage("operation must not be null");
      SustainedLoad.Builder nothing = builder();
      for (LoadOperation operation : LoadOperation.values()) {
        nothing.weight(operation, 0);
      }
      assertThatThrownBy(nothing::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the operation mix must give at least one operation a positive weight");
    }

    @Test
    @DisplayName("a factory that returns null fails the run before anything starts")
    void nullFactory() {
      SustainedLoad load = SustainedLoad.builder(() -> null).build();
      assertThatThrownBy(load::run)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the storage factory returned null");
    }
  }
}
