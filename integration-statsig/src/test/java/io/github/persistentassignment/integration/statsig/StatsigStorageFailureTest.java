package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import com.statsig.sdk.DynamicConfig;
import com.statsig.sdk.EvaluationReason;
import com.statsig.sdk.GetExperimentOptions;
import com.statsig.sdk.PersistentAssignmentOptions;
import com.statsig.sdk.StatsigUser;
import com.statsig.sdk.persistent_storage.IUserPersistentStorage;
import com.statsig.sdk.persistent_storage.StickyValues;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Statsig's SDK when the storage fails, or the user has no unit ID")
class StatsigStorageFailureTest {
  private static final String EXPERIMENT = StatsigScenarios.EXPERIMENT;

  private final PersistentStorage memory = InMemoryPersistentStorage.create();
  private final FlakyStorage flaky = new FlakyStorage(memory);
  private final StatsigPersistentStorage statsigStorage = StatsigPersistentStorage.of(flaky);

  @AfterEach
  void closeStorage() {
    flaky.close();
  }

  @AfterAll
  static void awaitSdkShutdowns() {
    OfflineStatsig.awaitShutdowns();
  }

  private DynamicConfig evaluate(OfflineStatsig statsig, StatsigUser user) {
    GetExperimentOptions options =
        new GetExperimentOptions(
            false,
            statsigStorage.persistedValues(user, "userID"),
            new PersistentAssignmentOptions(false, false));
    return statsig.server().getExperimentSync(user, EXPERIMENT, options);
  }

  private String storedGroup(String key) {
    return memory.load(key).get(EXPERIMENT).orElseThrow().groupName();
  }

  @Test
  @DisplayName("a failing load serves the live result, replaces nothing, and recovers")
  void failingLoadNeverReassigns() {
    StatsigUser alice = new StatsigUser("alice");
    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, statsigStorage)) {
      assertThat(evaluate(v1, alice).getGroupName()).isEqualTo("Control");
    }

    try (OfflineStatsig v2 =
        OfflineStatsig.start(OfflineStatsig.V2_SPLIT_CHANGED, statsigStorage)) {
      flaky.failLoads(true);
      Map<String, Map<String, StickyValues>> persisted =
          statsigStorage.persistedValues(alice, "userID");
      assertThat(persisted).containsOnlyKeys("alice:userID");
      assertThat(persisted.get("alice:userID")).isEmpty();

      DynamicConfig duringOutage =
          v2.server()
              .getExperimentSync(
                  alice,
                  EXPERIMENT,
                  new GetExperimentOptions(
                      false, persisted, new PersistentAssignmentOptions(false, false)));
      // The SDK serves the live result and asks to save it; the stored Control stays.
      assertThat(duringOutage.getGroupName()).isEqualTo("Test");
      assertThat(storedGroup("alice:userID")).isEqualTo("Control");

      flaky.failLoads(false);
      DynamicConfig recovered = evaluate(v2, alice);
      assertThat(recovered.getGroupName()).isEqualTo("Control");
      assertThat(recovered.getEvaluationDetails().getReason())
          .isEqualTo(EvaluationReason.PERSISTED);
    }
  }

  @Test
  @DisplayName("a failing save or delete never reaches the SDK: the live result is served")
  void failingWritesAreSwallowed() {
    StatsigUser alice = new StatsigUser("alice");
    flaky.failWrites(true);
    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, statsigStorage)) {
      DynamicConfig saveFails = evaluate(v1, alice);
      assertThat(saveFails.getGroupName()).isEqualTo("Control");
      assertThat(saveFails.getEvaluationDetails().getReason())
          .isEqualTo(EvaluationReason.BOOTSTRAP);

      DynamicConfig deleteFails = v1.server().getExperimentSync(alice, EXPERIMENT);
      assertThat(deleteFails.getGroupName()).isEqualTo("Control");
    }
    assertThat(memory.load("alice:userID").isEmpty()).isTrue();
  }

  @Test
  @DisplayName("the SDK itself turns an exception from its storage into an empty result")
  void sdkReturnsEmptyResultWhenItsStorageThrows() {
    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, new ThrowingStorage())) {
      StatsigUser alice = new StatsigUser("alice");
      DynamicConfig saveThrew =
          v1.server()
              .getExperimentSync(
                  alice,
                  EXPERIMENT,
                  new GetExperimentOptions(
                      false, new HashMap<>(), new PersistentAssignmentOptions(false, false)));
      DynamicConfig deleteThrew = v1.server().getExperimentSync(alice, EXPERIMENT);

      for (DynamicConfig result : List.of(saveThrew, deleteThrew)) {
        assertThat(result.getGroupName()).isNull();
        assertThat(result.getValue()).isEmpty();
        assertThat(result.getEvaluationDetails()).isNull();
      }
    }
  }

  @Test
  @DisplayName("a user without the unit ID is evaluated live and never stored under 'null:userID'")
  void userWithoutUnitIdIsNotStored() {
    StatsigUser noUserId = new StatsigUser(Map.of("companyID", "acme"));
    StatsigUser emptyUserId = new StatsigUser("");
    assertThat(statsigStorage.persistedValues(noUserId, "userID")).isEmpty();

    try (OfflineStatsig v1 = OfflineStatsig.start(OfflineStatsig.V1_SPLIT, statsigStorage)) {
      assertThat(evaluate(v1, noUserId).getGroupName()).isEqualTo("Test");
      assertThat(evaluate(v1, emptyUserId).getGroupName()).isEqualTo("Test");
    }
    // Statsig's SDK asked to save under "null:userID" and ":userID"; the adapter declined.
    assertThat(memory.load("null:userID").isEmpty()).isTrue();
    assertThat(memory.load(":userID").isEmpty()).isTrue();
  }

  /** A storage of the SDK's interface that fails every call, to observe what the SDK does. */
  private static final class ThrowingStorage implements IUserPersistentStorage {
    @Override
    public Object load(String key, Continuation<? super Map<String, StickyValues>> continuation) {
      throw new IllegalStateException("load");
    }

    @Override
    public Object load(
        String key,
        List<String> configNames,
        Continuation<? super Map<String, StickyValues>> continuation) {
      throw new IllegalStateException("load");
    }

    @Override
    public void save(String key, String configName, StickyValues data) {
      throw new IllegalStateException("save");
    }

    @Override
    public void delete(String key, String configName) {
      throw new IllegalStateException("delete");
    }
  }
}
