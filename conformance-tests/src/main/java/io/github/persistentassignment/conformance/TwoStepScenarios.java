package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.ExperimentOptions;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserPersistedValues;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shared assignment scenarios through the two-step API ({@link
 * PersistentAssignment#getUserPersistedValues}, then {@code getExperiment} or {@code getLayer} with
 * {@link ExperimentOptions}), plus what only that form can do: pass values loaded for one user with
 * another.
 */
abstract class TwoStepScenarios extends AssignmentScenarios {

  TwoStepScenarios(StorageUnderTest underTest) {
    super(underTest, AssignmentApi.TWO_STEP);
  }

  @Test
  @DisplayName(
      "values loaded for user A and passed with user B give A's group; saves and deletes use"
          + " B's key")
  void crossUser() {
    experiment().group(unit("alice"), "treatment").group(unit("bob"), "control");
    evaluator.experiment("second", ID_TYPE).everyoneElse("blue");
    PersistentAssignment assignment = over(storage());
    evaluate(assignment, user("alice"), EXPERIMENT);
    evaluate(assignment, user("bob"), EXPERIMENT);
    UserPersistedValues aliceValues = assignment.getUserPersistedValues(user("alice"), ID_TYPE);

    Assignment bobWithAlice =
        assignment.getExperiment(user("bob"), EXPERIMENT, ExperimentOptions.persisted(aliceValues));
    assertThat(bobWithAlice.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(bobWithAlice.groupName()).isEqualTo("treatment");

    assignment.getExperiment(user("bob"), "second", ExperimentOptions.persisted(aliceValues));
    assertThat(stored("bob", "second")).as("bob's new entry").isPresent();
    assertThat(stored("alice", "second")).as("alice's key").isEmpty();

    experiment().active(false);
    assignment.getExperiment(user("bob"), EXPERIMENT, ExperimentOptions.persisted(aliceValues));
    assertThat(stored("bob", EXPERIMENT)).as("bob's entry after the stop").isEmpty();
    assertThat(stored("alice", EXPERIMENT)).as("alice's entry after the stop").isPresent();
  }

  @Test
  @DisplayName(
      "getUserPersistedValues for a user without a unit ID of the id type is empty and"
          + " available, with no storage I/O")
  void missingUnitIdValues() {
    CountingStorage counting = new CountingStorage(storage());
    PersistentAssignment assignment = over(counting);
    for (User user :
        List.of(User.builder().customId("companyID", unit("acme")).build(), User.of(""))) {
      UserPersistedValues values = assignment.getUserPersistedValues(user, ID_TYPE);
      assertThat(values.isAvailable()).as("isAvailable()").isTrue();
      assertThat(values.isEmpty()).as("isEmpty()").isTrue();
    }
    assertThat(counting.calls()).as("storage calls").isZero();
  }

  @Test
  @DisplayName("an unknown experiment name causes no storage I/O")
  void unrecognizedNoIo() {
    CountingStorage counting = new CountingStorage(storage());
    PersistentAssignment assignment = over(counting);
    Assignment served =
        assignment.getExperiment(
            user("alice"),
            "no_such_experiment",
            ExperimentOptions.persisted(UserPersistedValues.empty()));
    assertThat(served.reason()).isEqualTo(Reason.UNRECOGNIZED);
    Assignment optedOut =
        assignment.getExperiment(user("alice"), "no_such_experiment", ExperimentOptions.optOut());
    assertThat(optedOut.reason()).isEqualTo(Reason.UNRECOGNIZED);
    assertThat(counting.calls()).as("storage calls").isZero();
  }
}
