package io.github.persistentassignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.persistentassignment.Assignment.Reason;
import io.github.persistentassignment.catalog.Condition;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import io.github.persistentassignment.catalog.Group;
import io.github.persistentassignment.catalog.Layer;
import io.github.persistentassignment.catalog.Operator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product's own story, end to end, over the real catalog and a map-backed storage. */
@DisplayName("The product's story with ExperimentCatalog")
class ProductStoryTest {
  static final String EXPERIMENT = "checkout_button";

  final RecordingStorage storage = new RecordingStorage();

  static Experiment fiftyFifty() {
    return Experiment.builder(EXPERIMENT)
        .defaultParameters(Map.of("color", "grey"))
        .group("Control", 50, Map.of("color", "blue"))
        .group("Test", 50, Map.of("color", "green"))
        .build();
  }

  static ExperimentCatalog catalog(Experiment experiment) {
    return ExperimentCatalog.builder()
        .configTime(1_700_000_000_000L)
        .experiment(experiment)
        .build();
  }

  PersistentAssignment over(ExperimentCatalog catalog) {
    return PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
  }

  static Assignment sticky(PersistentAssignment assignment, User user) {
    return assignment.forUser(user).getExperiment(EXPERIMENT);
  }

  @Test
  @DisplayName(
      "test-123 is saved on first evaluation, and its values give user 'unknown' the same group")
  void testUser123() {
    PersistentAssignment assignment = over(catalog(fiftyFifty()));
    User user = User.of("test-123");

    Assignment first = sticky(assignment, user);
    assertThat(first.reason()).isEqualTo(Reason.EVALUATED);
    StickyValues saved = storage.stored("test-123:userID", EXPERIMENT).orElseThrow();
    assertThat(saved.groupName()).isEqualTo(first.groupName());
    assertThat(saved.jsonValue()).isEqualTo(first.parameters());
    assertThat(saved.time()).isEqualTo(1_700_000_000_000L);

    assertThat(sticky(assignment, user).reason()).isEqualTo(Reason.PERSISTED);

    UserPersistedValues values = assignment.getUserPersistedValues(user, "userID");
    Assignment other =
        assignment.getExperiment(
            User.of("unknown"), EXPERIMENT, ExperimentOptions.persisted(values));
    assertThat(other.reason()).isEqualTo(Reason.PERSISTED);
    assertThat(other.groupName()).isEqualTo(first.groupName());
    assertThat(storage.stored("unknown:userID", EXPERIMENT)).isEmpty();

    assignment.getExperiment(user, EXPERIMENT, ExperimentOptions.optOut());
    assertThat(storage.stored("test-123:userID", EXPERIMENT)).as("null values delete").isEmpty();
  }

  @Test
  @DisplayName("an experiment made inactive deletes the stored entry")
  void inactiveDeletes() {
    User user = User.of("test-123");
    sticky(over(catalog(fiftyFifty())), user);
    assertThat(storage.stored("test-123:userID", EXPERIMENT)).isPresent();

    Assignment stopped =
        sticky(over(catalog(fiftyFifty().toBuilder().active(false).build())), user);
    assertThat(stopped.experimentActive()).isFalse();
    assertThat(stopped.stringParameter("color", null)).isEqualTo("grey");
    assertThat(storage.stored("test-123:userID", EXPERIMENT)).isEmpty();
  }

  @Test
  @DisplayName(
      "after allocation and weights change, persisted users keep their group; new users follow the new split")
  void allocationAndWeightsChange() {
    PersistentAssignment before = over(catalog(fiftyFifty()));
    Map<String, String> firstGroups = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      User user = User.of("early-" + i);
      firstGroups.put(user.userId(), sticky(before, user).groupName());
    }

    ExperimentCatalog changed =
        catalog(
            fiftyFifty().toBuilder()
                .allocationPercent(60)
                .groups(
                    List.of(
                        new Group("Control", 10, Map.of("color", "blue")),
                        new Group("Test", 90, Map.of("color", "green"))))
                .build());
    PersistentAssignment after = over(changed);

    int movedLive = 0;
    for (Map.Entry<String, String> early : firstGroups.entrySet()) {
      User user = User.of(early.getKey());
      Evaluation live = changed.evaluate(user, EXPERIMENT).orElseThrow();
      if (!early.getValue().equals(live.values().groupName())) {
        movedLive++;
      }
      Assignment served = sticky(after, user);
      assertThat(served.reason()).isEqualTo(Reason.PERSISTED);
      assertThat(served.groupName()).isEqualTo(early.getValue());
    }
    assertThat(movedLive)
        .as("live bucketing moves users; persistence is what keeps them")
        .isGreaterThan(100);

    int test = 0;
    int control = 0;
    for (int i = 0; i < 2_000; i++) {
      User user = User.of("late-" + i);
      Assignment served = sticky(after, user);
      assertThat(served.groupName())
          .isEqualTo(changed.evaluate(user, EXPERIMENT).orElseThrow().values().groupName());
      if ("Test".equals(served.groupName())) {
        test++;
      } else if ("Control".equals(served.groupName())) {
        control++;
      }
    }
    assertThat(test + control).isBetween(1_100, 1_300);
    assertThat((double) test / (test + control)).isBetween(0.85, 0.95);
  }

  @Test
  @DisplayName(
      "enforceTargeting drops the sticky value of a user who now fails targeting, leaving storage untouched")
  void enforceTargeting() {
    User user = User.builder().userId("test-123").attribute("country", "US").build();
    sticky(over(catalog(fiftyFifty())), user);
    StickyValues saved = storage.stored("test-123:userID", EXPERIMENT).orElseThrow();

    PersistentAssignment targeted =
        over(
            catalog(
                fiftyFifty().toBuilder()
                    .targeting(Condition.of("country", Operator.IN, List.of("CA")))
                    .build()));
    UserAssignments request = targeted.forUser(user);
    request.preload("userID");
    storage.clearCalls();
    Assignment result = request.getExperiment(EXPERIMENT, Enforce.TARGETING);
    assertThat(result.reason()).isEqualTo(Reason.EVALUATED);
    assertThat(result.groupName()).isNull();
    assertThat(result.ruleId()).isEqualTo(ExperimentCatalog.RULE_TARGETING_GATE);
    assertThat(storage.calls()).isEmpty();
    assertThat(storage.stored("test-123:userID", EXPERIMENT)).contains(saved);

    Assignment withoutFlag = sticky(targeted, user);
    assertThat(withoutFlag.reason()).isEqualTo(Reason.PERSISTED);
  }

  @Test
  @DisplayName(
      "enforceOverrides serves the override to an overridden user, leaving storage untouched")
  void enforceOverrides() {
    User user = User.of("test-123");
    String first = sticky(over(catalog(fiftyFifty())), user).groupName();
    String other = "Test".equals(first) ? "Control" : "Test";
    PersistentAssignment overridden =
        over(catalog(fiftyFifty().toBuilder().override("test-123", other).build()));
    Assignment result = overridden.forUser(user).getExperiment(EXPERIMENT, Enforce.OVERRIDES);
    assertThat(result.groupName()).isEqualTo(other);
    assertThat(result.ruleId()).isEqualTo(ExperimentCatalog.RULE_OVERRIDE);
    assertThat(storage.stored("test-123:userID", EXPERIMENT).orElseThrow().groupName())
        .isEqualTo(first);
  }

  @Test
  @DisplayName("a layer stores the allocated experiment as configDelegate")
  void layer() {
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(fiftyFifty())
            .layer(
                Layer.builder("checkout_layer")
                    .defaultParameters(Map.of("color", "grey", "size", 1))
                    .experiment(EXPERIMENT, 100)
                    .build())
            .build();
    PersistentAssignment assignment = over(catalog);
    User user = User.of("test-123");
    Assignment first = assignment.forUser(user).getLayer("checkout_layer");
    assertThat(first.configDelegate()).isEqualTo(EXPERIMENT);
    assertThat(first.longParameter("size", 0)).isEqualTo(1);
    StickyValues saved = storage.stored("test-123:userID", "checkout_layer").orElseThrow();
    assertThat(saved.configDelegate()).isEqualTo(EXPERIMENT);
    assertThat(saved.explicitParameters()).containsExactly("color");
  }
}
