package io.github.persistentassignment.integration.statsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.persistentassignment.SecondaryExposure;
import io.github.persistentassignment.StickyValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Converting sticky values between Statsig's SDK and ours")
class StatsigStickyValuesTest {
  private static final StickyValues LAYER_ENTRY =
      StickyValues.builder()
          .value(true)
          .jsonValue(
              Map.of(
                  "color",
                  "blue",
                  "size",
                  3L,
                  "ratio",
                  0.25,
                  "nested",
                  Map.of("list", List.of(1L, "two"), "flag", false)))
          .ruleId("rule_control")
          .groupName("Control")
          .secondaryExposures(List.of(new SecondaryExposure("gate_a", "true", "rule_a")))
          .undelegatedSecondaryExposures(
              List.of(
                  new SecondaryExposure("gate_b", "false", "rule_b"),
                  new SecondaryExposure("gate_c", "true", "rule_c")))
          .configDelegate("sticky_exp")
          .explicitParameters(List.of("color", "size"))
          .time(1_700_000_000_123L)
          .configVersion(7)
          .build();

  @Test
  @DisplayName("ours to Statsig's and back keeps every field but the configuration version")
  void roundTripFromOurs() {
    com.statsig.sdk.persistent_storage.StickyValues statsig =
        StatsigStickyValues.toStatsig(LAYER_ENTRY);

    assertThat(statsig.getValue()).isTrue();
    assertThat(statsig.getRuleID()).isEqualTo("rule_control");
    assertThat(statsig.getGroupName()).isEqualTo("Control");
    assertThat(statsig.getConfigDelegate()).isEqualTo("sticky_exp");
    assertThat(statsig.getExplicitParameters()).containsExactly("color", "size");
    assertThat(statsig.getTime()).isEqualTo(1_700_000_000_123L);
    assertThat(statsig.getSecondaryExposures())
        .containsExactly(Map.of("gate", "gate_a", "gateValue", "true", "ruleID", "rule_a"));
    assertThat(statsig.getUndelegatedSecondaryExposures()).hasSize(2);
    assertThat(statsig.getJsonValue()).isEqualTo(LAYER_ENTRY.jsonValue());

    assertThat(StatsigStickyValues.fromStatsig(statsig))
        .isEqualTo(LAYER_ENTRY.toBuilder().configVersion(null).build());
  }

  @Test
  @DisplayName("Statsig's to ours and back keeps every field, Gson's doubles included")
  void roundTripFromStatsig() {
    Map<String, Object> gsonParameters = new LinkedHashMap<>();
    gsonParameters.put("size", 2.0);
    gsonParameters.put("color", "green");
    ArrayList<Map<String, String>> exposures = new ArrayList<>();
    exposures.add(Map.of("gate", "g", "gateValue", "false", "ruleID", "r"));
    com.statsig.sdk.persistent_storage.StickyValues statsig =
        new com.statsig.sdk.persistent_storage.StickyValues(
            true,
            gsonParameters,
            "rule_test",
            "Test",
            exposures,
            null,
            null,
            new ArrayList<>(),
            1_700_000_100_000L);

    StickyValues ours = StatsigStickyValues.fromStatsig(statsig);
    assertThat(ours.jsonValue()).containsEntry("size", 2.0).containsEntry("color", "green");
    assertThat(ours.explicitParameters()).isNull();
    assertThat(ours.configDelegate()).isNull();
    assertThat(ours.configVersion()).isNull();
    assertThat(ours.secondaryExposures()).containsExactly(new SecondaryExposure("g", "false", "r"));

    com.statsig.sdk.persistent_storage.StickyValues back = StatsigStickyValues.toStatsig(ours);
    assertThat(back.getJsonValue()).isEqualTo(gsonParameters);
    assertThat(back.getRuleID()).isEqualTo("rule_test");
    assertThat(back.getGroupName()).isEqualTo("Test");
    assertThat(back.getSecondaryExposures()).isEqualTo(exposures);
    assertThat(back.getExplicitParameters()).isNull();
    assertThat(back.getTime()).isEqualTo(1_700_000_100_000L);
  }

  @Test
  @DisplayName("a null rule id becomes the empty string Statsig's non-null field allows")
  void nullRuleId() {
    StickyValues noRule = StickyValues.builder().groupName("G").build();
    assertThat(StatsigStickyValues.toStatsig(noRule).getRuleID()).isEmpty();
    assertThat(StatsigStickyValues.toStatsig(noRule).getJsonValue()).isNull();
  }

  @Test
  @DisplayName("parameters that are not a JSON object, or an incomplete exposure, are refused")
  void refusesWhatOursCannotHold() {
    com.statsig.sdk.persistent_storage.StickyValues notAMap =
        new com.statsig.sdk.persistent_storage.StickyValues(
            true, "text", "r", "G", new ArrayList<>(), null, null, new ArrayList<>(), 0L);
    assertThatThrownBy(() -> StatsigStickyValues.fromStatsig(notAMap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jsonValue");

    ArrayList<Map<String, String>> incomplete = new ArrayList<>();
    incomplete.add(Map.of("gate", "g"));
    com.statsig.sdk.persistent_storage.StickyValues badExposure =
        new com.statsig.sdk.persistent_storage.StickyValues(
            true, null, "r", "G", incomplete, null, null, new ArrayList<>(), 0L);
    assertThatThrownBy(() -> StatsigStickyValues.fromStatsig(badExposure))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gateValue");
  }
}
