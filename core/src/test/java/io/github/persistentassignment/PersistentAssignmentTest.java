package io.github.persistentassignment;

import static io.github.persistentassignment.ScriptedEvaluator.evaluation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.Assignment.Reason;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("PersistentAssignment")
class PersistentAssignmentTest {
  static final String EXPERIMENT = "checkout_button";
  static final User ALICE = User.of("alice");
  static final String ALICE_KEY = "alice:userID";

  final RecordingStorage storage = new RecordingStorage();
  final ScriptedEvaluator evaluator = new ScriptedEvaluator().experiment(EXPERIMENT, "Test");
  final PersistentAssignment assignment =
      PersistentAssignment.builder().storage(storage).evaluator(evaluator).build();

  Assignment evaluate(User user, UserPersistedValues values) {
    return assignment.getExperiment(user, EXPERIMENT, ExperimentOptions.persisted(values));
  }

  static StickyValues stored(String group) {
    return evaluation(EXPERIMENT, group, true, true).values();
  }

  @Nested
  @DisplayName("step 1: an unknown name")
  class Unknown {
    @Test
    @DisplayName("is UNRECOGNIZED and touches no storage")
    void unrecognized() {
      Assignment result =
          assignment.getExperiment(
              ALICE,
              "no_such_experiment",
              ExperimentOptions.persisted(UserPersistedValues.empty()));
      assertThat(result.reason()).isEqualTo(Reason.UNRECOGNIZED);
      assertThat(result.groupName()).isNull();
      assertThat(result.parameters()).isEmpty();
      assertThat(assignment.getExperiment(ALICE, "gone", ExperimentOptions.optOut()).reason())
          .isEqualTo(Reason.UNRECOGNIZED);
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("of the wrong kind (a layer asked as an experiment) is UNRECOGNIZED")
    void wrongKind() {
      evaluator.layer("checkout_layer", EXPERIMENT);
      assertThat(
              assignment
                  .getExperiment(ALICE, "checkout_layer", ExperimentOptions.optOut())
                  .reason())
          .isEqualTo(Reason.UNRECOGNIZED);
      assertThat(assignment.getLayer(ALICE, EXPERIMENT, ExperimentOptions.optOut()).reason())
          .isEqualTo(Reason.UNRECOGNIZED);
      assertThat(storage.calls()).isEmpty();
    }
  }

  @Nested
  @DisplayName("step 2: a user without a unit ID")
  class NoUnitId {
    @Test
    @DisplayName("is served live with no storage call at all")
    void noIo() {
      evaluator.experiment(
          "company_experiment",
          user -> evaluation("company_experiment", "companyID", "B", true, true));
      UserPersistedValues values = assignment.getUserPersistedValues(ALICE, "companyID");
      Assignment result =
          assignment.getExperiment(
              ALICE, "company_experiment", ExperimentOptions.persisted(values));
      assignment.getExperiment(ALICE, "company_experiment", ExperimentOptions.optOut());
      assertThat(values).isEqualTo(UserPersistedValues.empty());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("B");
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("is keyed by the custom ID when the experiment uses one")
    void customId() {
      evaluator.experiment(
          "company_experiment",
          user -> evaluation("company_experiment", "companyID", "B", true, true));
      User user = User.builder().userId("alice").customId("companyID", "acme").build();
      assignment.getExperiment(
          user, "company_experiment", ExperimentOptions.persisted(UserPersistedValues.empty()));
      assertThat(storage.calls()).containsExactly("saveIfAbsent acme:companyID company_experiment");
    }
  }

  @Nested
  @DisplayName("step 3: values that are unavailable (the load failed)")
  class Unavailable {
    @Test
    @DisplayName("give the live result as STORAGE_UNAVAILABLE, with no save and no delete")
    void noWrites() {
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      Assignment result = evaluate(ALICE, UserPersistedValues.unavailable());
      assertThat(result.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(storage.calls()).isEmpty();
      assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).contains(stored("Control"));
    }

    @Test
    @DisplayName("are what getUserPersistedValues returns when the load throws")
    void failedLoad() {
      storage.failing("load");
      assertThat(assignment.getUserPersistedValues(ALICE, "userID").isAvailable()).isFalse();
      assertThat(assignment.storageFailures()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("step 4: deletes the stored entry")
  class Deletes {
    @Test
    @DisplayName("when the values are null (the caller opts out)")
    void optOut() {
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      Assignment result = assignment.getExperiment(ALICE, EXPERIMENT, ExperimentOptions.optOut());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(storage.calls()).containsExactly("delete alice:userID checkout_button");
      assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).isEmpty();
    }

    @Test
    @DisplayName("when the experiment is no longer active, even with a stored entry")
    void inactive() {
      evaluator.experiment(EXPERIMENT, user -> evaluation(EXPERIMENT, null, false, false));
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      Assignment result =
          evaluate(ALICE, UserPersistedValues.of(Map.of(EXPERIMENT, stored("Control"))));
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.experimentActive()).isFalse();
      assertThat(result.groupName()).isNull();
      assertThat(storage.calls()).containsExactly("delete alice:userID checkout_button");
    }

    @Test
    @DisplayName("but an empty map counts as opting in")
    void emptyIsOptIn() {
      evaluate(ALICE, UserPersistedValues.empty());
      assertThat(storage.calls()).containsExactly("saveIfAbsent alice:userID checkout_button");
    }
  }

  @Nested
  @DisplayName("step 5: a stored entry")
  class StoredEntry {
    @Test
    @DisplayName("is served as PERSISTED, parameters included, with no write")
    void served() {
      StickyValues control = stored("Control");
      Assignment result = evaluate(ALICE, UserPersistedValues.of(Map.of(EXPERIMENT, control)));
      assertThat(result.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(result.groupName()).isEqualTo("Control");
      assertThat(result.ruleId()).isEqualTo("rule-Control");
      assertThat(result.stringParameter("color", null)).isEqualTo("control");
      assertThat(result.userInExperiment()).isTrue();
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("is dropped for the live result when enforceTargeting and the user now fails it")
    void enforceTargeting() {
      evaluator.failTargeting("alice");
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      Assignment result =
          assignment.getExperiment(
              ALICE,
              EXPERIMENT,
              ExperimentOptions.builder()
                  .userPersistedValues(
                      UserPersistedValues.of(Map.of(EXPERIMENT, stored("Control"))))
                  .enforceTargeting(true)
                  .build());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(storage.calls()).isEmpty();
      assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).contains(stored("Control"));
    }

    @Test
    @DisplayName("is kept when enforceTargeting and the user still passes it")
    void targetingStillPasses() {
      Assignment result =
          assignment.getExperiment(
              ALICE,
              EXPERIMENT,
              ExperimentOptions.builder()
                  .userPersistedValues(
                      UserPersistedValues.of(Map.of(EXPERIMENT, stored("Control"))))
                  .enforceTargeting(true)
                  .build());
      assertThat(result.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(result.groupName()).isEqualTo("Control");
    }

    @Test
    @DisplayName("is dropped when enforceOverrides and an override now matches; storage untouched")
    void enforceOverrides() {
      evaluator.override("alice");
      UserPersistedValues values = UserPersistedValues.of(Map.of(EXPERIMENT, stored("Control")));
      ExperimentOptions options =
          ExperimentOptions.builder().userPersistedValues(values).enforceOverrides(true).build();
      assertThat(assignment.getExperiment(ALICE, EXPERIMENT, options).groupName())
          .isEqualTo("Test");
      assertThat(storage.calls()).isEmpty();
      assertThat(evaluate(ALICE, values).groupName())
          .as("without the flag the override is ignored")
          .isEqualTo("Control");
    }

    @Test
    @DisplayName("checks targeting before overrides")
    void targetingFirst() {
      evaluator.failTargeting("alice").override("alice");
      ExperimentOptions options =
          ExperimentOptions.builder()
              .userPersistedValues(UserPersistedValues.of(Map.of(EXPERIMENT, stored("Control"))))
              .enforceTargeting(true)
              .enforceOverrides(true)
              .build();
      assignment.getExperiment(ALICE, EXPERIMENT, options);
      assertThat(evaluator.checks).containsExactly("targeting checkout_button");
    }
  }

  @Nested
  @DisplayName("step 6: a first evaluation")
  class FirstEvaluation {
    @Test
    @DisplayName("in an experiment group is saved with saveIfAbsent and served live")
    void saved() {
      Assignment result = evaluate(ALICE, UserPersistedValues.empty());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).contains(stored("Test"));
      assertThat(evaluate(ALICE, assignment.getUserPersistedValues(ALICE, "userID")).reason())
          .isEqualTo(Reason.PERSISTED);
    }

    @Test
    @DisplayName("outside an experiment group (holdout, override, not allocated) is not saved")
    void notInGroup() {
      evaluator.experiment(EXPERIMENT, user -> evaluation(EXPERIMENT, null, true, false));
      Assignment result = evaluate(ALICE, UserPersistedValues.empty());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("that lost a race to another writer serves the winner's entry as PERSISTED")
    void lostRace() {
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      Assignment result = evaluate(ALICE, UserPersistedValues.empty());
      assertThat(result.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(result.groupName()).isEqualTo("Control");
      assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).contains(stored("Control"));
    }
  }

  @Nested
  @DisplayName("step 7: storage failures")
  class Failures {
    @Test
    @DisplayName("on save return the live result without an exception, logged and counted")
    void saveFails() {
      storage.failing("saveIfAbsent", "save");
      Assignment result = evaluate(ALICE, UserPersistedValues.empty());
      assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(assignment.storageFailures()).isEqualTo(1);
    }

    @Test
    @DisplayName("on delete return the live result without an exception")
    void deleteFails() {
      storage.failing("delete");
      Assignment result = assignment.getExperiment(ALICE, EXPERIMENT, ExperimentOptions.optOut());
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(assignment.storageFailures()).isEqualTo(1);
    }

    @Test
    @DisplayName("end when storage answers again, with no restart")
    void recovers() {
      storage.failing("load");
      assertThat(assignment.getUserPersistedValues(ALICE, "userID").isAvailable()).isFalse();
      storage.failing();
      storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
      UserPersistedValues values = assignment.getUserPersistedValues(ALICE, "userID");
      assertThat(evaluate(ALICE, values).groupName()).isEqualTo("Control");
    }

    @Test
    @DisplayName("count every failed call, but one outage per run of failures")
    void outagesCountedPerBurst() {
      storage.failing("load");
      for (int i = 0; i < 5; i++) {
        assignment.getUserPersistedValues(ALICE, "userID");
      }
      assertThat(assignment.storageFailures()).isEqualTo(5);
      assertThat(assignment.storageOutages()).isEqualTo(1);

      storage.failing();
      assignment.getUserPersistedValues(ALICE, "userID");
      storage.failing("load");
      assignment.getUserPersistedValues(ALICE, "userID");
      assignment.getUserPersistedValues(ALICE, "userID");
      assertThat(assignment.storageFailures()).isEqualTo(7);
      assertThat(assignment.storageOutages()).isEqualTo(2);
    }
  }

  @Nested
  @DisplayName("layers")
  class Layers {
    @Test
    @DisplayName("are stored under the layer's name with the experiment as configDelegate")
    void storedWithDelegate() {
      evaluator.layer("checkout_layer", EXPERIMENT);
      Assignment first =
          assignment.getLayer(
              ALICE, "checkout_layer", ExperimentOptions.persisted(UserPersistedValues.empty()));
      assertThat(first.configDelegate()).isEqualTo(EXPERIMENT);
      StickyValues saved = storage.stored(ALICE_KEY, "checkout_layer").orElseThrow();
      assertThat(saved.configDelegate()).isEqualTo(EXPERIMENT);
      assertThat(saved.explicitParameters()).containsExactly("color");

      evaluator.experiment(EXPERIMENT, "Control");
      Assignment again =
          assignment.getLayer(
              ALICE,
              "checkout_layer",
              ExperimentOptions.persisted(assignment.getUserPersistedValues(ALICE, "userID")));
      assertThat(again.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(again.groupName()).isEqualTo("Test");
      assertThat(again.configDelegate()).isEqualTo(EXPERIMENT);
    }

    @Test
    @DisplayName("enforce targeting against the stored delegate experiment")
    void enforceAgainstDelegate() {
      evaluator.layer("checkout_layer", EXPERIMENT).failTargeting("alice");
      StickyValues stored = stored("Control").toBuilder().configDelegate("old_experiment").build();
      ExperimentOptions options =
          ExperimentOptions.builder()
              .userPersistedValues(UserPersistedValues.of(Map.of("checkout_layer", stored)))
              .enforceTargeting(true)
              .build();
      Assignment result = assignment.getLayer(ALICE, "checkout_layer", options);
      assertThat(result.groupName()).isEqualTo("Test");
      assertThat(evaluator.checks).containsExactly("targeting old_experiment");
    }

    @Test
    @DisplayName("whose delegate experiment is inactive delete the layer's entry")
    void inactiveDelegate() {
      evaluator.experiment(EXPERIMENT, user -> evaluation(EXPERIMENT, null, false, false));
      evaluator.layer("checkout_layer", EXPERIMENT);
      assignment.getLayer(
          ALICE,
          "checkout_layer",
          ExperimentOptions.persisted(
              UserPersistedValues.of(Map.of("checkout_layer", stored("A")))));
      assertThat(storage.calls()).containsExactly("delete alice:userID checkout_layer");
    }
  }

  @Test
  @DisplayName("values loaded for one user and passed with another give the first user's group")
  void crossUser() {
    storage.put(ALICE_KEY, EXPERIMENT, stored("Control"));
    UserPersistedValues alices = assignment.getUserPersistedValues(ALICE, "userID");
    User bob = User.of("bob");
    assertThat(evaluate(bob, alices).groupName()).isEqualTo("Control");
    assignment.getExperiment(bob, EXPERIMENT, ExperimentOptions.optOut());
    assertThat(storage.calls()).endsWith("delete bob:userID checkout_button");
    assertThat(storage.stored(ALICE_KEY, EXPERIMENT)).isPresent();
  }

  @Nested
  @DisplayName("rejects bad input, naming the argument, with nothing written")
  class BadInput {
    @Test
    @DisplayName("null or blank names, null user, null options")
    void badArguments() {
      ExperimentOptions options = ExperimentOptions.persisted(UserPersistedValues.empty());
      assertThatThrownBy(() -> assignment.getExperiment(null, EXPERIMENT, options))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("user");
      assertThatThrownBy(() -> assignment.getExperiment(ALICE, " ", options))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("experimentName");
      assertThatThrownBy(() -> assignment.getLayer(ALICE, null, options))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layerName");
      assertThatThrownBy(() -> assignment.getExperiment(ALICE, EXPERIMENT, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("options");
      assertThatThrownBy(() -> assignment.getUserPersistedValues(ALICE, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("idType");
      assertThat(storage.calls()).isEmpty();
    }

    @Test
    @DisplayName("a builder without storage or evaluator")
    void incompleteBuilder() {
      assertThatThrownBy(() -> PersistentAssignment.builder().evaluator(evaluator).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("storage");
      assertThatThrownBy(() -> PersistentAssignment.builder().storage(storage).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("evaluator");
    }
  }

  @Test
  @DisplayName("the default saveIfAbsent writes once and then returns the stored entry")
  void defaultSaveIfAbsent() {
    PersistentStorage plain =
        new PersistentStorage() {
          final RecordingStorage delegate = new RecordingStorage();

          @Override
          public UserPersistedValues load(String key) {
            return delegate.load(key);
          }

          @Override
          public void save(String key, String configName, StickyValues values) {
            delegate.save(key, configName, values);
          }

          @Override
          public void delete(String key, String configName) {
            delegate.delete(key, configName);
          }

          @Override
          public void close() {}
        };
    assertThat(plain.saveIfAbsent("k", "c", stored("A"))).isEmpty();
    assertThat(plain.saveIfAbsent("k", "c", stored("B"))).isEqualTo(Optional.of(stored("A")));
    assertThat(plain.loadAll(java.util.List.of("k", "missing", "k")))
        .containsOnlyKeys("k", "missing")
        .containsEntry("missing", UserPersistedValues.empty());
    assertThatThrownBy(() -> plain.saveIfAbsent("k", " ", stored("A")))
        .hasMessageContaining("configName");
  }
}
