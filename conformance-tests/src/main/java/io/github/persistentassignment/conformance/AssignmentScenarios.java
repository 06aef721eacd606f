package io.github.persistentassignment.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.Enforce;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The assignment scenarios that hold whichever API a service calls. {@link
 * PersistentStorageConformanceTest} runs them once through each {@link AssignmentApi}; unless a
 * scenario says otherwise each evaluation is a request of its own, as on a live service.
 */
abstract class AssignmentScenarios extends AssignmentScenarioSupport {
  private static final int RACE_SERVERS = 8;
  private static final int RACE_ROUNDS = 5;

  AssignmentScenarios(StorageUnderTest underTest, AssignmentApi api) {
    super(underTest, api);
  }

  @Test
  @DisplayName("a first assignment to an experiment group is saved as it was served")
  void saveOnFirst() {
    experiment().group(unit("alice"), "treatment");
    Assignment served = evaluate(over(storage()), user("alice"), EXPERIMENT);

    assertThat(served.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(served.groupName()).isEqualTo("treatment");
    StickyValues stored = stored("alice", EXPERIMENT).orElseThrow();
    assertThat(stored).isEqualTo(live(user("alice"), EXPERIMENT).values());
    assertThat(stored.groupName()).isEqualTo(served.groupName());
    assertThat(stored.ruleId()).isEqualTo(served.ruleId());
    assertThat(stored.jsonValue()).isEqualTo(served.parameters());
    assertThat(stored.secondaryExposures()).isEqualTo(served.secondaryExposures());
  }

  @Test
  @DisplayName("a custom-ID experiment is stored under \"<unitID>:<idType>\" of that ID")
  void customIdType() {
    evaluator.experiment("pricing", "companyID").everyoneElse("discount");
    User user = User.builder().userId(unit("alice")).customId("companyID", unit("acme")).build();
    request(over(storage()), user).experiment("pricing");

    assertThat(storage().load(unit("acme") + ":companyID").get("pricing"))
        .map(StickyValues::groupName)
        .contains("discount");
    assertNoEntries(storage().load(storageKey("alice")), "alice's userID key");
  }

  @Test
  @DisplayName(
      "after the allocation and weights change the user keeps the stored group, and a new"
          + " user follows the new split")
  void loadOnRepeat() {
    experiment().everyoneElse("treatment");
    PersistentAssignment assignment = over(storage());
    Assignment first = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(first.groupName()).isEqualTo("treatment");

    experiment().everyoneElse("control").group(unit("alice"), "control");
    Assignment again = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo("treatment");
    assertThat(again.parameters()).isEqualTo(first.parameters());

    Assignment newcomer = evaluate(assignment, user("bob"), EXPERIMENT);
    assertThat(newcomer.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(newcomer.groupName()).isEqualTo("control");
    assertThat(stored("bob", EXPERIMENT)).map(StickyValues::groupName).contains("control");
    assertThat(stored("alice", EXPERIMENT)).map(StickyValues::groupName).contains("treatment");
  }

  @Test
  @DisplayName("an experiment that stopped deletes the stored entry and serves the live result")
  void deleteOnInactive() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("other", ID_TYPE).everyoneElse("blue");
    PersistentAssignment assignment = over(storage());
    evaluate(assignment, user("alice"), EXPERIMENT);
    evaluate(assignment, user("alice"), "other");
    assertThat(stored("alice", EXPERIMENT)).isPresent();

    experiment().active(false);
    Assignment served = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(served.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(served.experimentActive()).isFalse();
    assertThat(stored("alice", EXPERIMENT)).as("the stopped experiment's entry").isEmpty();
    assertThat(stored("alice", "other")).as("another experiment's entry").isPresent();
  }

  @Test
  @DisplayName("opting out deletes the stored entry and serves the live result")
  void deleteOnOptOut() {
    experiment().everyoneElse("treatment");
    evaluator.experiment("other", ID_TYPE).everyoneElse("blue");
    PersistentAssignment assignment = over(storage());
    evaluate(assignment, user("alice"), EXPERIMENT);
    evaluate(assignment, user("alice"), "other");

    experiment().everyoneElse("control");
    Assignment served = request(assignment, user("alice")).optOut(EXPERIMENT);
    assertThat(served.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(served.groupName()).isEqualTo("control");
    assertThat(stored("alice", EXPERIMENT)).as("the opted-out experiment's entry").isEmpty();
    assertThat(stored("alice", "other")).as("another experiment's entry").isPresent();
  }

  @Test
  @DisplayName("a live result outside the experiment's groups is served and not saved")
  void noSaveOutsideExperimentGroup() {
    experiment().outsideAllocation(unit("alice")).override(unit("carol"), "override_group");
    PersistentAssignment assignment = over(storage());

    Assignment outside = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(outside.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(outside.groupName()).isNull();
    Assignment overridden = evaluate(assignment, user("carol"), EXPERIMENT);
    assertThat(overridden.groupName()).isEqualTo("override_group");

    assertNoEntries(storage().load(storageKey("alice")), "alice");
    assertNoEntries(storage().load(storageKey("carol")), "carol");
  }

  @Test
  @DisplayName(
      "enforcing targeting, a user who now fails targeting gets the live result, and the stored"
          + " entry is kept")
  void enforceTargeting() {
    experiment().everyoneElse("treatment");
    PersistentAssignment assignment = over(storage());
    evaluate(assignment, user("alice"), EXPERIMENT);
    StickyValues before = stored("alice", EXPERIMENT).orElseThrow();

    experiment().failsTargeting(unit("alice"), true);
    Assignment enforced =
        request(assignment, user("alice")).experiment(EXPERIMENT, Enforce.TARGETING);
    assertThat(enforced.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(enforced.groupName()).isNull();
    assertThat(stored("alice", EXPERIMENT)).as("storage untouched").contains(before);

    Assignment notEnforced = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(notEnforced.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(notEnforced.groupName()).isEqualTo("treatment");
  }

  @Test
  @DisplayName(
      "enforcing overrides, a user now overridden gets the override, and the stored entry is"
          + " kept")
  void enforceOverrides() {
    experiment().everyoneElse("treatment");
    PersistentAssignment assignment = over(storage());
    evaluate(assignment, user("alice"), EXPERIMENT);
    StickyValues before = stored("alice", EXPERIMENT).orElseThrow();

    experiment().override(unit("alice"), "override_group");
    Assignment enforced =
        request(assignment, user("alice")).experiment(EXPERIMENT, Enforce.OVERRIDES);
    assertThat(enforced.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(enforced.groupName()).isEqualTo("override_group");
    assertThat(stored("alice", EXPERIMENT)).as("storage untouched").contains(before);

    Assignment notEnforced = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(notEnforced.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(notEnforced.groupName()).isEqualTo("treatment");
  }

  @Test
  @DisplayName(
      "a layer is stored under the layer's name with its experiment as configDelegate, and"
          + " keeps it when the layer reallocates")
  void layers() {
    evaluator.experiment("green_button", ID_TYPE).everyoneElse("green");
    evaluator.experiment("big_button", ID_TYPE).everyoneElse("big");
    evaluator.layer("button_layer", "green_button");
    PersistentAssignment assignment = over(storage());

    Assignment first = request(assignment, user("alice")).layer("button_layer");
    assertThat(first.configDelegate()).isEqualTo("green_button");
    StickyValues stored = stored("alice", "button_layer").orElseThrow();
    assertThat(stored.configDelegate()).isEqualTo("green_button");
    assertThat(stored.groupName()).isEqualTo("green");
    assertThat(stored.explicitParameters()).isNotNull();
    assertThat(stored("alice", "green_button")).as("entry under the experiment's name").isEmpty();

    evaluator.layer("button_layer", "big_button");
    Assignment again = request(assignment, user("alice")).layer("button_layer");
    assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(again.configDelegate()).isEqualTo("green_button");
    assertThat(again.groupName()).isEqualTo("green");
    assertThat(again.parameters()).isEqualTo(first.parameters());
  }

  @Test
  @DisplayName(
      "when another writer saved after the request loaded, the request serves the winner's group,"
          + " and so do its later evaluations")
  void concurrentFirstAssignment() {
    experiment().everyoneElse("control");
    PersistentAssignment assignment = over(storage());
    AssignmentApi.Request request = request(assignment, user("alice")).loadNow(ID_TYPE);
    StickyValues winner =
        live(user("alice"), EXPERIMENT).values().toBuilder()
            .groupName("treatment")
            .jsonValue(Map.of("group", "treatment"))
            .build();
    newStorage().save(storageKey("alice"), EXPERIMENT, winner);

    Assignment served = request.experiment(EXPERIMENT);
    assertThat(served.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(served.groupName()).isEqualTo("treatment");
    Assignment again = request.experiment(EXPERIMENT);
    assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(again.groupName()).isEqualTo("treatment");
    assertThat(stored("alice", EXPERIMENT)).contains(winner);
  }

  @Test
  @DisplayName(
      "when 8 servers, each with its own live answer, assign a new user at once, every one"
          + " serves the one group that was stored")
  void firstAssignmentRace() throws Exception {
    List<PersistentStorage> instances =
        List.of(storage(), newStorage(), newStorage(), newStorage());
    ExecutorService pool = Executors.newFixedThreadPool(RACE_SERVERS);
    try {
      for (int round = 0; round < RACE_ROUNDS; round++) {
        User user = user("racer-" + round);
        CyclicBarrier start = new CyclicBarrier(RACE_SERVERS);
        List<Future<Assignment>> requests = new ArrayList<>();
        for (int server = 0; server < RACE_SERVERS; server++) {
          ScriptedEvaluator own = new ScriptedEvaluator();
          own.experiment(EXPERIMENT, ID_TYPE).everyoneElse("group-" + server);
          PersistentAssignment assignment =
              PersistentAssignment.builder()
                  .storage(instances.get(server % instances.size()))
                  .evaluator(own)
                  .build();
          AssignmentApi.Request request = request(assignment, user, own);
          requests.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return request.experiment(EXPERIMENT);
                  }));
        }
        List<Assignment> served = new ArrayList<>();
        for (Future<Assignment> request : requests) {
          served.add(request.get(60, TimeUnit.SECONDS));
        }
        String storedGroup =
            stored("racer-" + round, EXPERIMENT).map(StickyValues::groupName).orElseThrow();
        assertThat(served)
            .as("round %d: the groups served", round)
            .extracting(Assignment::groupName)
            .containsOnly(storedGroup);
        assertThat(served)
            .filteredOn(assignment -> assignment.reason() == Reason.EVALUATED)
            .as("round %d: requests served their own live result (the one that saved)", round)
            .hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a user without a unit ID for the experiment causes no storage I/O")
  void missingUnitIdNoIo() {
    experiment().everyoneElse("treatment");
    CountingStorage counting = new CountingStorage(storage());
    PersistentAssignment assignment = over(counting);
    for (User user :
        List.of(User.builder().customId("companyID", unit("acme")).build(), User.of(""))) {
      AssignmentApi.Request request = request(assignment, user).loadNow(ID_TYPE);
      Assignment served = request.experiment(EXPERIMENT);
      assertThat(served.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(served.groupName()).isEqualTo("treatment");
      request.optOut(EXPERIMENT);
    }
    assertThat(counting.calls()).as("storage calls").isZero();
  }

  @Test
  @DisplayName(
      "while storage fails the user gets the live result without an exception and keeps the"
          + " stored entry; once storage is back the stored group is served again")
  void failingStorageFailsOpen() {
    experiment().everyoneElse("treatment");
    FailingStorage failing = new FailingStorage(storage());
    PersistentAssignment assignment = over(failing);
    evaluate(assignment, user("alice"), EXPERIMENT);
    StickyValues before = stored("alice", EXPERIMENT).orElseThrow();
    experiment().everyoneElse("control");

    failing.failing(true);
    Assignment duringOutage = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(duringOutage.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(duringOutage.groupName()).isEqualTo("control");
    assertThatCode(() -> request(assignment, user("alice")).optOut(EXPERIMENT))
        .as("an opt-out whose delete fails")
        .doesNotThrowAnyException();
    assertThat(assignment.storageFailures())
        .as("failures counted")
        .isEqualTo(failing.failures())
        .isPositive();
    assertThat(stored("alice", EXPERIMENT)).as("the stored entry, read directly").contains(before);

    failing.failing(false);
    Assignment afterOutage = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(afterOutage.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(afterOutage.groupName()).isEqualTo("treatment");
  }

  @Test
  @DisplayName(
      "when only saves fail, a first assignment is served live without an exception, and a"
          + " request after storage is back saves it")
  void failingSaveFailsOpen() {
    experiment().everyoneElse("treatment");
    FailingStorage failing = new FailingStorage(storage());
    PersistentAssignment assignment = over(failing);

    failing.failingWrites(true);
    Assignment unsaved = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(unsaved.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(unsaved.groupName()).isEqualTo("treatment");
    assertThat(stored("alice", EXPERIMENT)).as("entry while saves fail").isEmpty();
    assertThat(assignment.storageFailures()).isEqualTo(failing.failures()).isPositive();

    failing.failingWrites(false);
    evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(stored("alice", EXPERIMENT)).map(StickyValues::groupName).contains("treatment");
    Assignment again = evaluate(assignment, user("alice"), EXPERIMENT);
    assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
  }
}
