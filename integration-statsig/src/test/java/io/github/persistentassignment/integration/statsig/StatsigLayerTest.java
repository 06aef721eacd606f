package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;

import com.statsig.sdk.EvaluationReason;
import com.statsig.sdk.GetLayerOptions;
import com.statsig.sdk.Layer;
import com.statsig.sdk.PersistentAssignmentOptions;
import com.statsig.sdk.StatsigUser;
import io.github.persistentassignment.PersistentStorage;
import io.github.persistentassignment.StickyValues;
import io.github.persistentassignment.storage.memory.InMemoryPersistentStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A layer through the real SDK: {@code sticky_layer} delegates to {@code layer_exp}, split as
 * {@code sticky_exp} is in the other fixtures.
 */
@DisplayName("Statsig's SDK keeps a layer's assignment, delegate and explicit parameters")
class StatsigLayerTest {
  private final PersistentStorage storage = InMemoryPersistentStorage.create();
  private final StatsigPersistentStorage statsigStorage = StatsigPersistentStorage.of(storage);

  @AfterEach
  void closeStorage() {
    storage.close();
  }

  @AfterAll
  static void awaitSdkShutdowns() {
    OfflineStatsig.awaitShutdowns();
  }

  private Layer evaluate(OfflineStatsig statsig, StatsigUser user) {
    GetLayerOptions options =
        new GetLayerOptions(
            false,
            statsigStorage.persistedValues(user, "userID"),
            new PersistentAssignmentOptions(false, false));
    return statsig.server().getLayerSync(user, "sticky_layer", options);
  }

  @Test
  @DisplayName("the layer entry carries config_delegate and explicit_parameters, and is served")
  void layerKeepsAssignment() {
    StatsigUser alice = new StatsigUser("alice");
    try (OfflineStatsig v1 = OfflineStatsig.start("layer-v1.json", statsigStorage)) {
      Layer first = evaluate(v1, alice);
      assertThat(first.getString("color", "")).isEqualTo("blue");
    }
    StickyValues saved = storage.load("alice:userID").get("sticky_layer").orElseThrow();
    assertThat(saved.configDelegate()).isEqualTo("layer_exp");
    assertThat(saved.explicitParameters()).containsExactlyInAnyOrder("color", "size");
    assertThat(saved.groupName()).isEqualTo("Control");

    try (OfflineStatsig v2 = OfflineStatsig.start("layer-v2.json", statsigStorage)) {
      Layer again = evaluate(v2, alice);
      assertThat(again.getString("color", "")).isEqualTo("blue");
      assertThat(again.getInt("size", -1)).isEqualTo(1);
      assertThat(again.getEvaluationDetails().getReason()).isEqualTo(EvaluationReason.PERSISTED);
    }
  }
}
