package io.github.persistentassignment.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.StoredEntry;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("MeteredPersistentStorage")
class MeteredPersistentStorageTest {
  private static final StickyValues CONTROL = values("Control");
  private static final StickyValues TEST = values("Test");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryPersistentStorage memory = InMemoryPersistentStorage.create();

  static StickyValues values(String group) {
    return StickyValues.builder().value(true).groupName(group).jsonValue(Map.of()).build();
  }

  private Timer timer(String operation, String outcome) {
    return registry
        .get(MeteredPersistentStorage.TIMER)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .timer();
  }

  private long timedCalls() {
    return registry.find(MeteredPersistentStorage.TIMER).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  @Nested
  @DisplayName("timing")
  class Timing {
    @Test
    @DisplayName("every operation is timed once per call as a success, with a positive total time")
    void everyOperationTimed() {
      MeteredEnumerableStorage storage = MeteredEnumerableStorage.builder(memory, registry).build();

      storage.save("alice:userID", "exp", CONTROL);
      storage.save("alice:userID", "other", CONTROL);
      storage.load("alice:userID");
      storage.loadAll(List.of("alice:userID", "bob:userID"));
      storage.saveIfAbsent("bob:userID", "exp", TEST);
      storage.copyIfAbsent(new StoredEntry("carol:userID", "exp", TEST));
      storage.delete("bob:userID", "exp");
      storage.forEachEntry(entry -> {});
      storage.purge("other");
      storage.deleteAll("alice:userID");

      Map<String, Long> expected =
          Map.of(
              "save", 2L,
              "load", 1L,
              "loadAll", 1L,
              "saveIfAbsent", 1L,
              "copyIfAbsent", 1L,
              "delete", 1L,
              "forEachEntry", 1L,
              "purge", 1L,
              "deleteAll", 1L);
      expected.forEach(
          (operation, count) -> {
            Timer success = timer(operation, "success");
            assertThat(success.count()).as(operation).isEqualTo(count);
            assertThat(success.totalTime(TimeUnit.NANOSECONDS)).as(operation).isPositive();
            assertThat(timer(operation, "failure").count()).as(operation).isZero();
            assertThat(timer(operation, "rejected").count()).as(operation).isZero();
          });
      assertThat(timedCalls())
          .as("one sample per call, none for the delegate's own calls")
          .isEqualTo(10);
    }

    @Test
    @DisplayName("times calls on the registry's clock")
    void registryClock() {
      MockClock clock = new MockClock();
      SimpleMeterRegistry mocked = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
      PersistentStorage storage = MeteredPersistentStorage.builder(memory, mocked).build();

      storage.load("alice:userID");

      Timer load =
          mocked
              .get(MeteredPersistentStorage.TIMER)
              .tags("operation", "load", "outcome", "success")
              .timer();
      assertThat(load.count()).isEqualTo(1);
      assertThat(load.totalTime(TimeUnit.NANOSECONDS)).as("the mock clock stood still").isZero();
    }

    @Test
    @DisplayName("every timer is registered at build, so each series starts at zero")
    void registeredUpFront() {
      MeteredPersistentStorage.builder(memory, registry).tag("store", "memory").build();

      List<Timer> timers = new ArrayList<>(registry.find(MeteredPersistentStorage.TIMER).timers());
      assertThat(timers).hasSize(9 * 3);
      assertThat(timers)
          .allSatisfy(
              timer -> {
                assertThat(timer.count()).isZero();
                assertThat(timer.getId().getTag("store")).isEqualTo("memory");
              });
    }

    @Test
    @DisplayName(
        "a bad argument is recorded as rejected, not as a failure, and propagates unchanged")
    void badArgumentRejected() {
      PersistentStorage storage = MeteredPersistentStorage.builder(memory, registry).build();

      assertThatThrownBy(() -> storage.load(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("key");
      assertThatThrownBy(() -> storage.save("alice:userID", "exp", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("values");

      assertThat(timer("load", "rejected").count()).isEqualTo(1);
      assertThat(timer("save", "rejected").count()).isEqualTo(1);
      assertThat(timer("load", "failure").count()).isZero();
      assertThat(memory.load("alice:userID").isEmpty()).as("nothing written").isTrue();
    }

    @Test
    @DisplayName("a call after close is recorded as rejected")
    void closedRejected() {
      PersistentStorage storage = MeteredPersistentStorage.builder(memory, registry).build();
      storage.close();

      assertThatThrownBy(() -> storage.saveIfAbsent("alice:userID", "exp", CONTROL))
          .isInstanceOf(IllegalStateException.class);

      assertThat(timer("saveIfAbsent", "rejected").count()).isEqualTo(1);
      assertThat(timer("saveIfAbsent", "failure").count()).isZero();
    }

    @Test
    @DisplayName("an exception the enumeration's action throws propagates and is not recorded")
    void actionFailureNotRecorded() {
      MeteredEnumerableStorage storage = MeteredEnumerableStorage.builder(memory, registry).build();
      storage.save("alice:userID", "exp", CONTROL);
      IllegalStateException thrown = new IllegalStateException("the caller's own failure");

      assertThatThrownBy(
              () ->
                  storage.forEachEntry(
                      entry -> {
                        throw thrown;
                      }))
          .isSameAs(thrown);
      assertThatThrownBy(() -> storage.forEachEntry(null))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(timer("forEachEntry", "rejected").count()).as("the null action").isEqualTo(1);
      assertThat(timer("forEachEntry", "success").count()).isZero();
      assertThat(timer("forEachEntry", "failure").count()).isZero();
    }

    @Test
    @DisplayName("two decorators with the same tags share their timers")
    void sameTagsShareTimers() {
      PersistentStorage first = MeteredPersistentStorage.builder(memory, registry).build();
      PersistentStorage second =
          MeteredPersistentStorage.builder(InMemoryPersistentStorage.create(), registry).build();

      first.load("alice:userID");
      second.load("alice:userID");

      assertThat(timer("load", "success").count()).isEqualTo(2);
    }

    @Test
    @DisplayName("common tags tell storages apart")
    void commonTags() {
      PersistentStorage redis =
          MeteredPersistentStorage.builder(memory, registry)
              .tags(Tags.of("store", "redis", "region", "eu"))
              .build();
      PersistentStorage jdbc =
          MeteredPersistentStorage.builder(InMemoryPersistentStorage.create(), registry)
              .tag("store", "jdbc")
              .tag("region", "eu")
              .build();

      redis.load("alice:userID");
      redis.load("alice:userID");
      jdbc.load("alice:userID");

      assertThat(
              registry
                  .get(MeteredPersistentStorage.TIMER)
                  .tags("store", "redis", "region", "eu", "operation", "load", "outcome", "success")
                  .timer()
                  .count())
          .isEqualTo(2);
      assertThat(
              registry
                  .get(MeteredPersistentStorage.TIMER)
                  .tags("store", "jdbc", "operation", "load", "outcome", "success")
                  .timer()
                  .count())
          .isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("passing through")
  class PassingThrough {
    @Test
    @DisplayName("results are the wrapped storage's: saveIfAbsent reports the winner")
    void resultsUnchanged() {
      PersistentStorage storage = MeteredPersistentStorage.builder(memory, registry).build();

      assertThat(storage.saveIfAbsent("alice:userID", "exp", CONTROL)).isEmpty();
      assertThat(storage.saveIfAbsent("alice:userID", "exp", TEST)).contains(CONTROL);
      assertThat(storage.load("alice:userID").asMap()).isEqualTo(Map.of("exp", CONTROL));
      assertThat(memory.load("alice:userID").asMap()).isEqualTo(Map.of("exp", CONTROL));
      assertThat(storage.copyIfAbsent(new StoredEntry("alice:userID", "exp", TEST)))
          .isEqualTo(Optional.of(CONTROL));
    }

    @Test
    @DisplayName("over an enumerable storage the decorator is enumerable too")
    void enumerableStaysEnumerable() {
      PersistentStorage storage = MeteredPersistentStorage.builder(memory, registry).build();
      memory.save("alice:userID", "exp", CONTROL);
      memory.save("bob:userID", "exp", TEST);

      assertThat(storage).isInstanceOf(MeteredEnumerableStorage.class);
      List<String> keys = new ArrayList<>();
      ((EnumerableStorage) storage).forEachEntry(entry -> keys.add(entry.key()));
      assertThat(keys).containsExactlyInAnyOrder("alice:userID", "bob:userID");
      assertThat(((EnumerableStorage) storage).purge("exp")).isEqualTo(2);
      assertThat(memory.load("alice:userID").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("over a storage that cannot enumerate, it cannot either, and has no such timers")
    void plainStaysPlain() {
      PersistentStorage storage =
          MeteredPersistentStorage.builder(new NonEnumerableStorage(memory), registry).build();

      storage.save("alice:userID", "exp", CONTROL);
      storage.deleteAll("alice:userID");

      assertThat(storage).isNotInstanceOf(EnumerableStorage.class);
      assertThat(registry.find(MeteredPersistentStorage.TIMER).timers()).hasSize(7 * 3);
      assertThat(registry.find(MeteredPersistentStorage.TIMER).tag("operation", "purge").timers())
          .isEmpty();
      // deleteAll is timed once, though the interface's default does a load and deletes under it.
      assertThat(timer("deleteAll", "success").count()).isEqualTo(1);
      assertThat(timer("load", "success").count()).isZero();
      assertThat(memory.load("alice:userID").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("close() closes the wrapped storage, and closing twice is harmless")
    void closeClosesTheDelegate() {
      MeteredPersistentStorage storage = MeteredPersistentStorage.builder(memory, registry).build();

      storage.close();
      storage.close();

      assertThat(storage.delegate()).isSameAs(memory);
      assertThatThrownBy(() -> memory.load("alice:userID"))
          .isInstanceOf(IllegalStateException.class);
      assertThat(timedCalls()).as("close is not timed").isZero();
    }
  }

  @Nested
  @DisplayName("the builder")
  class Building {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operation", "outcome"})
    @DisplayName("refuses a common tag with a key the timers set themselves, at build")
    void reservedKeys(String key) {
      MeteredPersistentStorage.Builder<MeteredPersistentStorage> builder =
          MeteredPersistentStorage.builder(memory, registry).tag(key, "x");

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tags must not use the key '" + key + "'");
      assertThat(registry.getMeters()).as("nothing registered").isEmpty();
    }

    @Test
    @DisplayName("refuses null arguments, naming them")
    void nullArguments() {
      assertThatThrownBy(() -> MeteredPersistentStorage.builder(null, registry))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("storage must not be null");
      assertThatThrownBy(() -> MeteredEnumerableStorage.builder(memory, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("registry must not be null");
      var builder = MeteredPersistentStorage.builder(memory, registry);
      assertThatThrownBy(() -> builder.tag(" ", "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("key must not be blank");
      assertThatThrownBy(() -> builder.tag("store", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("value must not be null");
      assertThatThrownBy(() -> builder.tags(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tags must not be null");
    }

    @Test
    @DisplayName("does no I/O and registers nothing until build")
    void nothingBeforeBuild() {
      MeteredPersistentStorage.builder(memory, registry).tag("store", "memory");

      assertThat(registry.getMeters()).isEmpty();
    }
  }
}
