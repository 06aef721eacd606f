package io.github.persistentassignment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.EnumerableStorage;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/lifecycle.md: each tagged region is copied onto docs/lifecycle.md ({@code DocsSnippetsTest}
 * fails when they differ) and the tests check what docs/lifecycle.md says of it.
 */
@DisplayName("docs/lifecycle.md lifecycle examples")
class LifecycleExample {
  private final EnumerableStorage storage = InMemoryPersistentStorage.create();

  private PersistentAssignment over(Experiment experiment) {
    ExperimentCatalog catalog = ExperimentCatalog.builder().experiment(experiment).build();
    return PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
  }

  static Experiment checkout() {
    // tag::fallback-id-type[]
    Experiment checkout =
        Experiment.builder("checkout_button")
            .idType("userID")
            .fallbackIdType("stableID") // visitors who are not logged in yet
            .group("Control", 50, Map.of("color", "blue"))
            .group("Test", 50, Map.of("color", "green"))
            .build();
    // end::fallback-id-type[]
    return checkout;
  }

  @Test
  @DisplayName("a visitor keeps the group after logging in")
  void anonymousThenLoggedIn() {
    PersistentAssignment assignment = over(checkout());
    // tag::login[]
    User visitor = User.builder().customId("stableID", "device-42").build();
    Assignment before = assignment.forUser(visitor).getExperiment("checkout_button");
    // stored under device-42:stableID

    User alice = User.builder().userId("alice").customId("stableID", "device-42").build();
    Assignment after = assignment.forUser(alice).getExperiment("checkout_button");
    // one loadAll of alice:userID and device-42:stableID; the same group, now under both keys
    // end::login[]
    assertThat(after.groupName()).isEqualTo(before.groupName());
    assertThat(after.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(storage.load("alice:userID").get("checkout_button")).contains(before.values());
  }

  @Test
  @DisplayName("version 2 re-randomizes or excludes the users of version 1")
  void versions() {
    over(checkout().toBuilder().version(1).build())
        .forUser(User.of("bob"))
        .getExperiment("checkout_button");
    // tag::versions[]
    // Re-randomize everyone assigned before version 2 (their entries are replaced on next visit):
    Experiment rerandomized = checkout().toBuilder().version(2).reassignBelowVersion(2).build();
    // ... or keep them out: they get the defaults (Reason.EXCLUDED) and nothing is saved.
    Experiment excluding = checkout().toBuilder().version(2).excludeBelowVersion(2).build();
    // end::versions[]
    Assignment excluded = over(excluding).forUser(User.of("bob")).getExperiment("checkout_button");
    assertThat(excluded.reason()).isEqualTo(Reason.EXCLUDED);
    assertThat(excluded.userInExperiment()).isFalse();
    Assignment again = over(rerandomized).forUser(User.of("bob")).getExperiment("checkout_button");
    assertThat(again.values().configVersion()).isEqualTo(2);
    assertThat(storage.load("bob:userID").get("checkout_button")).contains(again.values());
  }

  @Test
  @DisplayName("purge removes a stopped experiment's entries and deleteAll erases a person")
  void cleanUp() {
    PersistentAssignment assignment = over(checkout());
    assignment.forUser(User.of("carol")).getExperiment("checkout_button");
    assignment.forUser(User.of("dave")).getExperiment("checkout_button");
    // tag::clean-up[]
    // A stopped experiment: remove its entries for every user (an EnumerableStorage).
    long removed = storage.purge("checkout_button");

    // A person asks to be erased: every entry of each of their keys.
    storage.deleteAll("carol:userID");
    storage.deleteAll("device-42:stableID");
    // end::clean-up[]
    assertThat(removed).isEqualTo(2);
    assertThat(storage.load("dave:userID").asMap()).isEmpty();
  }
}
