package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.Enforce;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.UserAssignments;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shared assignment scenarios through {@link PersistentAssignment#forUser}, plus what only a
 * request's {@link UserAssignments} promises: it loads an id type's entries once, sees its own
 * writes, deletes only when told, and fails open for its whole life. Storage calls are counted
 * through {@link CountingStorage} in front of the adapter under test.
 */
abstract class ForUserScenarios extends AssignmentScenarios {

  ForUserScenarios(StorageUnderTest underTest) {
    super(underTest, AssignmentApi.FOR_USER);
  }

  @Test
  @DisplayName(
      "forUser(user) causes no I/O, and several experiments and a layer of one id type through"
          + " it load the user's entries exactly once")
  void oneLoadPerIdType() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("pricing", ID_TYPE).everyoneElse("discount");
    evaluator.experiment("banner", ID_TYPE).everyoneElse("blue");
    evaluator.experiment("green_button", ID_TYPE).everyoneElse("green");
    evaluator.layer("button_layer", "green_button");
    evaluate(over(storage()), user("alice"), EXPERIMENT);

    CountingStorage counting = new CountingStorage(storage());
    UserAssignments request = over(counting).forUser(user("alice"));
    assertThat(counting.calls()).as("storage calls of forUser(user)").isZero();
    assertThat(request.getExperiment(EXPERIMENT).reason()).isEqualTo(Reason.PERSISTED);
    assertThat(request.getExperiment("pricing").groupName()).isEqualTo("discount");
    assertThat(request.getExperiment("banner", Enforce.TARGETING).groupName()).isEqualTo("blue");
    assertThat(request.getLayer("button_layer").configDelegate()).isEqualTo("green_button");

    assertThat(counting.loads()).as("loads").isEqualTo(1);
    assertThat(counting.loadAlls()).as("loadAlls").isZero();
    assertThat(counting.saves()).as("saves of the three first assignments").isEqualTo(3);
    assertThat(counting.deletes()).as("deletes").isZero();
    assertThat(stored("alice", "pricing")).map(StickyValues::groupName).contains("discount");
  }

  @Test
  @DisplayName(
      "an experiment or layer evaluated again after its first assignment was saved is PERSISTED,"
          + " with no further I/O")
  void seesItsOwnSaves() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("green_button", ID_TYPE).everyoneElse("green");
    evaluator.layer("button_layer", "green_button");
    CountingStorage counting = new CountingStorage(storage());
    UserAssignments request = over(counting).forUser(user("alice"));
    Assignment first = request.getExperiment(EXPERIMENT);
    assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
    Assignment firstLayer = request.getLayer("button_layer");
    assertThat(firstLayer.reason()).isEqualTo(Reason.EVALUATED);
    int callsAfterFirstAssignments = counting.calls();

    experiment().everyoneElse("control");
    Assignment again = request.getExperiment(EXPERIMENT);
    assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo("treatment");
    assertThat(again.parameters()).isEqualTo(first.parameters());
    Assignment layerAgain = request.getLayer("button_layer");
    assertThat(layerAgain.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(layerAgain.parameters()).isEqualTo(firstLayer.parameters());
    assertThat(counting.calls())
        .as("storage calls after the first assignments")
        .isEqualTo(callsAfterFirstAssignments);
  }

  @Test
  @DisplayName(
      "preload of two id types loads both in one loadAll, and the evaluations that follow need"
          + " no load")
  void preloadTwoIdTypes() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("pricing", "companyID").everyoneElse("discount");
    User alice = User.builder().userId(unit("alice")).customId("companyID", unit("acme")).build();
    evaluate(over(storage()), alice, EXPERIMENT);

    CountingStorage counting = new CountingStorage(storage());
    UserAssignments request = over(counting).forUser(alice).preload(ID_TYPE, "companyID");
    assertThat(counting.loadAlls()).as("loadAlls of preload").isEqualTo(1);
    assertThat(counting.calls()).as("storage calls of preload").isEqualTo(1);

    assertThat(request.getExperiment(EXPERIMENT).reason()).isEqualTo(Reason.PERSISTED);
    Assignment pricing = request.getExperiment("pricing");
    assertThat(pricing.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(pricing.groupName()).isEqualTo("discount");
    request.preload(ID_TYPE, "companyID");
    assertThat(counting.loads()).as("loads (the id type without entries included)").isZero();
    assertThat(counting.loadAlls()).as("loadAlls").isEqualTo(1);
    assertThat(storage().load(unit("acme") + ":companyID").get("pricing"))
        .map(StickyValues::groupName)
        .contains("discount");
  }

  @Test
  @DisplayName("optOut deletes the experiment's entry and only that entry")
  void optOutDeletesOneEntry() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("other", ID_TYPE).everyoneElse("blue");
    PersistentAssignment direct = over(storage());
    evaluate(direct, user("alice"), EXPERIMENT);
    evaluate(direct, user("alice"), "other");
    evaluate(direct, user("bob"), EXPERIMENT);
    experiment().everyoneElse("control");

    CountingStorage counting = new CountingStorage(storage());
    UserAssignments request = over(counting).forUser(user("alice"));
    assertThat(request.getExperiment(EXPERIMENT).groupName()).isEqualTo("treatment");
    Assignment optedOut = request.optOut(EXPERIMENT);
    assertThat(optedOut.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(optedOut.groupName()).isEqualTo("control");

    assertThat(counting.deletes()).as("deletes").isEqualTo(1);
    assertThat(stored("alice", EXPERIMENT)).as("alice's opted-out entry").isEmpty();
    assertThat(stored("alice", "other")).as("alice's other entry").isPresent();
    assertThat(stored("bob", EXPERIMENT)).as("bob's entry of the experiment").isPresent();
  }

  @Test
  @DisplayName("an inactive experiment the user has no entry for causes no delete")
  void inactiveWithoutEntryNoDelete() {
    experiment().everyoneElse("treatment").active(false);
    evaluator.experiment("other", ID_TYPE).everyoneElse("blue");
    evaluate(over(storage()), user("alice"), "other");

    CountingStorage counting = new CountingStorage(storage());
    Assignment served = over(counting).forUser(user("alice")).getExperiment(EXPERIMENT);
    assertThat(served.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(served.experimentActive()).isFalse();
    assertThat(counting.deletes()).as("deletes").isZero();
    assertThat(counting.saves()).as("saves").isZero();
    assertThat(counting.loads()).as("loads").isEqualTo(1);
    assertThat(stored("alice", "other")).as("alice's other entry").isPresent();
  }

  @Test
  @DisplayName(
      "when the load fails, every evaluation through that forUser(user) is STORAGE_UNAVAILABLE,"
          + " even after storage is back, and nothing is saved or deleted")
  void failedLoadFailsOpenForTheRequest() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("stopped", ID_TYPE).everyoneElse("red");
    evaluator.experiment("fresh", ID_TYPE).everyoneElse("blue");
    evaluator.experiment("green_button", ID_TYPE).everyoneElse("green");
    evaluator.layer("button_layer", "green_button");
    PersistentAssignment direct = over(storage());
    evaluate(direct, user("alice"), EXPERIMENT);
    evaluate(direct, user("alice"), "stopped");
    StickyValues before = stored("alice", EXPERIMENT).orElseThrow();
    evaluator.experiment("stopped", ID_TYPE).active(false);
    experiment().everyoneElse("control");

    FailingStorage failing = new FailingStorage(storage());
    CountingStorage counting = new CountingStorage(failing);
    PersistentAssignment assignment = over(counting);
    UserAssignments request = assignment.forUser(user("alice"));
    failing.failingLoads(true);
    Assignment first = request.getExperiment(EXPERIMENT);
    assertThat(first.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(first.groupName()).isEqualTo("control");

    failing.failingLoads(false);
    assertThat(
            List.of(
                request.getExperiment(EXPERIMENT),
                request.getExperiment(EXPERIMENT, Enforce.TARGETING),
                request.getExperiment("stopped"),
                request.getExperiment("fresh"),
                request.getLayer("button_layer")))
        .as("reasons after storage is back")
        .extracting(Assignment::reason)
        .containsOnly(Reason.STORAGE_UNAVAILABLE);
    assertThatCode(() -> request.optOut(EXPERIMENT)).doesNotThrowAnyException();

    assertThat(counting.loads()).as("loads").isEqualTo(1);
    assertThat(counting.saves()).as("saves").isZero();
    assertThat(counting.deletes()).as("deletes").isZero();
    assertThat(assignment.storageFailures()).as("failures counted").isEqualTo(1);
    assertThat(stored("alice", EXPERIMENT)).as("the stored entry").contains(before);
    assertThat(stored("alice", "stopped")).as("the stopped experiment's entry").isPresent();
    assertThat(stored("alice", "fresh")).as("a first assignment's entry").isEmpty();
    assertThat(stored("alice", "button_layer")).as("the layer's entry").isEmpty();
    assertThat(assignment.forUser(user("alice")).getExperiment(EXPERIMENT).groupName())
        .as("the next request")
        .isEqualTo("treatment");
  }

  @Test
  @DisplayName("an unknown name, or a layer asked for as an experiment, causes no storage I/O")
  void unrecognizedNoIo() {
    experiment().everyoneElse("treatment");
    evaluator.layer("button_layer", EXPERIMENT);
    CountingStorage counting = new CountingStorage(storage());
    UserAssignments request = over(counting).forUser(user("alice"));
    assertThat(
            List.of(
                request.getExperiment("no_such_experiment"),
                request.getLayer("no_such_layer"),
                request.getLayer(EXPERIMENT),
                request.getExperiment("button_layer"),
                request.optOut("no_such_experiment")))
        .extracting(Assignment::reason)
        .containsOnly(Reason.UNRECOGNIZED);
    assertThat(counting.calls()).as("storage calls").isZero();
  }
}
