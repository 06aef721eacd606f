package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import com.statsig.sdk.DynamicConfig;
import com.statsig.sdk.EvaluationReason;
import com.statsig.sdk.GetExperimentOptions;
import com.statsig.sdk.PersistentAssignmentOptions;
import com.statsig.sdk.StatsigUser;
import io.github.persistentassignment.Assignment;
import io.github.persistentassignment.PersistentAssignment;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.User;
import io.github.persistentassignment.catalog.Experiment;
import io.github.persistentassignment.catalog.ExperimentCatalog;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Persistent assignment through the real Statsig SDK, offline, over one of our storages. Each
 * backend extends this class with a factory for its storage and a cleanup of what it wrote.
 *
 * <p>The fixtures split {@code sticky_exp} by bucket: {@code alice} (bucket 264) is in Control in
 * v1 ({@code bucket < 500}) and in Test from v2 on ({@code bucket < 100}); {@code bob} (bucket 750)
 * is in Test throughout.
 */
abstract class StatsigScenarios {
  static final String EXPERIMENT = "sticky_exp";
  static final String ALICE_KEY = "alice:userID";
  static final String BOB_KEY = "bob:userID";

  private PersistentStorage storage;
  private StatsigPersistentStorage statsigStorage;

  /** A new, empty storage for one test. */
  abstract PersistentStorage createStorage();

  /** Removes what the test wrote from the backend, after the storage was closed. */
  void cleanUp() {}

  @BeforeEach
  void openStorage() {
    storage = createStorage();
    statsigStorage = StatsigPersistentStorage.of(storage);
  }

  @AfterEach
  void closeStorage() {
    storage.close();
    cleanUp();
  }

  @AfterAll
  static void awaitSdkShutdowns() {
    OfflineStatsig.awaitShutdowns();
  }

  PersistentStorage storage() {
    return storage;
  }

  private DynamicConfig evaluate(OfflineStatsig statsig, StatsigUser user, boolean enforce) {
    GetExperimentOptions options =
        new GetExperimentOptions(
            false,
            statsigStorage.persistedValues(user, "userID"),
            new PersistentAssignmentOptions(enforce, false));
    return statsig.server().getExperimentSync(user, EXPERIMENT, options);
  }

  private DynamicConfig firstEvaluation(StatsigUser user) {
    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, statsigStorage)) {
      return evaluate(v1, user, false);
    }
  }

  private StickyValues stored(String key) {
    return storage.load(key).get(EXPERIMENT).orElseThrow();
  }

  @Test
  @DisplayName(
      "the first evaluation with persisted values saves the assignment through our storage")
  void firstEvaluationSaves() {
    DynamicConfig first = firstEvaluation(new StatsigUser("alice"));

    assertThat(first.getGroupName()).isEqualTo("Control");
    assertThat(first.getEvaluationDetails().getReason()).isEqualTo(EvaluationReason.BOOTSTRAP);
    StickyValues saved = stored(ALICE_KEY);
    assertThat(saved.groupName()).isEqualTo("Control");
    assertThat(saved.ruleId()).isEqualTo("rule_control");
    assertThat(saved.value()).isTrue();
    assertThat(saved.time()).isEqualTo(OfflineStatsig.V1_TIME);
    assertThat(saved.jsonValue()).containsEntry("color", "blue");
    assertThat(((Number) saved.jsonValue().get("size")).intValue()).isEqualTo(1);
    assertThat(storage.load(BOB_KEY).isEmpty()).isTrue();
  }

  @Test
  @DisplayName("after the split changes, the user keeps the group and the SDK says Persisted")
  void keepsGroupAfterSplitChange() {
    StatsigUser alice = new StatsigUser("alice");
    firstEvaluation(alice);

    try (OfflineStatsig v2 = OfflineStatsig.start(OfflineStatsig.V2_SPLIT_CHANGED, null)) {
      // A server without storage shows the live result, which has moved.
      assertThat(v2.server().getExperimentSync(alice, EXPERIMENT).getGroupName()).isEqualTo("Test");
    }
    try (OfflineStatsig v2 =
        OfflineStatsig.start(OfflineStatsig.V2_SPLIT_CHANGED, statsigStorage)) {
      DynamicConfig again = evaluate(v2, alice, false);

      assertThat(again.getGroupName()).isEqualTo("Control");
      assertThat(again.getRuleID()).isEqualTo("rule_control");
      assertThat(again.getEvaluationDetails().getReason()).isEqualTo(EvaluationReason.PERSISTED);
      assertThat(again.getString("color", "")).isEqualTo("blue");
      assertThat(again.getInt("size", -1)).isEqualTo(1);
    }
    assertThat(stored(ALICE_KEY).groupName()).isEqualTo("Control");
  }

  @Test
  @DisplayName("an inactive experiment deletes the stored entry")
  void inactiveDeletes() {
    StatsigUser alice = new StatsigUser("alice");
    firstEvaluation(alice);

    try (OfflineStatsig v3 = OfflineStatsig.start(OfflineStatsig.V3_INACTIVE, statsigStorage)) {
      DynamicConfig result = evaluate(v3, alice, false);
      assertThat(result.getEvaluationDetails().getReason())
          .isNotEqualTo(EvaluationReason.PERSISTED);
    }
    assertThat(storage.load(ALICE_KEY).get(EXPERIMENT)).isEmpty();
  }

  @Test
  @DisplayName("enforceTargeting drops the sticky value of a user who now fails targeting")
  void enforceTargetingDropsStickyValue() {
    StatsigUser alice = new StatsigUser("alice");
    alice.setCountry("CA");
    firstEvaluation(alice);

    try (OfflineStatsig v4 = OfflineStatsig.start(OfflineStatsig.V4_TARGETING, statsigStorage)) {
      DynamicConfig enforced = evaluate(v4, alice, true);
      assertThat(enforced.getGroupName()).isNull();
      assertThat(enforced.getRuleID()).isEqualTo("targetingGate");
      assertThat(enforced.getString("color", "")).isEqualTo("grey");
      assertThat(enforced.getEvaluationDetails().getReason())
          .isNotEqualTo(EvaluationReason.PERSISTED);

      DynamicConfig notEnforced = evaluate(v4, alice, false);
      assertThat(notEnforced.getGroupName()).isEqualTo("Control");
      assertThat(notEnforced.getEvaluationDetails().getReason())
          .isEqualTo(EvaluationReason.PERSISTED);

      StatsigUser usAlice = new StatsigUser("alice");
      usAlice.setCountry("US");
      DynamicConfig passes = evaluate(v4, usAlice, true);
      assertThat(passes.getGroupName()).isEqualTo("Control");
      assertThat(passes.getEvaluationDetails().getReason()).isEqualTo(EvaluationReason.PERSISTED);
    }
    // The SDK leaves storage as it was: the user comes back to Control if targeting changes back.
    assertThat(stored(ALICE_KEY).groupName()).isEqualTo("Control");
  }

  @Test
  @DisplayName("a plain getExperimentSync without options deletes the stored entry (SDK behaviour)")
  void plainCallDeletes() {
    StatsigUser alice = new StatsigUser("alice");
    firstEvaluation(alice);

    try (OfflineStatsig v2 =
        OfflineStatsig.start(OfflineStatsig.V2_SPLIT_CHANGED, statsigStorage)) {
      assertThat(v2.server().getExperimentSync(alice, EXPERIMENT).getGroupName()).isEqualTo("Test");
    }
    assertThat(storage.load(ALICE_KEY).get(EXPERIMENT)).isEmpty();
  }

  @Test
  @DisplayName("an entry our core wrote is served by the SDK")
  void sdkReadsWhatCoreWrote() {
    // Our catalog puts everybody in Control; the SDK's live result for bob is Test.
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(
                Experiment.builder(EXPERIMENT)
                    .group("Control", 100, Map.of("color", "blue", "size", 1))
                    .build())
            .build();
    PersistentAssignment core =
        PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
    Assignment written = core.forUser(User.of("bob")).getExperiment(EXPERIMENT);
    assertThat(written.groupName()).isEqualTo("Control");
    StickyValues coreEntry = stored(BOB_KEY);

    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, statsigStorage)) {
      DynamicConfig result = evaluate(v1, new StatsigUser("bob"), false);

      assertThat(result.getGroupName()).isEqualTo("Control");
      assertThat(result.getEvaluationDetails().getReason()).isEqualTo(EvaluationReason.PERSISTED);
      assertThat(result.getString("color", "")).isEqualTo("blue");
      assertThat(result.getInt("size", -1)).isEqualTo(1);
      assertThat(result.getLong("size", -1)).isEqualTo(1L);
    }
    // Serving it wrote nothing: the entry, configuration version included, is as core left it.
    assertThat(stored(BOB_KEY)).isEqualTo(coreEntry);
  }

  @Test
  @DisplayName("an entry the SDK saved is served by our core")
  void coreReadsWhatSdkSaved() {
    firstEvaluation(new StatsigUser("alice"));

    // Our catalog would put alice in Test; the stored Control wins.
    ExperimentCatalog catalog =
        ExperimentCatalog.builder()
            .experiment(
                Experiment.builder(EXPERIMENT)
                    .group("Test", 100, Map.of("color", "green", "size", 2))
                    .build())
            .build();
    PersistentAssignment core =
        PersistentAssignment.builder().storage(storage).evaluator(catalog).build();
    Assignment result = core.forUser(User.of("alice")).getExperiment(EXPERIMENT);

    assertThat(result.groupName()).isEqualTo("Control");
    assertThat(result.ruleId()).isEqualTo("rule_control");
    assertThat(result.reason()).isEqualTo(Assignment.Reason.PERSISTED);
    assertThat(result.parameters()).containsEntry("color", "blue");
  }
}
