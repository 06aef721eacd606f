package io.github.persistentassignment.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PersistentAssignmentMetrics")
class PersistentAssignmentMetricsTest {
  private static final Experiment CHECKOUT =
      Experiment.builder("checkout_button")
          .group("Control", 50, Map.of("color", "blue"))
          .group("Test", 50, Map.of("color", "green"))
          .build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemoryPersistentStorage storage = InMemoryPersistentStorage.create();

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  private PersistentAssignment over(Experiment experiment, PersistentAssignmentMetrics metrics) {
    return PersistentAssignment.builder()
        .storage(storage)
        .evaluator(ExperimentCatalog.builder().experiment(experiment).build())
        .decisionListener(metrics)
        .build();
  }

  private static double decisions(MeterRegistry registry, String reason) {
    return registry
        .get(PersistentAssignmentMetrics.DECISIONS)
        .tag("reason", reason)
        .counter()
        .count();
  }

  private double decisions(String reason) {
    return decisions(registry, reason);
  }

  @Nested
  @DisplayName("the decision counter")
  class Decisions {
    @Test
    @DisplayName("counts every reason through a real PersistentAssignment and catalog")
    void everyReason() {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      PersistentAssignment assignment = over(CHECKOUT, metrics);
      metrics.monitor(assignment).bindTo(registry);

      UserAssignments alice = assignment.forUser(User.of("alice"));
      alice.getExperiment("checkout_button"); // evaluated and saved
      assignment.forUser(User.of("alice")).getExperiment("checkout_button"); // persisted
      assignment.forUser(User.of("bob")).getExperiment("checkout_button"); // evaluated
      alice.getExperiment("no_such_experiment"); // unrecognized
      PersistentAssignment excluding =
          over(CHECKOUT.toBuilder().version(2).excludeBelowVersion(2).build(), metrics);
      excluding.forUser(User.of("alice")).getExperiment("checkout_button"); // excluded
      storage.close(); // every later call of the storage fails
      assignment.forUser(User.of("carol")).getExperiment("checkout_button"); // unavailable

      assertThat(decisions("evaluated")).isEqualTo(2);
      assertThat(decisions("persisted")).isEqualTo(1);
      assertThat(decisions("unrecognized")).isEqualTo(1);
      assertThat(decisions("excluded")).isEqualTo(1);
      assertThat(decisions("storage_unavailable")).isEqualTo(1);
    }

    @Test
    @DisplayName("counts the decisions of the two-step API and of opt-outs too")
    void twoStepAndOptOut() {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      PersistentAssignment assignment = over(CHECKOUT, metrics);
      metrics.bindTo(registry);
      User dave = User.of("dave");

      assignment.getExperiment(
          dave,
          "checkout_button",
          ExperimentOptions.persisted(assignment.getUserPersistedValues(dave, "userID")));
      assignment.getExperiment(
          dave,
          "checkout_button",
          ExperimentOptions.persisted(assignment.getUserPersistedValues(dave, "userID")));
      assignment.forUser(dave).optOut("checkout_button");

      assertThat(decisions("evaluated")).isEqualTo(2);
      assertThat(decisions("persisted")).isEqualTo(1);
    }

    @Test
    @DisplayName("has one counter per reason, at zero, as soon as it is bound")
    void registeredAtBind() {
      new PersistentAssignmentMetrics(Tags.of("app", "shop")).bindTo(registry);

      for (Reason reason : Reason.values()) {
        Counter counter =
            registry
                .get(PersistentAssignmentMetrics.DECISIONS)
                .tags("app", "shop", "reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .counter();
        assertThat(counter.count()).as(reason.name()).isZero();
      }
      assertThat(registry.find(PersistentAssignmentMetrics.DECISIONS).counters()).hasSize(5);
    }

    @Test
    @DisplayName("does not count decisions made before it was bound")
    void beforeBinding() {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      PersistentAssignment assignment = over(CHECKOUT, metrics);
      assignment.forUser(User.of("erin")).getExperiment("checkout_button");

      metrics.bindTo(registry);
      assignment.forUser(User.of("erin")).getExperiment("checkout_button");

      assertThat(decisions("evaluated")).isZero();
      assertThat(decisions("persisted")).isEqualTo(1);
    }

    @Test
    @DisplayName("counts in every registry it is bound to, and once when bound twice to one")
    void severalRegistries() {
      SimpleMeterRegistry other = new SimpleMeterRegistry();
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      PersistentAssignment assignment = over(CHECKOUT, metrics);
      metrics.bindTo(registry);
      metrics.bindTo(registry);
      metrics.bindTo(other);

      assignment.forUser(User.of("frank")).getExperiment("checkout_button");

      assertThat(decisions(registry, "evaluated")).isEqualTo(1);
      assertThat(decisions(other, "evaluated")).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("the storage failure and outage counters")
  class StorageCounters {
    private double read(String name) {
      return registry.get(name).tag("app", "shop").functionCounter().count();
    }

    @Test
    @DisplayName("read zero with nothing monitored")
    void nothingMonitored() {
      new PersistentAssignmentMetrics(Tags.of("app", "shop")).bindTo(registry);

      assertThat(read(PersistentAssignmentMetrics.STORAGE_FAILURES)).isZero();
      assertThat(read(PersistentAssignmentMetrics.STORAGE_OUTAGES)).isZero();
    }

    @Test
    @DisplayName("sum the monitored instances, added before or after binding, each once")
    void sumOverInstances() {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics(Tags.of("app", "shop"));
      PersistentAssignment first = over(CHECKOUT, metrics);
      PersistentAssignment second = over(CHECKOUT, metrics);
      metrics.monitor(first).monitor(first).bindTo(registry);
      metrics.monitor(second);
      storage.close(); // every later call of the storage fails

      first.forUser(User.of("gina")).getExperiment("checkout_button");
      first.forUser(User.of("hank")).getExperiment("checkout_button");
      second.forUser(User.of("gina")).getExperiment("checkout_button");

      assertThat(first.storageFailures()).isEqualTo(2);
      assertThat(read(PersistentAssignmentMetrics.STORAGE_FAILURES)).isEqualTo(3);
      assertThat(read(PersistentAssignmentMetrics.STORAGE_OUTAGES))
          .as("one outage seen by each instance")
          .isEqualTo(2);
      FunctionCounter failures =
          registry.get(PersistentAssignmentMetrics.STORAGE_FAILURES).functionCounter();
      assertThat(failures.getId().getDescription()).isNotBlank();
    }
  }

  @Nested
  @DisplayName("arguments")
  class Arguments {
    @Test
    @DisplayName("a common tag may not use the key reason")
    void reservedKey() {
      assertThatThrownBy(() -> new PersistentAssignmentMetrics(Tags.of("reason", "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tags must not use the key 'reason'");
    }

    @Test
    @DisplayName("nulls are refused, naming the argument")
    void nulls() {
      PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics();
      assertThatThrownBy(() -> new PersistentAssignmentMetrics(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tags must not be null");
      assertThatThrownBy(() -> metrics.monitor(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("assignment must not be null");
      assertThatThrownBy(() -> metrics.bindTo(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("registry must not be null");
      assertThatThrownBy(() -> metrics.decided(null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("assignment must not be null");
    }
  }
}
