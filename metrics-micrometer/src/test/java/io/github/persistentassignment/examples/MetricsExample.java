package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.metrics.micrometer.MeteredPersistentStorage;
import io.github.persistentassignment.metrics.micrometer.PersistentAssignmentMetrics;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The metrics example of docs/metrics-and-cache.md. The region between the tags is copied onto
 * docs/metrics-and-cache.md, and {@code DocsSnippetsTest} fails when the two differ.
 */
@DisplayName("docs/metrics-and-cache.md metrics example")
class MetricsExample {
  private final ExperimentCatalog catalog =
      ExperimentCatalog.builder()
          .experiment(
              Experiment.builder("checkout_button")
                  .group("Control", 50, Map.of("color", "blue"))
                  .group("Test", 50, Map.of("color", "green"))
                  .build())
          .build();

  @Test
  @DisplayName("times the storage and counts decisions by reason, without Spring")
  void meters() {
    // tag::metrics[]
    MeterRegistry registry = new SimpleMeterRegistry(); // or your application's registry

    // Times every call: persistent.assignment.storage{operation, outcome, store=memory}
    PersistentStorage storage =
        MeteredPersistentStorage.builder(InMemoryPersistentStorage.create(), registry)
            .tag("store", "memory")
            .build();

    // Counts decisions by reason; reads the instance's storage failures and outages.
    PersistentAssignmentMetrics metrics = new PersistentAssignmentMetrics(Tags.of("app", "shop"));
    PersistentAssignment assignment =
        PersistentAssignment.builder()
            .storage(storage)
            .evaluator(catalog)
            .decisionListener(metrics)
            .build();
    metrics.monitor(assignment).bindTo(registry);

    assignment.forUser(User.of("test-123")).getExperiment("checkout_button"); // evaluated
    assignment.forUser(User.of("test-123")).getExperiment("checkout_button"); // persisted
    // end::metrics[]

    try (storage) {
      assertThat(count(registry, "evaluated")).isEqualTo(1);
      assertThat(count(registry, "persisted")).isEqualTo(1);
      assertThat(
              registry
                  .get("persistent.assignment.storage")
                  .tags("store", "memory", "operation", "saveIfAbsent", "outcome", "success")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(
              registry
                  .get("persistent.assignment.storage")
                  .tags("operation", "load", "outcome", "success")
                  .timer()
                  .count())
          .isEqualTo(2);
      assertThat(
              registry
                  .get("persistent.assignment.storage.failures")
                  .tag("app", "shop")
                  .functionCounter()
                  .count())
          .isZero();
    }
  }

  private static double count(MeterRegistry registry, String reason) {
    return registry
        .get("persistent.assignment.decisions")
        .tags("app", "shop", "reason", reason)
        .counter()
        .count();
  }
}
