package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StorageKeys;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's "Coming from Statsig" example: the two-step form, for bridges and code ported from
 * Statsig. The region between the tags is copied into README.md, and {@code DocsSnippetsTest} fails
 * when the two differ; the tests here check what the README says about it.
 */
@DisplayName("The README two-step example")
class TwoStepExample {
  private static final ExperimentCatalog CATALOG = catalogAt(0);

  /** The example's catalog, stamped with a configuration time. */
  private static ExperimentCatalog catalogAt(long configTime) {
    return ExperimentCatalog.builder()
        .configTime(configTime)
        .experiment(
            Experiment.builder("checkout_button")
                .group("Control", 50, Map.of("color", "blue"))
                .group("Test", 50, Map.of("color", "green"))
                .build())
        .build();
  }

  /** Evaluates checkout_button twice as in the README, then opts the user out. */
  static List<Assignment> example(PersistentAssignment assignment) {
    // tag::two-step[]
    // Step 1: load the user's stored assignments for the experiment's id type.
    User user = User.of("test-123");
    UserPersistedValues stored = assignment.getUserPersistedValues(user, "userID");

    // Step 2: evaluate with them; a first assignment is saved, a stored one served.
    Assignment result =
        assignment.getExperiment(user, "checkout_button", ExperimentOptions.persisted(stored));
    Assignment enforced =
        assignment.getExperiment(
            user,
            "checkout_button",
            ExperimentOptions.builder()
                .userPersistedValues(assignment.getUserPersistedValues(user, "userID"))
                .enforceTargeting(true)
                .build());

    // The only options that delete: the user opts out, the stored entry is removed.
    Assignment optedOut =
        assignment.getExperiment(user, "checkout_button", ExperimentOptions.optOut());
    // end::two-step[]
    return List.of(result, enforced, optedOut);
  }

  @Test
  @DisplayName("saves, serves, then deletes only when told to opt out")
  void savesServesAndOptsOut() {
    try (PersistentStorage storage = InMemoryPersistentStorage.create()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(CATALOG).build();
      String key = StorageKeys.of(User.of("test-123"), "userID").orElseThrow();

      List<Assignment> results = example(assignment);

      assertThat(results)
          .extracting(Assignment::reason)
          .containsExactly(
              Assignment.Reason.EVALUATED,
              Assignment.Reason.PERSISTED,
              Assignment.Reason.EVALUATED);
      assertThat(results.get(1).groupName()).isEqualTo(results.get(0).groupName());
      assertThat(storage.load(key).isEmpty()).as("the entry after optOut()").isTrue();
    }
  }

  @Test
  @DisplayName("keeps the stored entry when the evaluation is not an opt-out")
  void persistedOptionsNeverDelete() {
    try (PersistentStorage storage = InMemoryPersistentStorage.create()) {
      PersistentAssignment assignment =
          PersistentAssignment.builder().storage(storage).evaluator(CATALOG).build();
      User user = User.of("test-123");
      Assignment first =
          assignment.getExperiment(
              user, "checkout_button", ExperimentOptions.persisted(UserPersistedValues.empty()));
      String key = StorageKeys.of(user, "userID").orElseThrow();

      // Values that miss the stored entry (a cache miss, say) neither delete nor replace it: the
      // first write wins and is served. (The configuration has changed meanwhile, so the live
      // result differs from the stored one; an identical result would count as this writer's own.)
      PersistentAssignment later =
          PersistentAssignment.builder().storage(storage).evaluator(catalogAt(1)).build();
      Assignment withEmpty =
          later.getExperiment(
              user, "checkout_button", ExperimentOptions.persisted(UserPersistedValues.empty()));

      assertThat(withEmpty.reason()).isEqualTo(Assignment.Reason.PERSISTED);
      assertThat(withEmpty.groupName()).isEqualTo(first.groupName());
      assertThat(storage.load(key).get("checkout_button")).isPresent();
    }
  }

  @Test
  @DisplayName("refuses null values and a builder told neither values nor optOut()")
  void refusesOptionsThatWouldDeleteSilently() {
    assertThatThrownBy(() -> ExperimentOptions.persisted(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userPersistedValues");
    assertThatThrownBy(() -> ExperimentOptions.builder().enforceTargeting(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("optOut()");
  }
}
